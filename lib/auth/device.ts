import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { digest } from "@/lib/form-guard";
import { sign } from "./keys";

// A browser that completed a login keeps a signed cookie naming the account (a "device cookie", as
// OWASP describes it). With it, the account-wide backoff does not apply: the owner's own browser keeps
// getting in while strangers guess. Its failures count against the cookie itself instead of the client
// address, so a stolen cookie still allows only a few guesses. The cookie is bound to the account's current
// password: changing it (one's own change, or an admin's reset) makes every device cookie of the account worthless.

const production = process.env.NODE_ENV === "production";
export const deviceCookieName = production ? "__Host-kb_device" : "kb_device";
export const deviceCookieDays = 180;

const account = (email: string, passwordHash: string) =>
  digest("device-account", email.trim().toLowerCase(), passwordHash);

// A new device cookie value for the account as it is now (its stored password hash)
export function newDeviceToken(email: string, passwordHash: string): string {
  const nonce = randomBytes(16).toString("base64url");
  return `${nonce}.${sign("device", nonce, account(email, passwordHash))}`;
}

// The cookie's id when it was issued for this account and its current password, otherwise null
export function deviceIdFor(token: string | undefined, email: string, passwordHash: string | null): string | null {
  if (!token || token.length > 200 || !passwordHash) return null;
  const [nonce, mac] = token.split(".");
  if (!nonce || !mac) return null;
  const expected = Buffer.from(sign("device", nonce, account(email, passwordHash)));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
}

export function deviceCookieOptions(now = new Date()) {
  return {
    httpOnly: true,
    secure: production,
    sameSite: "strict" as const,
    path: "/",
    expires: new Date(now.getTime() + deviceCookieDays * 86_400_000),
  };
}
