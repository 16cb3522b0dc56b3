import "server-only";
import type { Db } from "@/lib/database/client";
import type { Locale } from "@/lib/i18n/routing";
import { digest, guardFields, sentTooFast, validFormKey } from "@/lib/form-guard";
import { rateLimits, takeToken } from "@/lib/rate-limit";
import { contactValues, parseContact, type ContactErrors, type ContactInput, type ContactValues } from "./schema";
import { getAdviser, getContactItem, routeAdviser } from "./advisers";
import { findBySubmissionKey, storeContactMessage } from "./messages";

export type ContactOutcome =
  | { status: "stored"; reference: string; duplicate: boolean }
  | { status: "invalid"; errors: ContactErrors }
  | { status: "tooFast" }
  | { status: "rateLimited"; retryAfterSeconds: number }
  /** The honeypot was filled in: nothing is stored. */
  | { status: "discarded" }
  | { status: "noAdviser" };

// Without a form key (a cached page without JavaScript), identical content within this window is one message.
const duplicateWindowMs = 15 * 60 * 1000;

// The keys under which this submission may already be stored; the first is the one to store it under
function submissionKeys(formKey: string, adviserId: string, input: ContactInput, now: number): string[] {
  const content = [adviserId, input.email.toLowerCase(), input.subject, input.message];
  if (validFormKey(formKey)) return [`k:${digest(formKey, ...content)}`];
  const window = Math.floor(now / duplicateWindowMs);
  return [`c:${digest(String(window), ...content)}`, `c:${digest(String(window - 1), ...content)}`];
}

// Take a submitted contact form through the abuse checks, validation and routing, and store it
export async function submitContact(
  client: Db,
  form: FormData | Record<string, unknown>,
  context: { locale: Locale; clientAddress: string; now?: Date },
): Promise<{ outcome: ContactOutcome; values: ContactValues }> {
  const now = context.now ?? new Date();
  const values = contactValues(form);
  const guard = guardFields(form);
  if (guard.website) return { outcome: { status: "discarded" }, values };

  const parsed = parseContact(values);
  const errors: ContactErrors = parsed.ok ? {} : { ...parsed.errors };
  // The visitor's choice of adviser must name one that exists; the recipient's address is only ever read from it.
  const chosen =
    !errors.adviser && values.adviser ? await getAdviser(client, values.adviser.trim(), context.locale) : null;
  if (values.adviser && !chosen) errors.adviser = "unknown";
  if (!parsed.ok || Object.keys(errors).length) return { outcome: { status: "invalid", errors }, values };
  // Checked after the fields, so a person who sends an empty form at once sees what is missing.
  if (sentTooFast(guard, now.getTime())) return { outcome: { status: "tooFast" }, values };

  const input = parsed.data;
  // An item that does not exist (or is no longer published) is left out; the question still reaches someone.
  const item = input.item ? await getContactItem(client, input.item) : null;
  const adviser = chosen ?? (await routeAdviser(client, context.locale, item?.id));
  if (!adviser) return { outcome: { status: "noAdviser" }, values };

  const keys = submissionKeys(guard.key, adviser.id, input, now.getTime());
  const earlier = await findBySubmissionKey(client, keys);
  if (earlier) return { outcome: { status: "stored", reference: earlier.reference, duplicate: true }, values };

  const limit = await takeToken(client, rateLimits.contact, context.clientAddress, now);
  if (!limit.allowed) return { outcome: { status: "rateLimited", retryAfterSeconds: limit.retryAfterSeconds }, values };

  const stored = await storeContactMessage(client, {
    submissionKey: keys[0]!,
    locale: context.locale,
    input,
    adviser,
    item,
  });
  return { outcome: { status: "stored", ...stored }, values };
}
