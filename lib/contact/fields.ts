// The contact form's fields, limits and types, without zod: the browser's first download needs only these.
export const contactLimits = {
  name: 100,
  email: 254,
  organisation: 150,
  municipality: 100,
  subject: 150,
  message: 5000,
} as const;

export const contactFields = [
  "name",
  "email",
  "organisation",
  "municipality",
  "subject",
  "message",
  "consent",
  "adviser",
  "item",
] as const;
export type ContactField = (typeof contactFields)[number];

export type FieldError = "required" | "tooLong" | "lineBreak" | "invalid" | "unknown";

export type ContactValues = Record<ContactField, string>;
export type ContactErrors = Partial<Record<ContactField, FieldError>>;

// Read the form's fields from FormData (or a plain object) as strings; a missing field reads as empty.
export function contactValues(source: FormData | Record<string, unknown>): ContactValues {
  const get = (k: string) => (source instanceof FormData ? source.get(k) : source[k]);
  return Object.fromEntries(
    contactFields.map((field) => {
      const v = get(field);
      return [field, typeof v === "string" ? v : ""];
    }),
  ) as ContactValues;
}

// What the contact form shows after a round trip: the visitor's values, the errors, a form-wide problem.
export type ContactFormState = {
  attempt: number;
  values: ContactValues & { key: string; started: string };
  errors: ContactErrors;
  formError: string | null;
};
