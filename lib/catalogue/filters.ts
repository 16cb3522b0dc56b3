// Listing filters as they travel in the URL: parsed leniently (a bad value is dropped, never an error page)
// and written back in one canonical order, so that one filter set has one cache key.
import { z } from "zod";

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(80);

const fields = {
  topic: slug,
  country: z.enum(["DK", "SE"]),
  municipality: slug,
  year: z.coerce.number().int().min(1900).max(2100),
  lang: z.enum(["da", "sv"]),
  page: z.coerce.number().int().min(2).max(1000),
};

export type ListingFilters = {
  topic?: string;
  country?: "DK" | "SE";
  municipality?: string;
  year?: number;
  lang?: "da" | "sv";
  page?: number;
};

export const filterNames = Object.keys(fields) as (keyof ListingFilters)[];

// Read the filters from URL search parameters, dropping anything unknown or malformed
export function parseFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): ListingFilters {
  const get = (name: string) => {
    const value = params instanceof URLSearchParams ? params.get(name) : params[name];
    return Array.isArray(value) ? value[0] : (value ?? undefined);
  };
  const filters: Record<string, unknown> = {};
  for (const name of filterNames) {
    const raw = get(name);
    if (raw === undefined || raw === "") continue;
    const parsed = fields[name].safeParse(raw);
    if (parsed.success) filters[name] = parsed.data;
  }
  return filters as ListingFilters;
}

// The filters as a query string in canonical order ("" when none)
export function filtersToQuery(filters: ListingFilters): string {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = filters[name];
    if (value !== undefined) params.set(name, String(value));
  }
  return params.toString();
}

// The filters as one path segment, for the cached route that renders a filtered listing
export function filtersToSegment(filters: ListingFilters): string {
  return filtersToQuery(filters).replaceAll("&", ";");
}

// The filters of a segment exactly as filtersToSegment writes it (or "all"); null for anything else, so that no
// other spelling, malformed or not, becomes a page of its own in the page cache
export function filtersFromSegment(segment: string): ListingFilters | null {
  let text: string;
  try {
    text = decodeURIComponent(segment);
  } catch {
    return null;
  }
  if (text === "all") return {};
  const filters = parseFilters(new URLSearchParams(text.replaceAll(";", "&")));
  const canonical = filtersToSegment(filters);
  return canonical !== "" && canonical === text ? filters : null;
}
