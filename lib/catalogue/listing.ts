import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { cached } from "@/lib/cache/cached";
import { cacheTags } from "@/lib/cache/tags";
import type { ItemType, Locale, Prisma } from "@/lib/generated/prisma/client";
import { summarySelect, type ItemSummary } from "./items";
import { readerVersionWhere, visibleWhere } from "./visibility";
import type { ListingFilters } from "./filters";

// What a listing needs of each item: its summary and the values it can be filtered by.
export type ListingEntry = ItemSummary & {
  country: string | null;
  topics: string[];
  municipalities: string[];
};

export type ListingFacetValue = { value: string; label: string; count: number };
export type ListingFacets = Record<"topic" | "country" | "municipality" | "year" | "lang", ListingFacetValue[]>;

export type Listing = {
  entries: ListingEntry[];
  total: number;
  page: number;
  pageCount: number;
  facets: ListingFacets;
};

export const pageSize = 20;

const entrySelect = {
  ...summarySelect,
  country: true,
  topics: { select: { topic: { select: { slug: true } } } },
  places: { select: { place: { select: { slug: true, kind: true } } } },
} satisfies Prisma.ItemSelect;

type Labels = { topics: Map<string, string>; places: Map<string, string> };

// Every published item of the given types the reader sees, newest first, with its filter values
const readEntries = cached("listingEntries", [cacheTags.catalogue], async (types: ItemType[], uiLocale: Locale) => {
  const rows = await db().item.findMany({
    where: {
      ...visibleWhere(),
      ...readerVersionWhere(uiLocale),
      type: { in: types },
    },
    orderBy: [
      { publishedAt: { sort: "desc", nulls: "last" } },
      { year: { sort: "desc", nulls: "last" } },
      { title: "asc" },
    ],
    select: entrySelect,
  });
  return rows.map((row): ListingEntry => ({
    id: row.id,
    type: row.type,
    locale: row.locale,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    year: row.year ?? null,
    country: row.country,
    topics: row.topics.map((t) => t.topic.slug),
    municipalities: row.places.filter((p) => p.place.kind === "municipality").map((p) => p.place.slug),
  }));
});

const readLabels = cached("listingLabels", [cacheTags.catalogue], async (uiLocale: Locale) => {
  const [topics, places] = await Promise.all([
    db().topic.findMany({ select: { slug: true, nameDa: true, nameSv: true } }),
    db().place.findMany({ where: { kind: "municipality" }, select: { slug: true, name: true } }),
  ]);
  return {
    topics: topics.map((t) => [t.slug, uiLocale === "da" ? t.nameDa : t.nameSv] as const),
    places: places.map((p) => [p.slug, p.name] as const),
  };
});

const matchers: Record<keyof ListingFacets, (e: ListingEntry, value: string) => boolean> = {
  topic: (e, v) => e.topics.includes(v),
  country: (e, v) => e.country === v,
  municipality: (e, v) => e.municipalities.includes(v),
  year: (e, v) => String(e.year) === v,
  lang: (e, v) => e.locale === v,
};

function valuesOf(facet: keyof ListingFacets, e: ListingEntry): string[] {
  switch (facet) {
    case "topic":
      return e.topics;
    case "country":
      return e.country ? [e.country] : [];
    case "municipality":
      return e.municipalities;
    case "year":
      return e.year ? [String(e.year)] : [];
    case "lang":
      return [e.locale];
  }
}

function matches(e: ListingEntry, filters: ListingFilters, except?: keyof ListingFacets) {
  return (Object.keys(matchers) as (keyof ListingFacets)[]).every((facet) => {
    const value = filters[facet];
    return facet === except || value === undefined || matchers[facet](e, String(value));
  });
}

function countFacets(
  entries: ListingEntry[],
  filters: ListingFilters,
  labels: Labels,
  uiLocale: Locale,
): ListingFacets {
  const collator = new Intl.Collator(uiLocale);
  const facet = (name: keyof ListingFacets, label: (value: string) => string, sort: "label" | "desc") => {
    const counts = new Map<string, number>();
    for (const e of entries) {
      if (!matches(e, filters, name)) continue;
      for (const value of new Set(valuesOf(name, e))) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const values = [...counts].map(([value, count]) => ({ value, label: label(value), count }));
    return sort === "desc"
      ? values.sort((a, b) => b.value.localeCompare(a.value))
      : values.sort((a, b) => collator.compare(a.label, b.label));
  };
  return {
    topic: facet("topic", (v) => labels.topics.get(v) ?? v, "label"),
    country: facet("country", (v) => v, "label"),
    municipality: facet("municipality", (v) => labels.places.get(v) ?? v, "label"),
    year: facet("year", (v) => v, "desc"),
    lang: facet("lang", (v) => v, "label"),
  };
}

// One page of a listing of the given types with its facet counts; the items come from the cache, not the database
export const listItems = cache(
  async (types: ItemType[], uiLocale: Locale, filters: ListingFilters): Promise<Listing> => {
    const [entries, labelPairs] = await Promise.all([readEntries(types, uiLocale), readLabels(uiLocale)]);
    const labels = { topics: new Map(labelPairs.topics), places: new Map(labelPairs.places) };
    const hits = entries.filter((e) => matches(e, filters));
    const pageCount = Math.max(1, Math.ceil(hits.length / pageSize));
    const page = Math.min(filters.page ?? 1, pageCount);
    return {
      entries: hits.slice((page - 1) * pageSize, page * pageSize),
      total: hits.length,
      page,
      pageCount,
      facets: countFacets(entries, filters, labels, uiLocale),
    };
  },
);
