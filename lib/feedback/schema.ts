// The "Was this page helpful?" form, shared by the form in the browser and the server action.
import * as z from "zod/mini";
import {
  feedbackLimits,
  type FeedbackError,
  type FeedbackErrors,
  type FeedbackField,
  type FeedbackValues,
} from "./fields";

export * from "./fields";

const strayControl = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

export const feedbackSchema = z.object({
  helpful: z.pipe(
    z.string().check(z.refine((v) => v === "yes" || v === "no", "required")),
    z.transform((v) => v === "yes"),
  ),
  comment: z.string().check(
    z.overwrite((v) => v.replace(/\r\n?/g, "\n").replace(strayControl, "").normalize("NFC").trim()),
    z.maxLength(feedbackLimits.comment, "tooLong"),
  ),
  item: z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "unknown")),
});

export type FeedbackInput = z.output<typeof feedbackSchema>;

// Check the fields, giving the clean input or the first error of each field
export function parseFeedback(
  values: FeedbackValues,
): { ok: true; data: FeedbackInput } | { ok: false; errors: FeedbackErrors } {
  const result = z.safeParse(feedbackSchema, values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FeedbackErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as FeedbackField;
    errors[field] ??= (issue.message as FeedbackError) || "required";
  }
  return { ok: false, errors };
}
