// The fields of the catalogue records edited in the admin (glossary terms, advisers, topics, organisations,
// places) as the form sends them (text, or lists of checked values, so that whatever was sent can be shown
// again), and the one zod schema per kind that turns them into data or error codes per field.
import { z } from "zod";
import { countries, locales, placeKinds } from "@/lib/content/schema";

export const recordKindNames = ["glossary", "advisers", "topics", "organisations", "places"] as const;
export type RecordKind = (typeof recordKindNames)[number];

export function isRecordKind(value: string): value is RecordKind {
  return (recordKindNames as readonly string[]).includes(value);
}

// Where a select's or a checkbox group's choices come from
export type ChoiceSource = "countries" | "placeKinds" | "locales" | "organisations" | "places" | "topics";

export type RecordFieldSpec =
  | { name: string; type: "text" | "email" | "url" | "textarea" | "list" }
  | { name: string; type: "select"; source: ChoiceSource; empty?: boolean }
  | { name: string; type: "checkboxes"; source: ChoiceSource }
  /** One checkbox: "true" when ticked, "" when not */
  | { name: string; type: "flag" };

export const recordFields: Record<RecordKind, RecordFieldSpec[]> = {
  glossary: [
    { name: "termDa", type: "text" },
    { name: "termSv", type: "text" },
    { name: "synonymsDa", type: "list" },
    { name: "synonymsSv", type: "list" },
    { name: "explanationDa", type: "textarea" },
    { name: "explanationSv", type: "textarea" },
    { name: "falseFriend", type: "flag" },
  ],
  advisers: [
    { name: "name", type: "text" },
    { name: "titleDa", type: "text" },
    { name: "titleSv", type: "text" },
    { name: "email", type: "email" },
    { name: "phone", type: "text" },
    { name: "organisationId", type: "select", source: "organisations", empty: true },
    { name: "languages", type: "checkboxes", source: "locales" },
    { name: "defaultFor", type: "checkboxes", source: "locales" },
    { name: "topicIds", type: "checkboxes", source: "topics" },
  ],
  topics: [
    { name: "nameDa", type: "text" },
    { name: "nameSv", type: "text" },
    { name: "descriptionDa", type: "textarea" },
    { name: "descriptionSv", type: "textarea" },
  ],
  organisations: [
    { name: "name", type: "text" },
    { name: "shortName", type: "text" },
    { name: "url", type: "url" },
    { name: "country", type: "select", source: "countries", empty: true },
  ],
  places: [
    { name: "name", type: "text" },
    { name: "kind", type: "select", source: "placeKinds" },
    { name: "country", type: "select", source: "countries" },
    { name: "parentId", type: "select", source: "places", empty: true },
  ],
};

export type RecordValues = Record<string, string | string[]>;
export type RecordError = { code: string; max?: number; name?: string; language?: string };
export type RecordErrors = Record<string, RecordError>;

// The longest text a form field keeps; anything beyond is cut before it is shown again
const keepAtMost = 10_000;
const maxChecked = 500;

// Read a kind's fields (and the slug of a new record) from a submitted form
export function recordValuesFromForm(kind: RecordKind, form: FormData): RecordValues {
  const values: RecordValues = {};
  const text = (raw: FormDataEntryValue | null) =>
    typeof raw === "string" ? raw.replace(/\r\n/g, "\n").slice(0, keepAtMost) : "";
  for (const field of recordFields[kind]) {
    values[field.name] =
      field.type === "checkboxes"
        ? form
            .getAll(field.name)
            .slice(0, maxChecked)
            .map((v) => text(v))
        : field.type === "flag"
          ? form.get(field.name) === "true"
            ? "true"
            : ""
          : text(form.get(field.name));
  }
  values.slug = text(form.get("slug"));
  return values;
}

// Empty values of a kind, for the form that creates a record
export function emptyRecordValues(kind: RecordKind): RecordValues {
  const values: RecordValues = { slug: "" };
  for (const field of recordFields[kind]) values[field.name] = field.type === "checkboxes" ? [] : "";
  if (kind === "places") values.kind = "municipality";
  return values;
}

const unique = <T>(list: T[]) => [...new Set(list)];

const text = (max: number) => z.string("required").trim().min(1, "required").max(max);
const optional = (max: number) =>
  z
    .string("invalid")
    .trim()
    .max(max)
    .transform((v) => v || null);
const multiline = (max: number) => z.string("invalid").trim().max(max);
const list = z
  .string("invalid")
  .max(2000)
  .transform((v) =>
    unique(
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  );
const emailAddress = z
  .string("required")
  .trim()
  .min(1, "required")
  .max(320)
  .refine((v) => z.email().safeParse(v).success, "email");
const webAddress = z
  .string("invalid")
  .trim()
  .max(2000)
  .refine((v) => v === "" || (/^https?:\/\/\S+$/.test(v) && z.url().safeParse(v).success), "url")
  .transform((v) => v || null);
const choice = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, "invalid");
const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(["", ...values], "invalid").transform((v) => (v === "" ? null : (v as T[number])));
const reference = z.union([z.literal(""), z.uuid("invalid")], "invalid").transform((v) => v || null);
const checked = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.array(z.enum(values, "invalid"), "invalid").transform(unique);
const references = z.array(z.uuid("invalid"), "invalid").max(maxChecked).transform(unique);

export const recordSlug = z
  .string("slug")
  .trim()
  .min(1, "required")
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "slug");

export const recordSchemas = {
  // A term may wait for its counterpart: one language may be left empty, with its explanation
  glossary: z
    .object({
      termDa: multiline(200),
      termSv: multiline(200),
      synonymsDa: list,
      synonymsSv: list,
      explanationDa: multiline(5000),
      explanationSv: multiline(5000),
      falseFriend: z.string().transform((v) => v === "true"),
    })
    .superRefine((g, ctx) => {
      if (!g.termDa && !g.termSv) ctx.addIssue({ code: "custom", path: ["termDa"], message: "oneTerm" });
      for (const side of ["Da", "Sv"] as const) {
        if (g[`term${side}`] && !g[`explanation${side}`])
          ctx.addIssue({ code: "custom", path: [`explanation${side}`], message: "required" });
        if (g.falseFriend && !g[`term${side}`])
          ctx.addIssue({ code: "custom", path: [`term${side}`], message: "required" });
      }
    }),
  advisers: z.object({
    name: text(200),
    titleDa: text(200),
    titleSv: text(200),
    email: emailAddress,
    phone: optional(50),
    organisationId: reference,
    // The content files require at least one language for every adviser.
    languages: checked(locales).refine((v) => v.length > 0, "chooseLanguage"),
    defaultFor: checked(locales),
    topicIds: references,
  }),
  topics: z.object({
    nameDa: text(200),
    nameSv: text(200),
    descriptionDa: multiline(5000),
    descriptionSv: multiline(5000),
  }),
  organisations: z.object({
    name: text(300),
    shortName: optional(50),
    url: webAddress,
    country: optionalChoice(countries),
  }),
  places: z.object({
    name: text(200),
    kind: choice(placeKinds),
    country: choice(countries),
    parentId: reference,
  }),
} satisfies Record<RecordKind, z.ZodType>;

export type RecordData<K extends RecordKind> = z.output<(typeof recordSchemas)[K]>;

// Error codes per field from a zod failure (the first problem of each field)
export function recordErrors(error: z.ZodError): RecordErrors {
  const errors: RecordErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (errors[field]) continue;
    errors[field] =
      issue.code === "too_big"
        ? issue.origin === "string"
          ? { code: "tooLong", max: Number(issue.maximum) }
          : { code: "invalid" }
        : { code: issue.message };
  }
  return errors;
}

// Check a kind's values; the parsed data or error codes per field
export function parseRecord<K extends RecordKind>(
  kind: K,
  values: RecordValues,
): { ok: true; data: RecordData<K> } | { ok: false; errors: RecordErrors } {
  const result = (recordSchemas[kind] as unknown as z.ZodType<RecordData<K>>).safeParse(values);
  return result.success ? { ok: true, data: result.data } : { ok: false, errors: recordErrors(result.error) };
}
