// The item editor's fields as the form sends them (all text, so that whatever was typed can be shown
// again), their validation into error codes, and the Copenhagen/Stockholm wall-clock times of the form.
import { z } from "zod";
import { documentTypes, itemTypes, organisationRoles } from "@/lib/content/schema";
import { parseSourceDate } from "@/lib/content/source-date";
import { rowFields, rowsToText, splitRow, textToRows, type RowField } from "./item-rows";

export { rowFields, rowsToText, textToRows, type RowField };

export const itemTextFields = [
  "type",
  "locale",
  "slug",
  "title",
  "summary",
  "body",
  "publishedAt",
  "country",
  "year",
  "pages",
  "isbn",
  "periodStart",
  "periodEnd",
  "budgetAmount",
  "budgetCurrency",
  "documentType",
  "sourceUrl",
  "sourceDate",
  "keyFigures",
  "organisations",
  "adviserId",
  "translationOfId",
] as const;
export const itemListFields = ["topicIds", "placeIds", "relatedIds"] as const;

export type ItemValues = Record<(typeof itemTextFields)[number], string> &
  Record<(typeof itemListFields)[number], string[]>;

export type ItemField = keyof ItemValues;

export const emptyItemValues = (): ItemValues => ({
  type: "article",
  locale: "da",
  slug: "",
  title: "",
  summary: "",
  body: "",
  publishedAt: "",
  country: "",
  year: "",
  pages: "",
  isbn: "",
  periodStart: "",
  periodEnd: "",
  budgetAmount: "",
  budgetCurrency: "",
  documentType: "",
  sourceUrl: "",
  sourceDate: "",
  keyFigures: "",
  organisations: "",
  adviserId: "",
  translationOfId: "",
  topicIds: [],
  placeIds: [],
  relatedIds: [],
});

const limits: Partial<Record<ItemField, number>> = {
  title: 300,
  summary: 2_000,
  body: 200_000,
  slug: 120,
  isbn: 40,
  sourceUrl: 2_000,
  keyFigures: 5_000,
  organisations: 5_000,
};

// Read the item fields from a submitted form
export function itemValuesFromForm(form: FormData): ItemValues {
  const values = emptyItemValues();
  for (const field of itemTextFields) {
    const raw = form.get(field);
    values[field] = typeof raw === "string" ? raw.replace(/\r\n/g, "\n").slice(0, (limits[field] ?? 200) * 2) : "";
  }
  for (const [field, [first, second]] of Object.entries(rowFields) as [RowField, readonly [string, string]][]) {
    if (!form.has(first)) continue;
    const text = (name: string) =>
      form
        .getAll(name)
        .slice(0, 200)
        .map((v) => (typeof v === "string" ? v : ""));
    const a = text(first);
    const b = text(second);
    const rows = a.map((cell, i) => [cell, b[i] ?? ""] as [string, string]);
    values[field] = rowsToText(rows).slice(0, (limits[field] ?? 200) * 2);
  }
  for (const field of itemListFields) {
    values[field] = form
      .getAll(field)
      .filter((v): v is string => typeof v === "string" && v.length > 0)
      .slice(0, 200);
  }
  return values;
}

export type ErrorCode = { code: string; max?: number };
export type ItemErrors = Partial<Record<ItemField, ErrorCode>>;

const uuid = z.union([z.literal(""), z.uuid()]);
const optionalInt = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max), "integer");
const month = z
  .string()
  .trim()
  .refine((v) => v === "" || /^\d{4}-(0[1-9]|1[0-2])$/.test(v), "month");

const schema = z.object({
  type: z.enum(itemTypes, "invalid"),
  locale: z.enum(["da", "sv"], "invalid"),
  slug: z
    .string()
    .trim()
    .refine((v) => v === "" || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v), "slug"),
  title: z.string().trim().min(1, "required"),
  summary: z.string().trim().min(1, "required"),
  body: z.string(),
  publishedAt: z
    .string()
    .trim()
    .refine((v) => v === "" || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v), "date"),
  country: z.enum(["", "DK", "SE"], "invalid"),
  year: optionalInt(1900, 2100),
  pages: optionalInt(1, 100_000),
  isbn: z.string().trim(),
  periodStart: month,
  periodEnd: month,
  budgetAmount: z
    .string()
    .trim()
    .refine((v) => v === "" || /^\d+(\.\d{1,2})?$/.test(v.replace(/[\s ]/g, "").replace(",", ".")), "number"),
  budgetCurrency: z
    .string()
    .trim()
    .refine((v) => v === "" || /^[A-Z]{3}$/.test(v), "currency"),
  documentType: z.enum(["", ...documentTypes], "invalid"),
  // Optional: a revision saved before items had a source date restores without one and leaves it as it is.
  sourceDate: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || parseSourceDate(v) !== null, "sourceDate"),
  sourceUrl: z
    .string()
    .trim()
    .refine((v) => v === "" || /^https?:\/\/[^\s]+$/.test(v), "url"),
  keyFigures: z.string().refine(
    (v) =>
      v.split("\n").every((line) => {
        if (!line.trim()) return true;
        const cells = splitRow(line);
        return cells.length === 2 && cells.every(Boolean);
      }),
    "keyFigures",
  ),
  organisations: z.string().refine(
    (v) =>
      v.split("\n").every((line) => {
        if (!line.trim()) return true;
        const [slug = "", role = "", ...more] = splitRow(line);
        return !more.length && /^[a-z0-9-]+$/.test(slug) && (organisationRoles as readonly string[]).includes(role);
      }),
    "organisations",
  ),
  adviserId: uuid,
  translationOfId: uuid,
  topicIds: z.array(z.uuid("invalid")),
  placeIds: z.array(z.uuid("invalid")),
  relatedIds: z.array(z.uuid("invalid")),
});

// Check the item fields; returns error codes per field (empty when all is well)
export function validateItem(values: ItemValues): ItemErrors {
  const errors: ItemErrors = {};
  const result = schema.safeParse(values);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path[0] as ItemField;
      if (!errors[field]) errors[field] = { code: issue.message };
    }
  }
  for (const [field, max] of Object.entries(limits) as [ItemField, number][]) {
    const value = values[field];
    if (typeof value === "string" && value.trim().length > max && !errors[field])
      errors[field] = { code: "tooLong", max };
  }
  if (!errors.periodEnd && values.periodStart && values.periodEnd && values.periodEnd < values.periodStart) {
    errors.periodEnd = { code: "periodOrder" };
  }
  if (values.type === "reference" && !values.documentType && !errors.documentType) {
    errors.documentType = { code: "required" };
  }
  return errors;
}

// The key figures of checked "label | value" lines
export function keyFigureList(text: string): { label: string; value: string }[] {
  return textToRows(text).map(([label, value]) => ({ label, value }));
}

// The organisations of checked "organisation-slug | role" lines
export function organisationList(text: string): { slug: string; role: string }[] {
  return textToRows(text).map(([slug, role]) => ({ slug, role }));
}

export const editorTimeZone = "Europe/Copenhagen";

function zoneOffsetMinutes(date: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((wall - date.getTime()) / 60_000);
}

// "2026-12-01T09:30" on the editors' clock (Copenhagen and Stockholm keep the same time) to a Date
export function wallClockToDate(local: string, timeZone = editorTimeZone): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const asUtc = new Date(`${local}:00Z`);
  if (Number.isNaN(asUtc.getTime())) return null;
  let date = new Date(asUtc.getTime() - zoneOffsetMinutes(asUtc, timeZone) * 60_000);
  const second = zoneOffsetMinutes(date, timeZone);
  date = new Date(asUtc.getTime() - second * 60_000);
  return date;
}

// A Date to "YYYY-MM-DDTHH:mm" on the editors' clock
export function dateToWallClock(date: Date | null, timeZone = editorTimeZone): string {
  if (!date) return "";
  const shifted = new Date(date.getTime() + zoneOffsetMinutes(date, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

// A slug from a title: Danish and Swedish letters spelt out, everything else folded to hyphens
export function slugify(title: string): string {
  const spelt = title
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .replace(/ä/g, "a")
    .replace(/ö/g, "o")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
  return (
    spelt
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80)
      .replace(/-+$/g, "") || "item"
  );
}
