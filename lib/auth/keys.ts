import "server-only";
import { createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// The staff key: encrypts second-factor secrets at rest and signs the browsers that logged in before.
// STAFF_TOTP_KEY sets it (the same on every app process); without it, a key is generated once and kept in
// .data/staff-totp.key beside the embedded database, so that a newcomer's machine works as it is.
const keyFile = () => path.resolve(process.cwd(), ".data", "staff-totp.key");

const cache = globalThis as unknown as { staffKey?: Buffer };

function readOrCreateKeyFile(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": of two processes starting at once, one writes and both read the same key.
    writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}

function masterKey(): Buffer {
  if (cache.staffKey) return cache.staffKey;
  const configured = process.env.STAFF_TOTP_KEY?.trim() || readOrCreateKeyFile(keyFile());
  if (configured.length < 32)
    throw new Error("STAFF_TOTP_KEY must be at least 32 characters (e.g. 32 random bytes in base64)");
  cache.staffKey = createHash("sha256").update(configured).digest();
  return cache.staffKey;
}

// A key for one purpose, derived from the staff key
export function derivedKey(purpose: "totp" | "device"): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey(), Buffer.alloc(0), `kb-staff-${purpose}`, 32));
}

// An HMAC of the parts under the key of the purpose
export function sign(purpose: "device", ...parts: string[]): string {
  const mac = createHmac("sha256", derivedKey(purpose));
  for (const part of parts) mac.update(part).update("\u0000");
  return mac.digest("base64url");
}
