import "server-only";
import { touchCacheTags } from "@/lib/cache/store";
import { cacheTags } from "@/lib/cache/tags";
import { renderedBody } from "@/lib/markdown";
import { diffWordsWithSpace } from "diff";
import type { Db } from "@/lib/database/client";
import { Prisma, type ItemStatus, type ItemType, type Locale } from "@/lib/generated/prisma/client";
import type { Staff } from "@/lib/auth/sessions";
import { isVisible, scheduledWhere, visibleWhere } from "@/lib/catalogue/visibility";
import { audit } from "./audit";
import type { Choice } from "./catalogue";
import {
  dateToWallClock,
  itemListFields,
  itemTextFields,
  keyFigureList,
  organisationList,
  slugify,
  validateItem,
  wallClockToDate,
  type ItemErrors,
  type ItemField,
  type ItemValues,
} from "./item-form";

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
};

export type ItemListQuery = {
  q?: string;
  type?: string;
  locale?: string;
  status?: string;
  topic?: string;
  sort?: string;
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
    },
  });
  return rows.map((r) => ({ ...r, status: displayStatus(r.status, r.publishedAt, now) }));
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

const editSelect = {
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
  keyFigures: true,
  adviserId: true,
  translationOfId: true,
  topics: { select: { topicId: true } },
  places: { select: { placeId: true } },
  organisations: { orderBy: { position: "asc" }, select: { role: true, organisation: { select: { slug: true } } } },
  relatedTo: { select: { toId: true } },
  attachments: { orderBy: { position: "asc" }, select: { id: true, title: true, fileName: true, sizeBytes: true } },
} satisfies Prisma.ItemSelect;

type EditRow = Prisma.ItemGetPayload<{ select: typeof editSelect }>;

const month = (d: Date | null) => (d ? d.toISOString().slice(0, 7) : "");

function valuesOf(row: EditRow): ItemValues {
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
    keyFigures: figures.map((f) => `${f.label} | ${f.value}`).join("\n"),
    organisations: row.organisations.map((o) => `${o.organisation.slug} | ${o.role}`).join("\n"),
    adviserId: row.adviserId ?? "",
    translationOfId: row.translationOfId ?? "",
    topicIds: row.topics.map((t) => t.topicId).sort(),
    placeIds: row.places.map((p) => p.placeId).sort(),
    relatedIds: row.relatedTo.map((r) => r.toId).sort(),
  };
}

export type EditableItem = {
  id: string;
  version: number;
  status: DisplayStatus;
  values: ItemValues;
  attachments: { id: string; title: string; fileName: string; sizeBytes: number }[];
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

export const saveIntents = ["save", "publish", "schedule", "unpublish", "archive"] as const;
export type SaveIntent = (typeof saveIntents)[number];

export type SaveOutcome =
  | { status: "saved"; id: string; version: number; values: ItemValues }
  | { status: "invalid"; errors: ItemErrors }
  | {
      status: "conflict";
      current: { version: number; values: ItemValues; author: string; at: Date };
    };

class Conflict extends Error {}

async function uniqueSlug(tx: Prisma.TransactionClient, base: string, locale: Locale, type: ItemType, id?: string) {
  const taken = new Set(
    (
      await tx.item.findMany({
        where: { locale, type, slug: { startsWith: base }, ...(id ? { id: { not: id } } : {}) },
        select: { slug: true },
      })
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

// Save an item from the editor. A save based on another version than the stored one is refused
// (edit conflict) and changes nothing. Every save keeps a revision.
export async function saveItem(
  client: Db,
  staff: Pick<Staff, "id" | "email" | "name">,
  input: { id: string | null; baseVersion: number; values: ItemValues; intent: SaveIntent; action?: string },
  now = new Date(),
): Promise<SaveOutcome> {
  const values = { ...input.values };
  const errors = validateItem(values);
  const publishedAt = values.publishedAt ? wallClockToDate(values.publishedAt) : null;
  if (values.publishedAt && !publishedAt && !errors.publishedAt) errors.publishedAt = { code: "date" };
  if (input.intent === "schedule" && (!publishedAt || publishedAt <= now))
    errors.publishedAt = { code: "scheduleFuture" };

  const organisations = organisationList(errors.organisations ? "" : values.organisations);
  const orgIds = new Map(
    (
      await client.organisation.findMany({
        where: { slug: { in: organisations.map((o) => o.slug) } },
        select: { id: true, slug: true },
      })
    ).map((o) => [o.slug, o.id]),
  );
  if (organisations.some((o) => !orgIds.has(o.slug))) errors.organisations = { code: "organisations" };
  if (values.translationOfId) {
    const target = await client.item.findUnique({
      where: { id: values.translationOfId },
      select: { locale: true, translatedBy: { select: { id: true } } },
    });
    if (!target) errors.translationOfId = { code: "invalid" };
    else if (target.locale === values.locale) errors.translationOfId = { code: "translationSameLocale" };
    else if (target.translatedBy && target.translatedBy.id !== input.id) errors.translationOfId = { code: "taken" };
  }
  if (Object.keys(errors).length) return { status: "invalid", errors };

  const locale = values.locale as Locale;
  const type = values.type as ItemType;
  let status: ItemStatus | undefined;
  let when = publishedAt;
  switch (input.intent) {
    case "publish":
      status = "published";
      if (!when || when > now) when = now;
      break;
    case "schedule":
      status = "published";
      break;
    case "unpublish":
      status = "draft";
      break;
    case "archive":
      status = "archived";
      break;
  }

  try {
    return await client.$transaction(async (tx) => {
      const slug = await uniqueSlug(
        tx,
        values.slug.trim() || slugify(values.title),
        locale,
        type,
        input.id ?? undefined,
      );
      values.slug = slug;
      values.publishedAt = dateToWallClock(when);
      const figures = keyFigureList(values.keyFigures);
      const budget = values.budgetAmount.replace(/[\s ]/g, "").replace(",", ".");
      const row = {
        contentKey: `${locale}/${type}/${slug}`,
        type,
        locale,
        slug,
        title: values.title.trim(),
        summary: values.summary.trim(),
        body: values.body,
        // The public page shows the body as rendered here, by the same renderer as the preview.
        ...(await renderedBody(values.body)),
        publishedAt: when,
        country: (values.country || null) as "DK" | "SE" | null,
        year: values.year ? Number(values.year) : null,
        pages: values.pages ? Number(values.pages) : null,
        isbn: values.isbn.trim() || null,
        periodStart: values.periodStart ? new Date(`${values.periodStart}-01T00:00:00Z`) : null,
        periodEnd: values.periodEnd ? new Date(`${values.periodEnd}-01T00:00:00Z`) : null,
        budgetAmount: budget ? new Prisma.Decimal(budget) : null,
        budgetCurrency: values.budgetCurrency.trim() || null,
        documentType: values.documentType || null,
        sourceUrl: values.sourceUrl.trim() || null,
        keyFigures: figures.length ? figures : Prisma.DbNull,
        adviserId: values.adviserId || null,
        translationOfId: values.translationOfId || null,
        adminEditedAt: now,
      };
      let id = input.id;
      let version: number;
      if (id && !(await tx.revision.count({ where: { itemId: id } }))) {
        // An item from content/ gets its imported state as the first revision, so it can be restored.
        const before = await tx.item.findUnique({ where: { id }, select: editSelect });
        if (before && before.version === input.baseVersion) {
          await tx.revision.create({
            data: {
              itemId: id,
              version: before.version,
              authorName: "content/",
              action: "import",
              snapshot: valuesOf(before),
              createdAt: new Date(now.getTime() - 1),
            },
          });
        }
      }
      if (id) {
        const updated = await tx.item.updateMany({
          where: { id, version: input.baseVersion },
          data: { ...row, ...(status ? { status } : {}), version: { increment: 1 } },
        });
        if (updated.count !== 1) throw new Conflict();
        version = input.baseVersion + 1;
      } else {
        const created = await tx.item.create({
          data: { ...row, status: status ?? "draft", version: 1 },
          select: { id: true },
        });
        id = created.id;
        version = 1;
      }
      await tx.itemTopic.deleteMany({ where: { itemId: id } });
      await tx.itemTopic.createMany({ data: values.topicIds.map((topicId) => ({ itemId: id!, topicId })) });
      await tx.itemPlace.deleteMany({ where: { itemId: id } });
      await tx.itemPlace.createMany({ data: values.placeIds.map((placeId) => ({ itemId: id!, placeId })) });
      await tx.itemOrganisation.deleteMany({ where: { itemId: id } });
      await tx.itemOrganisation.createMany({
        data: organisations.map((o, position) => ({
          itemId: id!,
          organisationId: orgIds.get(o.slug)!,
          role: o.role as Prisma.ItemOrganisationCreateManyInput["role"],
          position,
        })),
        skipDuplicates: true,
      });
      await tx.itemRelation.deleteMany({ where: { fromId: id } });
      await tx.itemRelation.createMany({
        data: values.relatedIds.filter((to) => to !== id).map((toId) => ({ fromId: id!, toId })),
        skipDuplicates: true,
      });
      const action = input.action ?? (input.id ? input.intent : "create");
      const saved = {
        ...values,
        topicIds: [...values.topicIds].sort(),
        placeIds: [...values.placeIds].sort(),
        relatedIds: [...values.relatedIds].sort(),
      };
      await tx.revision.create({
        data: { itemId: id, version, authorId: staff.id, authorName: staff.name, action, snapshot: saved },
      });
      await audit(tx, staff, `item.${action}`, "item", id, { version, title: row.title });
      // Every app process drops its pages of the catalogue when this commits (lib/cache/handler.mjs).
      await touchCacheTags(tx, [cacheTags.catalogue]);
      return { status: "saved" as const, id, version, values: saved };
    });
  } catch (error) {
    if (!(error instanceof Conflict)) throw error;
    const current = await getEditableItem(client, input.id!);
    const last = await client.revision.findFirst({
      where: { itemId: input.id! },
      orderBy: { createdAt: "desc" },
      select: { authorName: true, createdAt: true },
    });
    return {
      status: "conflict",
      current: {
        version: current?.version ?? 0,
        values: current?.values ?? values,
        author: last?.authorName ?? "?",
        at: last?.createdAt ?? now,
      },
    };
  }
}

export type RevisionEntry = {
  id: string;
  version: number;
  authorName: string;
  action: string;
  createdAt: Date;
  changes: FieldDiff[];
};

export type DiffPart = { value: string; added?: boolean; removed?: boolean };
export type FieldDiff = { field: ItemField; parts: DiffPart[] };

const asText = (values: Partial<ItemValues>, field: ItemField) => {
  const v = values[field];
  return Array.isArray(v) ? v.join("\n") : (v ?? "");
};

// The fields that differ between two saved states, each as a word diff
export function diffValues(before: Partial<ItemValues>, after: Partial<ItemValues>): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of [...itemTextFields, ...itemListFields]) {
    const a = asText(before, field);
    const b = asText(after, field);
    if (a === b) continue;
    out.push({
      field,
      parts: diffWordsWithSpace(a, b).map((p) => ({ value: p.value, added: p.added, removed: p.removed })),
    });
  }
  return out;
}

// Every revision of an item, newest first, each with its changes from the one before
export async function listRevisions(client: Db, itemId: string): Promise<RevisionEntry[]> {
  if (!/^[0-9a-f-]{36}$/i.test(itemId)) return [];
  const rows = await client.revision.findMany({
    where: { itemId },
    orderBy: [{ createdAt: "asc" }, { version: "asc" }],
  });
  const entries = rows.map((row, i) => ({
    id: row.id,
    version: row.version,
    authorName: row.authorName,
    action: row.action,
    createdAt: row.createdAt,
    changes: diffValues(
      i > 0 ? (rows[i - 1]!.snapshot as Partial<ItemValues>) : {},
      row.snapshot as Partial<ItemValues>,
    ),
  }));
  return entries.reverse();
}

// Make a revision's state the item's current state again, as a new revision
export async function restoreRevision(
  client: Db,
  staff: Pick<Staff, "id" | "email" | "name">,
  input: { itemId: string; revisionId: string; baseVersion: number },
): Promise<SaveOutcome | { status: "notFound" }> {
  const revision = await client.revision.findFirst({ where: { id: input.revisionId, itemId: input.itemId } });
  if (!revision) return { status: "notFound" };
  const values = revision.snapshot as unknown as ItemValues;
  return saveItem(client, staff, {
    id: input.itemId,
    baseVersion: input.baseVersion,
    values: { ...values },
    intent: "save",
    action: "restore",
  });
}

export type DeleteOutcome = { status: "deleted"; title: string } | { status: "gone" } | { status: "stale" };

// Delete an item the admin has seen at this version. Its id and address are kept as a tombstone, so the export
// removes its file and the import leaves a file with its id alone (README, "Reliability"). Links to it from
// other items go with it; their translation falls back to none.
export async function deleteItem(
  client: Db,
  staff: Pick<Staff, "id" | "email">,
  id: string,
  seenVersion: number,
): Promise<DeleteOutcome> {
  return client.$transaction(async (tx) => {
    const item = await tx.item.findUnique({ where: { id }, select: { contentKey: true, title: true, version: true } });
    if (!item) return { status: "gone" as const };
    if (item.version !== seenVersion) return { status: "stale" as const };
    await tx.contentTombstone.upsert({
      where: { id },
      create: { id, kind: "items", key: item.contentKey },
      update: { key: item.contentKey, deletedAt: new Date() },
    });
    await tx.item.delete({ where: { id } });
    await audit(tx, staff, "item.delete", "item", id, { key: item.contentKey, title: item.title });
    await touchCacheTags(tx, [cacheTags.catalogue]);
    return { status: "deleted" as const, title: item.title };
  });
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

export type { ItemErrors, ItemField, ItemValues };
