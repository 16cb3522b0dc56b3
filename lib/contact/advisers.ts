import "server-only";
import type { Db } from "@/lib/database/client";
import type { ItemType, Locale, Prisma } from "@/lib/generated/prisma/client";
import { visibleWhere } from "@/lib/catalogue/visibility";

export type AdviserCard = {
  id: string;
  slug: string;
  name: string;
  title: string;
  organisation: string | null;
  languages: Locale[];
  topics: { slug: string; name: string }[];
};

export type ContactItem = { id: string; type: ItemType; slug: string; locale: Locale; title: string };

const adviserInclude = {
  organisation: true,
  topics: { include: { topic: true } },
} satisfies Prisma.AdviserInclude;

type AdviserRow = Prisma.AdviserGetPayload<{ include: typeof adviserInclude }>;

function card(row: AdviserRow, locale: Locale): AdviserCard {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    title: locale === "da" ? row.titleDa : row.titleSv,
    organisation: row.organisation?.name ?? null,
    languages: row.languages,
    topics: row.topics
      .map((t) => ({ slug: t.topic.slug, name: locale === "da" ? t.topic.nameDa : t.topic.nameSv }))
      .sort((a, b) => a.name.localeCompare(b.name, locale)),
  };
}

// List every adviser for the directory, those who speak the reader's language first
export async function listContactAdvisers(client: Db, locale: Locale): Promise<AdviserCard[]> {
  const rows = await client.adviser.findMany({ include: adviserInclude, orderBy: { name: "asc" } });
  return rows
    .map((row) => card(row, locale))
    .sort((a, b) => Number(b.languages.includes(locale)) - Number(a.languages.includes(locale)));
}

// Find one adviser by slug
export async function getAdviser(client: Db, slug: string, locale: Locale): Promise<AdviserCard | null> {
  if (!slug) return null;
  const row = await client.adviser.findUnique({ where: { slug }, include: adviserInclude });
  return row && card(row, locale);
}

// Find a published item that a question can be about
export async function getContactItem(client: Db, id: string): Promise<ContactItem | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const row = await client.item.findFirst({
    where: { id, ...visibleWhere() },
    select: { id: true, type: true, slug: true, locale: true, title: true },
  });
  return row;
}

// Route a question: the item's adviser, otherwise an adviser of its topics, otherwise the locale's default
export async function routeAdviser(client: Db, locale: Locale, itemId?: string | null): Promise<AdviserCard | null> {
  if (itemId) {
    const item = await client.item.findUnique({
      where: { id: itemId },
      select: {
        adviser: { include: adviserInclude },
        topics: { select: { topic: { select: { advisers: { include: { adviser: { include: adviserInclude } } } } } } },
      },
    });
    if (item?.adviser) return card(item.adviser, locale);
    // Of the topics' advisers: one who speaks the reader's language, then the one covering most of the item's topics.
    const tally = new Map<string, { row: AdviserRow; hits: number }>();
    for (const { topic } of item?.topics ?? []) {
      for (const { adviser } of topic.advisers) {
        const entry = tally.get(adviser.id) ?? { row: adviser, hits: 0 };
        entry.hits += 1;
        tally.set(adviser.id, entry);
      }
    }
    const best = [...tally.values()].sort(
      (a, b) =>
        Number(b.row.languages.includes(locale)) - Number(a.row.languages.includes(locale)) ||
        b.hits - a.hits ||
        a.row.slug.localeCompare(b.row.slug),
    )[0];
    if (best) return card(best.row, locale);
  }
  const fallback =
    (await client.adviser.findFirst({
      where: { defaultFor: { has: locale } },
      include: adviserInclude,
      orderBy: { slug: "asc" },
    })) ?? (await client.adviser.findFirst({ include: adviserInclude, orderBy: { slug: "asc" } }));
  return fallback && card(fallback, locale);
}
