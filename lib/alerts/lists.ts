// Which list an alert follows: the filters of the page it was made on, written exactly as that page's Atom feed
// address carries them (lib/feeds/lists.ts), so that one list has one spelling whichever page it came from.
import "server-only";
import { listingFeedHref, parseFeedQuery, searchFeedHref, type FeedList } from "@/lib/feeds/lists";
import { filtersToQuery } from "@/lib/catalogue/filters";
import { sections } from "@/lib/catalogue/sections";
import type { Locale } from "@/lib/i18n/routing";
import { getPathname } from "@/lib/i18n/navigation";
import { searchQueryString } from "@/lib/search/params";
import type { ItemType } from "@/lib/generated/prisma/enums";

// The feed query of a page's list ("topic=x", "q=udbud&lang=sv"), canonical; null when it names no list
export function canonicalAlertQuery(raw: string): { query: string; list: FeedList } | null {
  const text = raw.replace(/^\?/, "");
  if (!text || text.length > 600) return null;
  const list = parseFeedQuery(new URLSearchParams(text));
  const href =
    list.kind === "search" ? searchFeedHref("da", list.params) : listingFeedHref("da", list.type, list.filters);
  const query = href.split("?")[1] ?? "";
  if (!query) return null;
  if (list.kind === "search" && !list.params.q) return null;
  return { query, list: parseFeedQuery(new URLSearchParams(query)) };
}

// The list an alert follows, from its stored query
export function alertList(query: string): FeedList {
  return parseFeedQuery(new URLSearchParams(query));
}

// The page of the list in the reader's language, with its filters
export function alertListPath(locale: Locale, list: FeedList): string {
  if (list.kind === "search") {
    const query = new URLSearchParams(searchQueryString({ ...list.params, sort: undefined, page: 1 }));
    return `${getPathname({ locale, href: "/search" })}?${query.toString()}`;
  }
  const { topic, ...rest } = list.filters;
  if (list.type) {
    const path = getPathname({ locale, href: `/${sections[list.type]}` as "/articles" });
    const query = filtersToQuery({ ...list.filters, page: undefined });
    return query ? `${path}?${query}` : path;
  }
  if (topic) {
    const path = getPathname({ locale, href: { pathname: "/topics/[slug]", params: { slug: topic } } });
    const query = filtersToQuery({ ...rest, page: undefined });
    return query ? `${path}?${query}` : path;
  }
  const query = new URLSearchParams(filtersToQuery({ ...list.filters, page: undefined }));
  return `${getPathname({ locale, href: "/search" })}${query.size ? `?${query.toString()}` : ""}`;
}

/** What an item offers to the listing filters. */
export type AlertCandidate = {
  id: string;
  type: ItemType;
  locale: Locale;
  country: string | null;
  year: number | null;
  topics: string[];
  municipalities: string[];
};

// Whether an item belongs to a listing's filters, as the listing itself decides (lib/catalogue/listing.ts)
export function listingMatches(list: Extract<FeedList, { kind: "listing" }>, item: AlertCandidate): boolean {
  const f = list.filters;
  if (list.type && item.type !== list.type) return false;
  if (f.topic && !item.topics.includes(f.topic)) return false;
  if (f.country && item.country !== f.country) return false;
  if (f.municipality && !item.municipalities.includes(f.municipality)) return false;
  if (f.year !== undefined && item.year !== f.year) return false;
  if (f.lang && item.locale !== f.lang) return false;
  return true;
}

// Whether an item passes a search's filters (its words are matched in the database)
export function searchFiltersMatch(list: Extract<FeedList, { kind: "search" }>, item: AlertCandidate): boolean {
  const p = list.params;
  if (p.type && item.type !== p.type) return false;
  if (p.topic && !item.topics.includes(p.topic)) return false;
  if (p.country && item.country !== p.country) return false;
  if (p.year !== undefined && item.year !== p.year) return false;
  if (p.lang && item.locale !== p.lang) return false;
  return true;
}
