// The feedback form's fields, limits and types, without zod.
export const feedbackLimits = { comment: 1000 } as const;

export const feedbackFields = ["helpful", "comment", "item"] as const;
export type FeedbackField = (typeof feedbackFields)[number];
export type FeedbackValues = Record<FeedbackField, string>;
export type FeedbackError = "required" | "tooLong" | "unknown";
export type FeedbackErrors = Partial<Record<FeedbackField, FeedbackError>>;

// Read the form's fields as strings; a missing field reads as empty
export function feedbackValues(source: FormData | Record<string, unknown>): FeedbackValues {
  const get = (k: string) => (source instanceof FormData ? source.get(k) : source[k]);
  return Object.fromEntries(
    feedbackFields.map((f) => {
      const v = get(f);
      return [f, typeof v === "string" ? v : ""];
    }),
  ) as FeedbackValues;
}

// What the feedback form shows after a round trip
export type FeedbackFormState = {
  attempt: number;
  values: FeedbackValues & { key: string };
  errors: FeedbackErrors;
  formError: string | null;
  done: boolean;
};
