// The API's query parameters, as zod schemas. Unlike the site's pages, which drop a bad value and carry on, the API
// refuses anything unknown or malformed with a 400 naming the parameter, so that a client's mistake is not silently
// answered with a different list.
import { z } from "zod";
import { countries, itemTypes, locales } from "@/lib/content/schema";
import { MAX_PAGE, sorts } from "@/lib/search/params";

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a slug (lower-case letters, digits and hyphens)")
  .max(80);
const year = z.coerce.number().int().min(1900).max(2100);

/** Largest page of items. */
export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 20;

type Cursor = { publishedAt: string | null; id: string };

const cursorSchema = z.tuple([z.iso.datetime().nullable(), z.uuid()]);

// The position after an item, as an opaque string
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.publishedAt, cursor.id])).toString("base64url");
}

// Read a cursor; null when it is not one this API wrote
export function decodeCursor(text: string): Cursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? { publishedAt: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

export const itemsQuerySchema = z.strictObject({
  type: z.enum(itemTypes).optional(),
  topic: slug.optional(),
  country: z.enum(countries).optional(),
  municipality: slug.optional(),
  year: year.optional(),
  lang: z.enum(locales).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  cursor: z
    .string()
    .max(200)
    .refine((c) => decodeCursor(c) !== null, "is not a cursor from this API")
    .optional(),
});

export type ItemsQuery = z.output<typeof itemsQuerySchema>;

export const itemBySlugQuerySchema = z.strictObject({ type: z.enum(itemTypes).optional() });

export const itemPathSchema = z.object({ id: z.uuid() });
export const slugPathSchema = z.object({ locale: z.enum(locales), slug });

export const searchQuerySchema = z.strictObject({
  q: z.string().max(2000).default(""),
  locale: z.enum(locales).default("da"),
  type: z.enum(itemTypes).optional(),
  topic: slug.optional(),
  country: z.enum(countries).optional(),
  lang: z.enum(locales).optional(),
  year: year.optional(),
  sort: z.enum(sorts).optional(),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  narrow: z.enum(["0", "1"]).default("0"),
});

export const emptyQuerySchema = z.strictObject({});
