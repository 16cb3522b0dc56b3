import "server-only";
import { db } from "@/lib/db";
import { cached } from "@/lib/cache/cached";
import { cacheTags } from "@/lib/cache/tags";
import type { ItemType, Locale } from "@/lib/generated/prisma/client";
import { readerVersionWhere, visibleTranslation, visibleWhere } from "@/lib/catalogue/visibility";
import type { ItemSummary } from "@/lib/catalogue/items";

export type SitemapItem = {
  type: ItemType;
  locale: Locale;
  slug: string;
  updatedAt: string;
  translation: { type: ItemType; locale: Locale; slug: string } | null;
};

/** publishedAt is null for an item published without a date: the feed then gives it no pubDate rather than a made-up one. */
export type FeedItem = Pick<ItemSummary, "type" | "locale" | "slug" | "title" | "summary" | "publishedAt">;

const refSelect = { type: true, locale: true, slug: true, status: true, publishedAt: true } as const;

// List every published item with its visible translation, for the sitemap
export async function listSitemapItems(now = new Date()): Promise<SitemapItem[]> {
  const rows = await db().item.findMany({
    where: visibleWhere(now),
    orderBy: [{ locale: "asc" }, { type: "asc" }, { slug: "asc" }],
    select: {
      type: true,
      locale: true,
      slug: true,
      updatedAt: true,
      translationOf: { select: refSelect },
      translatedBy: { select: refSelect },
    },
  });
  return rows.map((row) => {
    const translation = visibleTranslation(row, now);
    return {
      type: row.type,
      locale: row.locale,
      slug: row.slug,
      updatedAt: row.updatedAt.toISOString(),
      translation: translation ? { type: translation.type, locale: translation.locale, slug: translation.slug } : null,
    };
  });
}

// List the slugs of every topic, for the sitemap
export async function listTopicSlugs(): Promise<string[]> {
  const rows = await db().topic.findMany({ orderBy: { slug: "asc" }, select: { slug: true } });
  return rows.map((r) => r.slug);
}

// List the newest published items for a locale's feed: both languages, of a translated pair only the reader's version
export async function listFeedItems(locale: Locale, limit = 30, now = new Date()): Promise<FeedItem[]> {
  const rows = await db().item.findMany({
    where: { ...visibleWhere(now), ...readerVersionWhere(locale, now) },
    orderBy: [{ publishedAt: { sort: "desc", nulls: "last" } }, { title: "asc" }],
    take: limit,
    select: { type: true, locale: true, slug: true, title: true, summary: true, publishedAt: true },
  });
  return rows.map((row) => ({ ...row, publishedAt: row.publishedAt?.toISOString() ?? null }));
}

// The same reads through the data cache, so that the sitemap and feeds query the database only after a change
export const cachedSitemapItems = cached("sitemapItems", [cacheTags.catalogue], () => listSitemapItems());
export const cachedTopicSlugs = cached("topicSlugs", [cacheTags.catalogue], () => listTopicSlugs());
export const cachedFeedItems = cached("feedItems", [cacheTags.catalogue], (locale: Locale) => listFeedItems(locale));
