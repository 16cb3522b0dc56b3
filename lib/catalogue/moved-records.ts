import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import type { Db } from "@/lib/database/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { cached } from "@/lib/cache/cached";
import { cacheTags, type CacheTag } from "@/lib/cache/tags";
import type { RecordKind } from "@/lib/admin/record-form";
import type { ListingFilters } from "./filters";

// Former slugs of topics, places, advisers, glossary terms and organisations (RecordSlugRedirect): an address, filter
// or anchor that named a record before an admin renamed it leads to the record as it is called now.

type Client = Db | Prisma.TransactionClient;

// The slug a record of this kind has now, or null when there is none
async function currentSlug(client: Client, kind: RecordKind, id: string): Promise<string | null> {
  const args = { where: { id }, select: { slug: true } } as const;
  switch (kind) {
    case "topics":
      return (await client.topic.findUnique(args))?.slug ?? null;
    case "organisations":
      return (await client.organisation.findUnique(args))?.slug ?? null;
    case "places":
      return (await client.place.findUnique(args))?.slug ?? null;
    case "advisers":
      return (await client.adviser.findUnique(args))?.slug ?? null;
    case "glossary":
      return (await client.glossaryTerm.findUnique(args))?.slug ?? null;
  }
}

// The current slug of the record that a former slug of this kind belonged to; null when the slug is a record's own
// (a record that took it later wins), was never renamed, or its record is gone
export async function findMovedRecord(client: Client, kind: RecordKind, slug: string): Promise<string | null> {
  const row = await client.recordSlugRedirect.findUnique({
    where: { kind_slug: { kind, slug } },
    select: { recordId: true },
  });
  if (!row) return null;
  const now = await currentSlug(client, kind, row.recordId);
  if (!now || now === slug) return null;
  return (await liveSlugs(client, kind, [slug])).has(slug) ? null : now;
}

// Which of these slugs a record of the kind has now
async function liveSlugs(client: Client, kind: RecordKind, slugs: string[]): Promise<Set<string>> {
  const args = { where: { slug: { in: slugs } }, select: { slug: true } } as const;
  const rows =
    kind === "topics"
      ? await client.topic.findMany(args)
      : kind === "organisations"
        ? await client.organisation.findMany(args)
        : kind === "places"
          ? await client.place.findMany(args)
          : kind === "advisers"
            ? await client.adviser.findMany(args)
            : await client.glossaryTerm.findMany(args);
  return new Set(rows.map((r) => r.slug));
}

// Every former slug of a kind that no record has taken since, by the id of the record it leads to
export async function findFormerSlugs(client: Client, kind: RecordKind): Promise<Map<string, string[]>> {
  const rows = await client.recordSlugRedirect.findMany({
    where: { kind },
    select: { slug: true, recordId: true },
    orderBy: { slug: "asc" },
  });
  const taken = rows.length
    ? await liveSlugs(
        client,
        kind,
        rows.map((r) => r.slug),
      )
    : new Set<string>();
  const former = new Map<string, string[]>();
  for (const row of rows)
    if (!taken.has(row.slug)) former.set(row.recordId, [...(former.get(row.recordId) ?? []), row.slug]);
  return former;
}

// The cache tags of the pages that show each kind (and so must learn of its renames)
export const recordCacheTags: Record<RecordKind, CacheTag[]> = {
  glossary: [cacheTags.glossary],
  advisers: [cacheTags.advisers, cacheTags.catalogue],
  topics: [cacheTags.catalogue, cacheTags.advisers],
  organisations: [cacheTags.catalogue, cacheTags.advisers],
  places: [cacheTags.catalogue],
};

const movedReads = Object.fromEntries(
  (Object.keys(recordCacheTags) as RecordKind[]).map((kind) => [
    kind,
    cached(`getMovedRecord:${kind}`, recordCacheTags[kind], (slug: string) => findMovedRecord(db(), kind, slug)),
  ]),
) as Record<RecordKind, (slug: string) => Promise<string | null>>;

export const getMovedRecord = cache((kind: RecordKind, slug: string) => movedReads[kind](slug));

// Listing filters with a former slug of a topic or municipality replaced by the record's current one; null when
// no filter names a former slug
export async function movedFilters(filters: ListingFilters): Promise<ListingFilters | null> {
  const [topic, municipality] = await Promise.all([
    filters.topic ? getMovedRecord("topics", filters.topic) : null,
    filters.municipality ? getMovedRecord("places", filters.municipality) : null,
  ]);
  if (!topic && !municipality) return null;
  return { ...filters, ...(topic ? { topic } : {}), ...(municipality ? { municipality } : {}) };
}
