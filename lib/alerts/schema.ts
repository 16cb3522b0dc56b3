// The alert sign-up form, shared by the form in the browser and the server action.
import * as z from "zod/mini";
import { alertFrequencies, alertLimits, type AlertErrors, type AlertField, type AlertValues } from "./fields";

export * from "./fields";

// Deliberately simple: one @, no spaces or angle brackets, a dot in the domain; the confirmation mail proves the rest.
const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export const alertSchema = z.object({
  email: z.string().check(
    z.overwrite((v) => v.trim()),
    z.minLength(1, "required"),
    z.maxLength(alertLimits.email, "tooLong"),
    z.regex(emailPattern, "email"),
  ),
  frequency: z.string().check(z.refine((v) => (alertFrequencies as readonly string[]).includes(v), "required")),
  list: z.string().check(z.maxLength(alertLimits.list, "unknown")),
});

export type AlertInput = { email: string; frequency: (typeof alertFrequencies)[number]; list: string };

// Check the fields, giving the clean input or the first error of each field
export function parseAlert(values: AlertValues): { ok: true; data: AlertInput } | { ok: false; errors: AlertErrors } {
  const result = z.safeParse(alertSchema, values);
  if (result.success) return { ok: true, data: result.data as AlertInput };
  const errors: AlertErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as AlertField;
    errors[field] ??= (issue.message as AlertErrors[AlertField]) || "required";
  }
  return { ok: false, errors };
}
