import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { cached } from "@/lib/cache/cached";
import { cacheTags } from "@/lib/cache/tags";
import type { Locale } from "@/lib/generated/prisma/client";

export type AdviserCard = {
  slug: string;
  name: string;
  title: string;
  organisation: string | null;
  // Shown only where the address is real
  email: string | null;
  phone: string | null;
  languages: Locale[];
  topics: { slug: string; name: string }[];
};

// Every adviser with title, organisation, languages and topics, by name
export const listAdvisers = cache(
  cached(
    "listAdvisers",
    [cacheTags.advisers, cacheTags.catalogue],
    async (uiLocale: Locale): Promise<AdviserCard[]> => {
      const rows = await db().adviser.findMany({
        include: { organisation: true, topics: { include: { topic: true } } },
        orderBy: { name: "asc" },
      });
      return rows.map((a) => ({
        slug: a.slug,
        name: a.name,
        title: uiLocale === "da" ? a.titleDa : a.titleSv,
        organisation: a.organisation?.name ?? null,
        email: a.emailIsPlaceholder ? null : a.email,
        phone: a.phone,
        languages: a.languages,
        topics: a.topics.map((t) => ({
          slug: t.topic.slug,
          name: uiLocale === "da" ? t.topic.nameDa : t.topic.nameSv,
        })),
      }));
    },
  ),
);
