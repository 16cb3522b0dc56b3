import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import type { Db } from "@/lib/database/client";
import { derivedKey } from "./keys";

// Second factor: TOTP (RFC 6238, SHA-1, 6 digits, 30 s, as every authenticator app reads it) through
// otpauth, and one-time recovery codes. The secret is kept encrypted with AES-256-GCM.

const issuer = "Socialøkonomi i kommunerne";
export const recoveryCodeCount = 10;

function totpFor(secret: string, label = "staff"): TOTP {
  return new TOTP({ issuer, label, algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

// Encrypt a base32 secret for the database: iv.tag.ciphertext, base64url
export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derivedKey("totp"), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

// Decrypt a secret sealed by sealSecret; throws when the key is not the one it was sealed with
export function openSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !body) throw new Error("Unknown second-factor secret format");
  const decipher = createDecipheriv("aes-256-gcm", derivedKey("totp"), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

// A new random secret (160 bits, base32)
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

// The enrolment details: the otpauth:// address, its QR code as inline SVG and the secret in groups of four
export async function enrolmentView(secret: string, account: string) {
  const uri = totpFor(secret, account).toString();
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { uri, svg, secretText: secret.match(/.{1,4}/g)!.join(" ") };
}

// The code an authenticator shows for the secret at the time (for tests and the enrolment check)
export function totpCode(secret: string, at = new Date()): string {
  return totpFor(secret).generate({ timestamp: at.getTime() });
}

// The time step a code belongs to (one step either side of now is accepted), or null
export function totpStep(secret: string, code: string, at = new Date()): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secret).validate({ token, timestamp: at.getTime(), window: 1 });
  return delta === null ? null : Math.floor(at.getTime() / 30_000) + delta;
}

// Check a code against an account's enabled secret; a code (its time step) is accepted once only
export async function checkTotp(client: Db, userId: string, code: string, at = new Date()): Promise<boolean> {
  const user = await client.staffUser.findUnique({ where: { id: userId }, select: { totpSecret: true } });
  if (!user?.totpSecret) return false;
  const step = totpStep(openSecret(user.totpSecret), code, at);
  if (step === null) return false;
  // Atomic: of two requests with the same code, one moves the step on and the other finds it taken.
  const moved = await client.staffUser.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return moved.count === 1;
}

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const normalCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, "");
const codeHash = (code: string) => createHash("sha256").update(normalCode(code)).digest("hex");

// Replace an account's recovery codes with new ones; returns them (shown once, only hashes are kept)
export async function newRecoveryCodes(client: Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: recoveryCodeCount }, () => {
    const raw = Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join("");
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await client.$transaction([
    client.recoveryCode.deleteMany({ where: { userId } }),
    client.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: codeHash(c) })) }),
  ]);
  return codes;
}

// Use up one recovery code of the account; false when it is unknown or used
export async function spendRecoveryCode(client: Db, userId: string, code: string, at = new Date()): Promise<boolean> {
  if (normalCode(code).length !== 10) return false;
  const used = await client.recoveryCode.updateMany({
    where: { userId, codeHash: codeHash(code), usedAt: null },
    data: { usedAt: at },
  });
  return used.count === 1;
}

// Check a second-factor answer: a TOTP code or a recovery code
export async function checkSecondFactor(
  client: Db,
  userId: string,
  code: string,
  at = new Date(),
): Promise<"totp" | "recovery" | null> {
  const trimmed = code.trim().slice(0, 40);
  if (/^\d[\d\s]*$/.test(trimmed)) return (await checkTotp(client, userId, trimmed, at)) ? "totp" : null;
  return (await spendRecoveryCode(client, userId, trimmed, at)) ? "recovery" : null;
}

// Offer a new secret to an account that has none enabled (kept until it is confirmed with a code)
export async function offerTotpSecret(client: Db, userId: string): Promise<string> {
  const user = await client.staffUser.findUniqueOrThrow({
    where: { id: userId },
    select: { totpSecret: true, totpEnabledAt: true },
  });
  if (user.totpSecret && !user.totpEnabledAt) return openSecret(user.totpSecret);
  if (user.totpEnabledAt) throw new Error("The second factor is already enabled");
  const secret = newTotpSecret();
  await client.staffUser.update({
    where: { id: userId },
    data: { totpSecret: sealSecret(secret), totpLastStep: null },
  });
  return secret;
}

// Enable the offered secret when the code matches; returns the recovery codes, or null for a wrong code
export async function confirmTotp(client: Db, userId: string, code: string, at = new Date()): Promise<string[] | null> {
  const user = await client.staffUser.findUnique({
    where: { id: userId },
    select: { totpSecret: true, totpEnabledAt: true },
  });
  if (!user?.totpSecret || user.totpEnabledAt) return null;
  if (!(await checkTotp(client, userId, code, at))) return null;
  await client.staffUser.update({ where: { id: userId }, data: { totpEnabledAt: at } });
  return newRecoveryCodes(client, userId);
}

// Remove an account's second factor (an admin's reset): the owner enrols again at the next login
export async function resetTotp(client: Db, userId: string): Promise<void> {
  await client.$transaction([
    client.staffUser.update({
      where: { id: userId },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
    }),
    client.recoveryCode.deleteMany({ where: { userId } }),
  ]);
}
