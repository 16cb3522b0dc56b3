// The contact form's schema, shared by the form in the browser and the server action. Built with
// zod/mini so that the browser bundle stays small. Error messages are codes; the page translates them.
import * as z from "zod/mini";
import { contactLimits, type ContactErrors, type ContactField, type ContactValues, type FieldError } from "./fields";

export * from "./fields";

// Control characters (CR, LF, NUL, …) never belong in a one-line field: they are how headers are injected.
const noControl = /^[^\p{Cc}]*$/u;
// Everything but tab and line feed, which a message may hold; CR LF is normalised to LF first.
const strayControl = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

function line(max: number) {
  return z
    .string()
    .check(
      z.normalize("NFC"),
      z.trim(),
      z.minLength(1, "required"),
      z.maxLength(max, "tooLong"),
      z.regex(noControl, "lineBreak"),
    );
}

function optionalLine(max: number) {
  return z.string().check(z.normalize("NFC"), z.trim(), z.maxLength(max, "tooLong"), z.regex(noControl, "lineBreak"));
}

export const contactSchema = z.object({
  name: line(contactLimits.name),
  email: z.string().check(
    z.trim(),
    z.minLength(1, "required"),
    z.maxLength(contactLimits.email, "tooLong"),
    z.regex(noControl, "lineBreak"),
    z.refine((v) => v === "" || z.safeParse(z.email(), v).success, "invalid"),
  ),
  organisation: optionalLine(contactLimits.organisation),
  municipality: optionalLine(contactLimits.municipality),
  subject: line(contactLimits.subject),
  message: z.string().check(
    z.overwrite((v) => v.replace(/\r\n?/g, "\n").replace(strayControl, "").normalize("NFC").trim()),
    z.minLength(1, "required"),
    z.maxLength(contactLimits.message, "tooLong"),
  ),
  consent: z.string().check(z.refine((v) => v === "yes", "required")),
  // An adviser's slug, when the visitor chose one; the server checks that it exists.
  adviser: z.string().check(z.trim(), z.regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, "unknown"), z.maxLength(100, "unknown")),
  // The item the question is about; an unknown id is ignored by the server.
  item: z.string().check(z.trim()),
});

export type ContactInput = z.output<typeof contactSchema>;

// Check the fields, giving either the clean input or the first error of each field
export function parseContact(
  values: ContactValues,
): { ok: true; data: ContactInput } | { ok: false; errors: ContactErrors } {
  const result = z.safeParse(contactSchema, values);
  if (result.success) return { ok: true, data: result.data };
  const errors: ContactErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as ContactField;
    errors[field] ??= (issue.message as FieldError) || "invalid";
  }
  return { ok: false, errors };
}
