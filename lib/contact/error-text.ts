// The words for each error code of the contact and feedback forms, from the Contact, Feedback and Forms messages.
import { contactLimits, type ContactField, type FieldError } from "./schema";
import { feedbackLimits, type FeedbackError, type FeedbackField } from "@/lib/feedback/schema";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

const contactCodes: FieldError[] = ["required", "tooLong", "lineBreak", "invalid", "unknown"];
const labelled = ["name", "email", "organisation", "municipality", "subject", "message", "adviser"] as const;
const specific: Partial<Record<`${ContactField}.${FieldError}`, string>> = {
  "name.required": "Contact.errors.nameRequired",
  "email.required": "Contact.errors.emailRequired",
  "email.invalid": "Contact.errors.emailInvalid",
  "subject.required": "Contact.errors.subjectRequired",
  "message.required": "Contact.errors.messageRequired",
  "consent.required": "Contact.errors.consentRequired",
  "adviser.unknown": "Contact.errors.adviserUnknown",
  "adviser.required": "Contact.errors.adviserUnknown",
};

// Every message the contact form can show beside a field, by field and code
export function contactErrorText(t: Translate): Record<ContactField, Record<FieldError, string>> {
  const out = {} as Record<ContactField, Record<FieldError, string>>;
  for (const field of [...labelled, "consent", "item"] as ContactField[]) {
    const label = (labelled as readonly string[]).includes(field)
      ? t(`Contact.fields.${field}`)
      : t("Contact.fields.consent");
    const max = contactLimits[field as keyof typeof contactLimits] ?? 0;
    out[field] = Object.fromEntries(
      contactCodes.map((code) => {
        const key = specific[`${field}.${code}`];
        if (key) return [code, t(key)];
        if (code === "tooLong") return [code, t("Forms.tooLong", { field: label, max })];
        if (code === "lineBreak") return [code, t("Forms.lineBreak", { field: label })];
        return [code, t("Forms.invalid", { field: label })];
      }),
    ) as Record<FieldError, string>;
  }
  return out;
}

// Every message the feedback form can show beside a field
export function feedbackErrorText(t: Translate): Record<FeedbackField, Record<FeedbackError, string>> {
  return {
    helpful: {
      required: t("Feedback.errors.helpfulRequired"),
      tooLong: t("Feedback.errors.helpfulRequired"),
      unknown: t("Feedback.errors.helpfulRequired"),
    },
    comment: {
      required: t("Forms.invalid", { field: t("Feedback.commentName") }),
      tooLong: t("Forms.tooLong", { field: t("Feedback.commentName"), max: feedbackLimits.comment }),
      unknown: t("Forms.invalid", { field: t("Feedback.commentName") }),
    },
    item: {
      required: t("Feedback.errors.itemUnknown"),
      tooLong: t("Feedback.errors.itemUnknown"),
      unknown: t("Feedback.errors.itemUnknown"),
    },
  };
}
