// The links in alert mails. The confirmation token is random and stored only as its SHA-256 hash; the unsubscribe
// and manage links are signed (HMAC, keyed from FORM_SECRET), so they need nothing stored and cannot be made up.
import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const globalSecret = globalThis as unknown as { formSecret?: Buffer };

function key(): Buffer {
  const configured = process.env.FORM_SECRET;
  // The same fallback as lib/form-guard.ts: without FORM_SECRET links signed by another process do not verify.
  const secret = configured ? Buffer.from(configured) : (globalSecret.formSecret ??= randomBytes(32));
  return createHmac("sha256", secret).update("alert links v1").digest();
}

function sign(purpose: string, value: string): string {
  return createHmac("sha256", key()).update(`${purpose}\u0000${value}`).digest("base64url").slice(0, 32);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// A new confirmation token and the hash that is stored
export function newConfirmToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashConfirmToken(token) };
}

export function hashConfirmToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// The token of one alert's unsubscribe link
export function unsubscribeToken(alertId: string): string {
  return `${alertId}.${sign("unsubscribe", alertId)}`;
}

// The alert an unsubscribe token names, when its signature holds
export function readUnsubscribeToken(token: string): string | null {
  const [id, signature] = token.split(".");
  if (!id || !signature || !uuid.test(id)) return null;
  return same(signature, sign("unsubscribe", id)) ? id : null;
}

// The token of the manage page of one address
export function manageToken(email: string): string {
  const value = Buffer.from(email.toLowerCase()).toString("base64url");
  return `${value}.${sign("manage", value)}`;
}

// The address a manage token names, when its signature holds
export function readManageToken(token: string): string | null {
  const [value, signature] = token.split(".");
  if (!value || !signature || value.length > 400) return null;
  if (!same(signature, sign("manage", value))) return null;
  return Buffer.from(value, "base64url").toString("utf8");
}
