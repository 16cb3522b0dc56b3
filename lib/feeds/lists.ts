// The Atom feed of any list the site shows: a listing of one type, a topic page, either of them filtered, or a search.
// The feed's address carries the page's filters as its query (/da/atom.xml?type=case&country=SE,
// /sv/atom.xml?topic=x, /da/atom.xml?q=udbud&lang=sv); the entries are what the page itself lists first, read by the
// same functions (listItems, searchCatalogue), so a feed never shows what its page would not.
import "server-only";
import { z } from "zod";
import { filtersToQuery, parseFilters, type ListingFilters } from "@/lib/catalogue/filters";
import { listItems } from "@/lib/catalogue/listing";
import { itemTypes } from "@/lib/content/schema";
import type { ItemType } from "@/lib/generated/prisma/enums";
import { parseSearchParams, searchQueryString, type SearchParams } from "@/lib/search/params";
import { searchCatalogue } from "@/lib/search/search";
import type { Locale } from "@/lib/i18n/routing";

/** How many entries a feed holds: the first page of a listing. */
export const FEED_SIZE = 20;

export type FeedList =
  { kind: "listing"; type: ItemType | undefined; filters: ListingFilters } | { kind: "search"; params: SearchParams };

export type FeedRow = {
  id: string;
  type: ItemType;
  locale: Locale;
  slug: string;
  title: string;
  summary: string;
  publishedAt: string | null;
  year: number | null;
};

const typeSchema = z.enum(itemTypes);

// Which list a feed address asks for: a search when it has q, otherwise a listing (of one type, or of all types)
export function parseFeedQuery(query: URLSearchParams): FeedList {
  if (query.has("q")) {
    const raw = Object.fromEntries(query);
    return { kind: "search", params: { ...parseSearchParams(raw), sort: "newest", page: 1 } };
  }
  const type = typeSchema.safeParse(query.get("type"));
  const filters = parseFilters(query);
  delete filters.page;
  return { kind: "listing", type: type.success ? type.data : undefined, filters };
}

// The feed address of a listing (one type, or a topic's every type) with its filters, without the page
export function listingFeedHref(locale: Locale, type: ItemType | undefined, filters: ListingFilters): string {
  const query = new URLSearchParams(filtersToQuery({ ...filters, page: undefined }));
  if (type) query.set("type", type);
  query.sort();
  const text = query.toString();
  return `/${locale}/atom.xml${text ? `?${text}` : ""}`;
}

// The feed address of a search, with its query and filters, without page and sort
export function searchFeedHref(locale: Locale, params: Partial<SearchParams>): string {
  const query = new URLSearchParams({ q: params.q ?? "", ...searchQueryString({ ...params, page: 1 }) });
  query.delete("sort");
  return `/${locale}/atom.xml?${query.toString()}`;
}

/** Labels of the chosen topic and municipality, as the listing's facets name them. */
export type FeedLabels = { topic?: string; municipality?: string };

// The newest entries of the list, as its page would list them for the reader
export async function readFeedList(list: FeedList, uiLocale: Locale): Promise<{ rows: FeedRow[]; labels: FeedLabels }> {
  if (list.kind === "listing") {
    const types = list.type ? [list.type] : [...itemTypes];
    const listing = await listItems(types, uiLocale, { ...list.filters, page: undefined });
    const label = (facet: "topic" | "municipality") =>
      listing.facets[facet].find((f) => f.value === list.filters[facet])?.label;
    return {
      rows: listing.entries.slice(0, FEED_SIZE),
      labels: { topic: label("topic"), municipality: label("municipality") },
    };
  }
  const outcome = await searchCatalogue(list.params, uiLocale);
  const rows = outcome.results.map((hit) => ({
    id: hit.id,
    type: hit.type,
    locale: hit.locale,
    slug: hit.slug,
    title: hit.title.map((s) => s.text).join(""),
    summary: hit.snippet.map((s) => s.text).join(""),
    publishedAt: hit.publishedAt,
    year: hit.year,
  }));
  return { rows, labels: {} };
}
