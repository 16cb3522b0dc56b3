// The shape of the curated catalogue's files in content/. Every file is parsed with these schemas;
// unknown keys are errors, so that a misspelt field never vanishes silently.
import { z } from "zod";
import { sourceDateSchema } from "./source-date";

export const locales = ["da", "sv"] as const;
export const itemTypes = ["article", "case", "publication", "project", "reference"] as const;
export const countries = ["DK", "SE"] as const;
export const organisationRoles = ["publisher", "author", "commissioner", "funder", "partner", "owner", "issuer"] as const;
export const placeKinds = ["municipality", "region", "country", "city"] as const;
export const documentTypes = [
  "policy",
  "strategy",
  "action-plan",
  "motion",
  "decision",
  "application",
  "report",
  "agreement",
  "guide",
  "other",
] as const;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case letters, digits and single hyphens");
const text = z.string().trim().min(1, "must not be empty");
/** A moment: ISO 8601 with its offset (2026-03-02T09:00:00+01:00), or a date alone, which means midnight UTC. */
const moment = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "must be a date (YYYY-MM-DD) or a time with its offset (YYYY-MM-DDTHH:MM:SS+01:00)",
});
/** The stable identity of an item or record: kept through renames, moves, export and import. */
const id = z.uuid("must be a UUID (the id the export writes)");
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month written YYYY-MM");
const itemKey = z
  .string()
  .regex(
    /^(da|sv)\/(article|case|publication|project|reference)\/[a-z0-9]+(?:-[a-z0-9]+)*$/,
    "must name an item as <locale>/<type>/<slug>",
  );
const bilingual = z.strictObject({ da: text, sv: text });

export const topicSchema = z.strictObject({
  id: id.optional(),
  slug,
  name: bilingual,
  description: z.strictObject({ da: z.string().default(""), sv: z.string().default("") }).optional(),
});

export const organisationSchema = z.strictObject({
  id: id.optional(),
  slug,
  name: text,
  shortName: text.optional(),
  country: z.enum(countries).optional(),
  url: z.url().optional(),
});

export const placeSchema = z.strictObject({
  id: id.optional(),
  slug,
  name: text,
  kind: z.enum(placeKinds),
  country: z.enum(countries),
  parent: slug.optional(),
});

export const adviserSchema = z.strictObject({
  id: id.optional(),
  slug,
  name: text,
  title: bilingual,
  organisation: slug.optional(),
  email: z.email(),
  /** True where the source gives no address and an example.org placeholder stands in. */
  emailIsPlaceholder: z.boolean().default(false),
  phone: text.optional(),
  languages: z.array(z.enum(locales)).min(1),
  defaultFor: z.array(z.enum(locales)).default([]),
  topics: z.array(slug).default([]),
});

// A side may be empty while its counterpart is not yet known (the admin lists such terms); then it has no explanation
const glossarySide = z.strictObject({
  term: z.string().trim(),
  synonyms: z.array(text).default([]),
  explanation: z.string().trim(),
});
const sideComplete = (side: z.infer<typeof glossarySide>) => (side.term === "") === (side.explanation === "");

export const glossaryTermSchema = z
  .strictObject({
    id: id.optional(),
    slug,
    /** Words that look alike and mean different things; the explanations are then the editors' own text */
    falseFriend: z.literal(true).optional(),
    da: glossarySide,
    sv: glossarySide,
  })
  .refine((g) => g.da.term !== "" || g.sv.term !== "", { message: "needs a term in at least one language", path: ["da", "term"] })
  .refine((g) => sideComplete(g.da), { message: "a term needs its explanation, and no term none", path: ["da", "explanation"] })
  .refine((g) => sideComplete(g.sv), { message: "a term needs its explanation, and no term none", path: ["sv", "explanation"] })
  .refine((g) => !g.falseFriend || (g.da.term !== "" && g.sv.term !== ""), {
    message: "a false friend has a word in both languages",
    path: ["falseFriend"],
  });

const attachmentSchema = z.strictObject({
  title: text,
  fileName: z.string().regex(/^[\w.-]+$/, "must be a plain file name"),
  mimeType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, "must be a media type such as application/pdf"),
  sizeBytes: z.int().min(0),
  /** A key in the app's file store, or an absolute URL. */
  location: text,
});

const keyFigureSchema = z.strictObject({ label: text, value: text });

/** A document an item draws on: its title, who issued it, its year and the pages used, where known. */
export const sourceRefSchema = z.strictObject({
  title: text,
  issuer: text.optional(),
  year: z.int().min(1800).max(2100).optional(),
  pages: z
    .string()
    .trim()
    .regex(/^\d+(?:[–-]\d+)?(?:, ?\d+(?:[–-]\d+)?)*$/, "must be pages such as 8, 8–9 or 8, 12")
    .optional(),
  note: text.optional(),
});
export type SourceRef = z.infer<typeof sourceRefSchema>;

const common = {
  id: id.optional(),
  title: text,
  summary: text,
  status: z.enum(["draft", "published", "archived"]).default("published"),
  publishedAt: moment.optional(),
  country: z.enum(countries).optional(),
  year: z.int().min(1900).max(2100).optional(),
  topics: z.array(slug).default([]),
  places: z.array(slug).default([]),
  organisations: z.array(z.strictObject({ organisation: slug, role: z.enum(organisationRoles) })).default([]),
  adviser: slug.optional(),
  translationOf: itemKey.optional(),
  related: z.array(itemKey).default([]),
  attachments: z.array(attachmentSchema).default([]),
  keyFigures: z.array(keyFigureSchema).default([]),
  /** The date the source gives, as precise as it gives it (see source-date.ts); never the site's publishing time. */
  sourceDate: sourceDateSchema.optional(),
  /** The source documents the item draws on. */
  sources: z.array(sourceRefSchema).default([]),
  /** What in the item is the editors' own text and not the source's, in the item's language. */
  editorialNote: text.optional(),
  /** The staff member who reviews the item, by the e-mail address of their account (none: the item is unowned). */
  owner: z.email("must be the e-mail address of a staff account").optional(),
  /** The date the item was last reviewed; its next review falls due a period per type later (lib/review/policy.ts). */
  reviewed: z.iso.date("must be a date (YYYY-MM-DD)").optional(),
};

export const itemFrontmatterSchemas = {
  article: z.strictObject(common),
  case: z.strictObject(common),
  publication: z.strictObject({
    ...common,
    pages: z.int().min(1).optional(),
    isbn: text.optional(),
  }),
  project: z
    .strictObject({
      ...common,
      period: z.strictObject({ start: yearMonth, end: yearMonth.optional() }).optional(),
      budget: z.strictObject({ amount: z.number().nonnegative(), currency: z.string().regex(/^[A-Z]{3}$/) }).optional(),
    })
    .refine((p) => !p.period?.end || p.period.end >= p.period.start, {
      message: "the period must not end before it starts",
      path: ["period", "end"],
    }),
  reference: z.strictObject({
    ...common,
    documentType: z.enum(documentTypes),
    sourceUrl: z.url().optional(),
    /** The issuer's diary (journal) number, as the source writes it. */
    diaryNumber: text.optional(),
  }),
} as const;

export type ItemType = (typeof itemTypes)[number];
export type ContentLocale = (typeof locales)[number];
export type TopicData = z.infer<typeof topicSchema>;
export type OrganisationData = z.infer<typeof organisationSchema>;
export type PlaceData = z.infer<typeof placeSchema>;
export type AdviserData = z.infer<typeof adviserSchema>;
export type GlossaryTermData = z.infer<typeof glossaryTermSchema>;
export type ItemFrontmatter = z.infer<(typeof itemFrontmatterSchemas)[ItemType]>;

export type ItemData = {
  key: string;
  file: string;
  type: ItemType;
  locale: ContentLocale;
  slug: string;
  body: string;
  data: ItemFrontmatter & {
    pages?: number;
    isbn?: string;
    period?: { start: string; end?: string };
    budget?: { amount: number; currency: string };
    documentType?: (typeof documentTypes)[number];
    sourceUrl?: string;
    diaryNumber?: string;
  };
};

/** content/best-bets.yaml (optional): the items editors pinned for a query term in one language, by item address. */
export const bestBetEntrySchema = z.strictObject({
  id: id.optional(),
  locale: z.enum(locales),
  term: z.string().trim().min(1).max(100),
  items: z.array(itemKey).min(1).max(3),
});

export type BestBetEntryData = z.infer<typeof bestBetEntrySchema>;
