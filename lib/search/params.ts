// The search page's URL parameters. Anything a visitor can type into the address bar parses: a bad
// value falls back to its default instead of failing, and the query text is cleaned and capped.
import { z } from "zod";
import { countries, itemTypes, locales } from "@/lib/content/schema";

/** Longest query searched; longer ones are cut here and the page says so. */
export const MAX_QUERY_LENGTH = 200;
export const PAGE_SIZE = 10;
/** Deepest page served, so that no request pays for a huge OFFSET. */
export const MAX_PAGE = 100;
export const sorts = ["relevance", "newest"] as const;

// Control characters (NUL included), format characters (bidi overrides, zero-width joiners), lone
// surrogates, private-use and unassigned code points: none can be typed on purpose, some break
// PostgreSQL (NUL) and some would disturb the page's text direction.
const invisible = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu;

// Clean a raw query: invisible characters become spaces, white space is collapsed, the length capped
export function cleanQuery(raw: string): { q: string; capped: boolean } {
  const text = raw.normalize("NFC").replace(invisible, " ").replace(/\s+/gu, " ").trim();
  const chars = Array.from(text);
  if (chars.length <= MAX_QUERY_LENGTH) return { q: text, capped: false };
  return { q: chars.slice(0, MAX_QUERY_LENGTH).join("").trim(), capped: true };
}

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(first, schema.optional().catch(undefined));

export const searchParamsSchema = z.object({
  q: z.preprocess(first, z.string().catch("").default("")),
  type: optional(z.enum(itemTypes)),
  topic: optional(
    z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .max(80),
  ),
  country: optional(z.enum(countries)),
  lang: optional(z.enum(locales)),
  year: optional(z.coerce.number().int().min(1900).max(2100)),
  sort: optional(z.enum(sorts)),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(MAX_PAGE).catch(1).default(1)),
  /** "1": search only for the words typed, without the glossary's counterparts. */
  narrow: z.preprocess(first, z.literal("1").optional().catch(undefined)).transform((v) => v === "1"),
  /** "1": only items holding every word, never the relaxed search for some of them. */
  all: z.preprocess(first, z.literal("1").optional().catch(undefined)).transform((v) => v === "1"),
});

export type RawSearchParams = Record<string, string | string[] | undefined>;
export type SearchParams = Omit<z.infer<typeof searchParamsSchema>, "q"> & { q: string; capped: boolean };

// Parse the search page's URL parameters
export function parseSearchParams(raw: RawSearchParams): SearchParams {
  const parsed = searchParamsSchema.parse(raw);
  return { ...parsed, ...cleanQuery(parsed.q) };
}

export type FilterKey = "type" | "topic" | "country" | "lang" | "year";
export const filterKeys: FilterKey[] = ["type", "topic", "country", "lang", "year"];

// The URL parameters of a search, leaving out defaults (for links: facets, paging, narrow search)
export function searchQueryString(params: Partial<SearchParams>): Record<string, string> {
  const out: Record<string, string> = {};
  if (params.q) out.q = params.q;
  for (const key of filterKeys) if (params[key] !== undefined) out[key] = String(params[key]);
  if (params.sort) out.sort = params.sort;
  if (params.narrow) out.narrow = "1";
  if (params.all) out.all = "1";
  if (params.page && params.page > 1) out.page = String(params.page);
  return out;
}
