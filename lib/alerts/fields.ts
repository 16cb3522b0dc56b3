// The alert sign-up form's fields and types, without zod (shared by the browser and the server).
export const alertFrequencies = ["immediate", "daily", "weekly"] as const;
export type AlertFrequencyValue = (typeof alertFrequencies)[number];

export const alertFields = ["email", "frequency", "list"] as const;
export type AlertField = (typeof alertFields)[number];
export type AlertValues = Record<AlertField, string>;
export type AlertError = "required" | "email" | "tooLong" | "unknown";
export type AlertErrors = Partial<Record<AlertField, AlertError>>;

export const alertLimits = { email: 254, list: 600 } as const;

// Read the form's fields as strings; a missing field reads as empty
export function alertValues(source: FormData | Record<string, unknown>): AlertValues {
  const get = (k: string) => (source instanceof FormData ? source.get(k) : source[k]);
  return Object.fromEntries(
    alertFields.map((f) => {
      const v = get(f);
      return [f, typeof v === "string" ? v.slice(0, 2000) : ""];
    }),
  ) as AlertValues;
}

// What the sign-up form shows after a round trip
export type AlertFormState = {
  attempt: number;
  values: AlertValues & { key: string };
  errors: AlertErrors;
  formError: string | null;
  done: boolean;
};
