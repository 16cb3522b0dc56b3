import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { cached } from "@/lib/cache/cached";
import { cacheTags } from "@/lib/cache/tags";
import type { Locale } from "@/lib/generated/prisma/client";
import { readerVersionWhere, visibleWhere } from "./visibility";

export type TopicSummary = { slug: string; name: string; description: string; itemCount: number };

// Every topic with the number of published items the reader sees in it, by name
export const listTopics = cache(
  cached("listTopics", [cacheTags.catalogue], async (uiLocale: Locale): Promise<TopicSummary[]> => {
    const topics = await db().topic.findMany({
      select: {
        slug: true,
        nameDa: true,
        nameSv: true,
        descriptionDa: true,
        descriptionSv: true,
        _count: { select: { items: { where: { item: { ...visibleWhere(), ...readerVersionWhere(uiLocale) } } } } },
      },
    });
    const collator = new Intl.Collator(uiLocale);
    return topics
      .map((t) => ({
        slug: t.slug,
        name: uiLocale === "da" ? t.nameDa : t.nameSv,
        description: uiLocale === "da" ? t.descriptionDa : t.descriptionSv,
        itemCount: t._count.items,
      }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }),
);

// One topic by slug
export const getTopic = cache(async (slug: string, uiLocale: Locale) => {
  return (await listTopics(uiLocale)).find((t) => t.slug === slug) ?? null;
});
