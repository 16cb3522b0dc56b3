// The published catalogue as the JSON API gives it: both languages, stable ids, every item once (a translated pair
// as two items linked to each other), slugs instead of names for the things an item refers to. Drafts, scheduled and
// archived items never appear (lib/catalogue/visibility.ts). Each function takes the database client, so that tests
// run them on any database.
import "server-only";
import type { Db } from "@/lib/database/client";
import type { ItemType, Locale, Prisma } from "@/lib/generated/prisma/client";
import { isVisible, visibleWhere } from "@/lib/catalogue/visibility";
import { itemFacts, storedBody } from "@/lib/catalogue/items";
import { attachmentHref } from "@/lib/attachment-href";
import { absoluteUrl, itemUrl } from "@/lib/seo/urls";
import { decodeCursor, encodeCursor, type ItemsQuery } from "./queries";
import { ProblemError } from "./problem";

const linkSelect = { id: true, type: true, locale: true, slug: true, status: true, publishedAt: true } as const;

const listSelect = {
  id: true,
  type: true,
  locale: true,
  slug: true,
  title: true,
  summary: true,
  status: true,
  publishedAt: true,
  updatedAt: true,
  year: true,
  country: true,
  topics: { select: { topic: { select: { slug: true } } } },
  places: { select: { place: { select: { slug: true } } } },
  translationOf: { select: linkSelect },
  translatedBy: { select: linkSelect },
} satisfies Prisma.ItemSelect;

type ListRow = Prisma.ItemGetPayload<{ select: typeof listSelect }>;
type LinkRow = Prisma.ItemGetPayload<{ select: typeof linkSelect }>;

// The API address of an item
export function itemApiUrl(base: string, id: string): string {
  return absoluteUrl(base, `/api/v1/items/${id}`);
}

function link(base: string, row: Pick<LinkRow, "id" | "type" | "locale" | "slug">) {
  return { id: row.id, locale: row.locale, url: itemUrl(base, row), apiUrl: itemApiUrl(base, row.id) };
}

function summaryOf(base: string, row: ListRow, now: Date) {
  const translation = [row.translationOf, row.translatedBy].find((t) => isVisible(t, now));
  return {
    id: row.id,
    type: row.type,
    locale: row.locale,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    year: row.year,
    country: row.country,
    topics: row.topics.map((t) => t.topic.slug).sort(),
    places: row.places.map((p) => p.place.slug).sort(),
    url: itemUrl(base, row),
    apiUrl: itemApiUrl(base, row.id),
    translation: translation ? link(base, translation) : null,
  };
}

export type ApiItemSummary = ReturnType<typeof summaryOf>;

// One page of published items of both languages, newest first, with the listing filters; the cursor continues a list
export async function listApiItems(client: Db, base: string, query: ItemsQuery) {
  const now = new Date();
  const filters: Prisma.ItemWhereInput[] = [visibleWhere(now)];
  if (query.type) filters.push({ type: query.type });
  if (query.lang) filters.push({ locale: query.lang });
  if (query.country) filters.push({ country: query.country });
  if (query.year) filters.push({ year: query.year });
  if (query.topic) filters.push({ topics: { some: { topic: { slug: query.topic } } } });
  if (query.municipality)
    filters.push({ places: { some: { place: { slug: query.municipality, kind: "municipality" } } } });
  const where: Prisma.ItemWhereInput = { AND: filters };
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const page: Prisma.ItemWhereInput = !after
    ? {}
    : after.publishedAt === null
      ? { publishedAt: null, id: { gt: after.id } }
      : {
          OR: [
            { publishedAt: { lt: new Date(after.publishedAt) } },
            { publishedAt: new Date(after.publishedAt), id: { gt: after.id } },
            { publishedAt: null },
          ],
        };
  const [rows, total] = await Promise.all([
    client.item.findMany({
      where: { AND: [where, page] },
      orderBy: [{ publishedAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
      take: query.limit + 1,
      select: listSelect,
    }),
    client.item.count({ where }),
  ]);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ publishedAt: last.publishedAt?.toISOString() ?? null, id: last.id })
      : null;
  return { items: items.map((row) => summaryOf(base, row, now)), total, nextCursor };
}

// One published item with its body and facts, by id or by locale and slug (and type), or null
export async function getApiItem(
  client: Db,
  base: string,
  where: { id: string } | { locale: Locale; slug: string; type?: ItemType },
) {
  const now = new Date();
  const rows = await client.item.findMany({
    where: { AND: [visibleWhere(now), where] },
    select: {
      ...listSelect,
      body: true,
      bodyHtml: true,
      bodyRenderer: true,
      pages: true,
      isbn: true,
      periodStart: true,
      periodEnd: true,
      budgetAmount: true,
      budgetCurrency: true,
      documentType: true,
      sourceUrl: true,
      diaryNumber: true,
      keyFigures: true,
      sourceDate: true,
      sources: true,
      editorialNote: true,
      adviser: { select: { slug: true } },
      organisations: { select: { role: true, organisation: { select: { slug: true } } }, orderBy: { position: "asc" } },
      attachments: {
        select: { title: true, fileName: true, mimeType: true, sizeBytes: true, location: true },
        orderBy: { position: "asc" },
      },
      relatedTo: { select: { to: { select: linkSelect } } },
      relatedFrom: { select: { from: { select: linkSelect } } },
    },
  });
  if (rows.length > 1) {
    throw new ProblemError(
      "ambiguous",
      `Items of several types have this slug (${rows.map((r) => r.type).join(", ")}); give the type parameter.`,
    );
  }
  const row = rows[0];
  if (!row) return null;
  const { html } = await storedBody(row);
  const related = [...row.relatedTo.map((r) => r.to), ...row.relatedFrom.map((r) => r.from)]
    .filter((r) => isVisible(r, now))
    .map((r) => link(base, r));
  return {
    ...summaryOf(base, row, now),
    body: row.body,
    html,
    ...itemFacts(row),
    adviser: row.adviser?.slug ?? null,
    organisations: row.organisations.map((o) => ({ slug: o.organisation.slug, role: o.role })),
    attachments: row.attachments.map(({ location, ...a }) => {
      const href = attachmentHref(location);
      return { ...a, url: href === null ? null : href.startsWith("/") ? absoluteUrl(base, href) : href };
    }),
    related,
  };
}

// Every topic in both languages with the number of published items in it
export async function listApiTopics(client: Db) {
  const rows = await client.topic.findMany({
    select: {
      slug: true,
      nameDa: true,
      nameSv: true,
      descriptionDa: true,
      descriptionSv: true,
      _count: { select: { items: { where: { item: visibleWhere() } } } },
    },
    orderBy: { slug: "asc" },
  });
  return rows.map((t) => ({
    slug: t.slug,
    name: { da: t.nameDa, sv: t.nameSv },
    description: { da: t.descriptionDa, sv: t.descriptionSv },
    itemCount: t._count.items,
  }));
}

// Every glossary term, pairing the Danish and the Swedish words
export async function listApiGlossary(client: Db) {
  const rows = await client.glossaryTerm.findMany({ orderBy: { slug: "asc" } });
  return rows.map((g) => ({
    slug: g.slug,
    falseFriend: g.falseFriend,
    da: { term: g.termDa, synonyms: g.synonymsDa, explanation: g.explanationDa },
    sv: { term: g.termSv, synonyms: g.synonymsSv, explanation: g.explanationSv },
  }));
}

// Every adviser's public fields: as the adviser directory shows them (no placeholder address)
export async function listApiAdvisers(client: Db) {
  const rows = await client.adviser.findMany({
    select: {
      slug: true,
      name: true,
      titleDa: true,
      titleSv: true,
      email: true,
      emailIsPlaceholder: true,
      phone: true,
      languages: true,
      organisation: { select: { slug: true } },
      topics: { select: { topic: { select: { slug: true } } } },
    },
    orderBy: { slug: "asc" },
  });
  return rows.map((a) => ({
    slug: a.slug,
    name: a.name,
    title: { da: a.titleDa, sv: a.titleSv },
    organisation: a.organisation?.slug ?? null,
    email: a.emailIsPlaceholder ? null : a.email,
    phone: a.phone,
    languages: a.languages,
    topics: a.topics.map((t) => t.topic.slug).sort(),
  }));
}

// Every organisation
export async function listApiOrganisations(client: Db) {
  const rows = await client.organisation.findMany({
    select: { slug: true, name: true, shortName: true, country: true, url: true },
    orderBy: { slug: "asc" },
  });
  return rows;
}

// Every place (municipality, region, ...) with the place it lies in
export async function listApiPlaces(client: Db) {
  const rows = await client.place.findMany({
    select: { slug: true, name: true, kind: true, country: true, parent: { select: { slug: true } } },
    orderBy: { slug: "asc" },
  });
  return rows.map(({ parent, ...p }) => ({ ...p, parent: parent?.slug ?? null }));
}
