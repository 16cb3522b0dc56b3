import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { setting } from "@/lib/env";

// Abuse checks shared by the public forms: a honeypot, a minimum fill time and the keys that make a
// double submit count once. Public item pages are cached and the same for every visitor, so their
// forms carry no per-visitor value in the HTML: there the browser's script adds a random key and the
// time spent on the form, and without JavaScript the key falls back to a hash of the content.

export type GuardFields = {
  /** Honeypot: hidden from people, filled in by naive robots. */
  website: string;
  /** Random key of one filled-in form: from the server on dynamic pages, from the browser's script on cached ones. */
  key: string;
  /** Signed time the form was rendered (dynamic pages only). */
  started: string;
  /** Milliseconds the visitor spent on the form, as measured by the browser's script. */
  elapsed: string;
  /** Whether the form carried its time fields at all (empty ones included, as without JavaScript). */
  timed: boolean;
};

export const guardFieldNames = ["website", "key", "started", "elapsed"] as const;

const globalSecret = globalThis as unknown as { formSecret?: Buffer };

function secret(): Buffer {
  const configured = process.env.FORM_SECRET;
  if (configured) return Buffer.from(configured);
  // Without FORM_SECRET each process signs and hashes with its own key: a stamp signed by another
  // process counts as missing, and rate limits and duplicate checks count per process (see docs/architecture.md).
  globalSecret.formSecret ??= randomBytes(32);
  return globalSecret.formSecret;
}

// Read the guard fields from a submitted form
export function guardFields(form: FormData | Record<string, unknown>): GuardFields {
  const get = (k: string) => {
    const v = form instanceof FormData ? form.get(k) : form[k];
    return typeof v === "string" ? v.slice(0, 200) : "";
  };
  const has = (k: string) => (form instanceof FormData ? form.has(k) : Object.hasOwn(form, k));
  return {
    website: get("website"),
    key: get("key"),
    started: get("started"),
    elapsed: get("elapsed"),
    timed: has("started") || has("elapsed"),
  };
}

// Make a new random form key
export function newFormKey(): string {
  return randomBytes(18).toString("base64url");
}

export function validFormKey(key: string): boolean {
  return /^[A-Za-z0-9_-]{16,64}$/.test(key);
}

function sign(value: string): string {
  return createHmac("sha256", secret()).update(value).digest("base64url");
}

// Stamp the time a form is rendered, signed so that the visitor cannot move it
export function issueStartStamp(now = Date.now()): string {
  return `${now}.${sign(String(now))}`;
}

const maxStampAge = 24 * 60 * 60 * 1000;

// How long the visitor spent on the form, and whether that figure can be trusted
export function fillTime(fields: GuardFields, now = Date.now()): { ms: number; trusted: boolean } | null {
  const [time, signature] = fields.started.split(".");
  if (time && signature && /^\d{10,16}$/.test(time)) {
    const expected = Buffer.from(sign(time));
    const given = Buffer.from(signature);
    const started = Number(time);
    if (
      given.length === expected.length &&
      timingSafeEqual(given, expected) &&
      started <= now &&
      now - started < maxStampAge
    ) {
      return { ms: now - started, trusted: true };
    }
  }
  // The browser's own measure: stops scripts that fill the form in a real browser at once, but
  // anyone can send any figure.
  if (/^\d{1,12}$/.test(fields.elapsed)) return { ms: Number(fields.elapsed), trusted: false };
  return null;
}

export function minFillMs(): number {
  return setting("FORM_MIN_FILL_SECONDS") * 1000;
}

// Whether the form was sent faster than a person can fill it in. Every form the site renders carries
// its time fields (empty without JavaScript on a cached page, where no time is known); a post that
// leaves them out was not made from one of them and is refused like one sent too fast.
export function sentTooFast(fields: GuardFields, now = Date.now()): boolean {
  if (!fields.timed) return true;
  const time = fillTime(fields, now);
  return time !== null && time.ms < minFillMs();
}

// The client's address: the first hop of X-Forwarded-For (Next sets it from the socket when absent)
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}

// The key of digest(), derived from FORM_SECRET so that it never equals the signing key
function digestKey(): Buffer {
  return createHmac("sha256", secret()).update("digest v1").digest();
}

// Hash the parts into a fixed-length key, keyed with FORM_SECRET: a leaked table of hashed addresses
// cannot be reversed by hashing guesses without the secret
export function digest(...parts: string[]): string {
  const hash = createHmac("sha256", digestKey());
  for (const part of parts) hash.update(part).update("\u0000");
  return hash.digest("base64url");
}
