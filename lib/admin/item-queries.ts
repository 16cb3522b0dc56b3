// The item queries of the staff pages: the list, the editor's choices and one item as the editor shows it.
import "server-only";
import type { Db } from "@/lib/database/client";
import { Prisma, type ItemStatus, type ItemType, type Locale } from "@/lib/generated/prisma/client";
import { isVisible, scheduledWhere, visibleWhere } from "@/lib/catalogue/visibility";
import type { Choice } from "./catalogue";
import { dateToWallClock, rowsToText, type ItemValues } from "./item-form";
import { reviewDueAt, reviewDueSoonDays, reviewState, type ReviewState } from "@/lib/review/policy";
import { reviewDueWhere, reviewedStatus } from "@/lib/review/where";
import { analyseText } from "@/lib/plain-language/analyse";

export type DisplayStatus = "draft" | "published" | "scheduled" | "archived";

export function displayStatus(status: ItemStatus, publishedAt: Date | null, now = new Date()): DisplayStatus {
  if (status === "published" && !isVisible({ status, publishedAt }, now)) return "scheduled";
  return status;
}

export type AdminItemRow = {
  id: string;
  title: string;
  type: ItemType;
  locale: Locale;
  slug: string;
  status: DisplayStatus;
  publishedAt: Date | null;
  updatedAt: Date;
  /** When the review falls due, and whether that is soon or past (only for published items; null otherwise). */
  review: { dueAt: Date; state: ReviewState } | null;
  owner: string | null;
  /** LIX of the body (lib/plain-language). */
  lix: number;
};

export const reviewFilters = ["overdue", "due", "unowned", "mine"] as const;

export type ItemListQuery = {
  q?: string;
  type?: string;
  locale?: string;
  status?: string;
  topic?: string;
  sort?: string;
  /** overdue, due (within the policy's days, or overdue), unowned or mine (ownerId) */
  review?: string;
  ownerId?: string;
};

export const itemSorts = ["updated", "title", "published"] as const;

// List items for the admin with search, filters and sorting
export async function listAdminItems(client: Db, query: ItemListQuery): Promise<AdminItemRow[]> {
  const now = new Date();
  const where: Prisma.ItemWhereInput[] = [];
  const q = query.q?.trim().slice(0, 200);
  if (q) {
    where.push({
      OR: [
        { title: { contains: q, mode: "insensitive" } },
        { summary: { contains: q, mode: "insensitive" } },
        { body: { contains: q, mode: "insensitive" } },
        { slug: { contains: q, mode: "insensitive" } },
      ],
    });
  }
  if (query.type && (["article", "case", "publication", "project", "reference"] as string[]).includes(query.type)) {
    where.push({ type: query.type as ItemType });
  }
  if (query.locale === "da" || query.locale === "sv") where.push({ locale: query.locale });
  switch (query.status) {
    case "draft":
    case "archived":
      where.push({ status: query.status });
      break;
    case "published":
      where.push(visibleWhere(now));
      break;
    case "scheduled":
      where.push(scheduledWhere(now));
      break;
  }
  if (query.topic) where.push({ topics: { some: { topic: { slug: query.topic } } } });
  switch (query.review) {
    case "overdue":
      where.push(reviewDueWhere(now));
      break;
    case "due":
      where.push(reviewDueWhere(new Date(now.getTime() + reviewDueSoonDays * 86_400_000)));
      break;
    case "unowned":
      where.push(reviewedStatus, { ownerId: null });
      break;
    case "mine":
      if (query.ownerId) where.push({ ownerId: query.ownerId });
      break;
  }
  const orderBy: Prisma.ItemOrderByWithRelationInput[] =
    query.sort === "title"
      ? [{ title: "asc" }]
      : query.sort === "published"
        ? [{ publishedAt: { sort: "desc", nulls: "last" } }, { title: "asc" }]
        : [{ updatedAt: "desc" }];
  const rows = await client.item.findMany({
    where: { AND: where },
    orderBy,
    take: 500,
    select: {
      id: true,
      title: true,
      type: true,
      locale: true,
      slug: true,
      status: true,
      publishedAt: true,
      updatedAt: true,
      body: true,
      reviewedAt: true,
      createdAt: true,
      owner: { select: { name: true } },
    },
  });
  return rows.map(({ body, reviewedAt, createdAt, owner, ...r }) => {
    const dueAt = reviewDueAt({ type: r.type, reviewedAt, createdAt });
    return {
      ...r,
      status: displayStatus(r.status, r.publishedAt, now),
      review: r.status === "published" ? { dueAt, state: reviewState(dueAt, now) } : null,
      owner: owner?.name ?? null,
      lix: analyseText(body, r.locale).lix,
    };
  });
}

export type EditorChoices = {
  topics: Choice[];
  places: Choice[];
  advisers: Choice[];
  items: (Choice & { locale: Locale })[];
  organisations: Choice[];
};

// Everything the editor offers to pick from
export async function editorChoices(client: Db, locale: Locale): Promise<EditorChoices> {
  const [topics, places, advisers, items, organisations] = await Promise.all([
    client.topic.findMany({ orderBy: { slug: "asc" }, select: { id: true, nameDa: true, nameSv: true } }),
    client.place.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    client.adviser.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    client.item.findMany({ orderBy: { title: "asc" }, select: { id: true, title: true, locale: true } }),
    client.organisation.findMany({ orderBy: { slug: "asc" }, select: { slug: true, name: true } }),
  ]);
  return {
    topics: topics.map((t) => ({ value: t.id, label: locale === "sv" ? t.nameSv : t.nameDa })),
    places: places.map((p) => ({ value: p.id, label: p.name })),
    advisers: advisers.map((a) => ({ value: a.id, label: a.name })),
    items: items.map((i) => ({ value: i.id, label: `${i.title} (${i.locale})`, locale: i.locale })),
    organisations: organisations.map((o) => ({ value: o.slug, label: o.name })),
  };
}

export const editSelect = {
  id: true,
  version: true,
  type: true,
  locale: true,
  slug: true,
  status: true,
  title: true,
  summary: true,
  body: true,
  publishedAt: true,
  country: true,
  year: true,
  pages: true,
  isbn: true,
  periodStart: true,
  periodEnd: true,
  budgetAmount: true,
  budgetCurrency: true,
  documentType: true,
  sourceUrl: true,
  sourceDate: true,
  keyFigures: true,
  adviserId: true,
  translationOfId: true,
  topics: { select: { topicId: true } },
  places: { select: { placeId: true } },
  organisations: { orderBy: { position: "asc" }, select: { role: true, organisation: { select: { slug: true } } } },
  relatedTo: { select: { toId: true } },
  attachments: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      title: true,
      fileName: true,
      sizeBytes: true,
      textStatus: true,
      textReason: true,
      textPages: true,
    },
  },
} satisfies Prisma.ItemSelect;

type EditRow = Prisma.ItemGetPayload<{ select: typeof editSelect }>;

const month = (d: Date | null) => (d ? d.toISOString().slice(0, 7) : "");

export function valuesOf(row: EditRow): ItemValues {
  const figures = Array.isArray(row.keyFigures) ? (row.keyFigures as { label: string; value: string }[]) : [];
  return {
    type: row.type,
    locale: row.locale,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    body: row.body,
    publishedAt: dateToWallClock(row.publishedAt),
    country: row.country ?? "",
    year: row.year?.toString() ?? "",
    pages: row.pages?.toString() ?? "",
    isbn: row.isbn ?? "",
    periodStart: month(row.periodStart),
    periodEnd: month(row.periodEnd),
    budgetAmount: row.budgetAmount?.toString() ?? "",
    budgetCurrency: row.budgetCurrency ?? "",
    documentType: row.documentType ?? "",
    sourceUrl: row.sourceUrl ?? "",
    sourceDate: row.sourceDate ?? "",
    keyFigures: rowsToText(figures.map((f) => [f.label, f.value])),
    organisations: rowsToText(row.organisations.map((o) => [o.organisation.slug, o.role])),
    adviserId: row.adviserId ?? "",
    translationOfId: row.translationOfId ?? "",
    topicIds: row.topics.map((t) => t.topicId).sort(),
    placeIds: row.places.map((p) => p.placeId).sort(),
    relatedIds: row.relatedTo.map((r) => r.toId).sort(),
  };
}

/** An attachment as the item's page lists it, with how far reading its text for search has come. */
export type AttachmentRow = {
  id: string;
  title: string;
  fileName: string;
  sizeBytes: number;
  textStatus: "pending" | "done" | "failed";
  textReason: string | null;
  textPages: number | null;
};

export type EditableItem = {
  id: string;
  version: number;
  status: DisplayStatus;
  values: ItemValues;
  attachments: AttachmentRow[];
};

// One item as the editor shows it, or null
export async function getEditableItem(client: Db, id: string): Promise<EditableItem | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const row = await client.item.findUnique({ where: { id }, select: editSelect });
  if (!row) return null;
  return {
    id: row.id,
    version: row.version,
    status: displayStatus(row.status, row.publishedAt),
    values: valuesOf(row),
    attachments: row.attachments,
  };
}

// Counts for the dashboard
export async function itemCounts(client: Db): Promise<Record<DisplayStatus, number>> {
  const now = new Date();
  const [draft, published, scheduled, archived] = await Promise.all([
    client.item.count({ where: { status: "draft" } }),
    client.item.count({ where: visibleWhere(now) }),
    client.item.count({ where: scheduledWhere(now) }),
    client.item.count({ where: { status: "archived" } }),
  ]);
  return { draft, published, scheduled, archived };
}
