// Saving and deleting an item from the editor, each in one transaction.
import "server-only";
import { touchCacheTags } from "@/lib/cache/store";
import { cacheTags } from "@/lib/cache/tags";
import { renderedBody } from "@/lib/markdown";
import type { Db } from "@/lib/database/client";
import { Prisma, type ItemStatus, type ItemType, type Locale } from "@/lib/generated/prisma/client";
import type { Staff } from "@/lib/auth/sessions";
import { audit } from "./audit";
import {
  dateToWallClock,
  keyFigureList,
  organisationList,
  slugify,
  validateItem,
  wallClockToDate,
  type ItemErrors,
  type ItemValues,
} from "./item-form";
import { editSelect, getEditableItem, valuesOf } from "./item-queries";

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

// The ids of the named organisations; each organisation that does not exist, and a translation link that points
// nowhere, to an item in the same language or to one already translated, is added to errors
async function checkReferences(
  tx: Prisma.TransactionClient,
  values: ItemValues,
  organisations: { slug: string }[],
  id: string | null,
  errors: ItemErrors,
): Promise<Map<string, string>> {
  const orgIds = new Map(
    (
      await tx.organisation.findMany({
        where: { slug: { in: organisations.map((o) => o.slug) } },
        select: { id: true, slug: true },
      })
    ).map((o) => [o.slug, o.id]),
  );
  if (organisations.some((o) => !orgIds.has(o.slug))) errors.organisations = { code: "organisations" };
  if (values.translationOfId) {
    const target = await tx.item.findUnique({
      where: { id: values.translationOfId },
      select: { locale: true, translatedBy: { select: { id: true } } },
    });
    if (!target) errors.translationOfId = { code: "invalid" };
    else if (target.locale === values.locale) errors.translationOfId = { code: "translationSameLocale" };
    else if (target.translatedBy && target.translatedBy.id !== id) errors.translationOfId = { code: "taken" };
  }
  return orgIds;
}

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
  input: {
    id: string | null;
    baseVersion: number;
    values: ItemValues;
    intent: SaveIntent;
    action?: string;
    /** The editor ticked "substantial change": e-mail alerts list the item again (lib/alerts/). */
    substantialChange?: boolean;
  },
  now = new Date(),
): Promise<SaveOutcome> {
  const values = { ...input.values };
  const errors = validateItem(values);
  const publishedAt = values.publishedAt ? wallClockToDate(values.publishedAt) : null;
  if (values.publishedAt && !publishedAt && !errors.publishedAt) errors.publishedAt = { code: "date" };
  if (input.intent === "schedule" && (!publishedAt || publishedAt <= now))
    errors.publishedAt = { code: "scheduleFuture" };

  const organisations = organisationList(errors.organisations ? "" : values.organisations);
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
    return await client.$transaction(async (tx): Promise<SaveOutcome> => {
      // The references are checked in the transaction that writes them.
      const orgIds = await checkReferences(tx, values, organisations, input.id, errors);
      if (Object.keys(errors).length) return { status: "invalid", errors };
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
        ...(typeof values.sourceDate === "string" ? { sourceDate: values.sourceDate.trim() || null } : {}),
        keyFigures: figures.length ? figures : Prisma.DbNull,
        adviserId: values.adviserId || null,
        translationOfId: values.translationOfId || null,
        adminEditedAt: now,
        ...(input.substantialChange ? { substantialChangeAt: now } : {}),
      };
      let id = input.id;
      let version: number;
      // The address before this save: a changed slug leaves a permanent redirect behind (ItemSlugRedirect).
      const previous = id
        ? await tx.item.findUnique({ where: { id }, select: { type: true, locale: true, slug: true } })
        : null;
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
      // This address is the item's own now, so no former address of another item may redirect away from it.
      await tx.itemSlugRedirect.deleteMany({ where: { type, locale, slug } });
      if (previous && (previous.slug !== slug || previous.type !== type || previous.locale !== locale)) {
        const former = { type: previous.type, locale: previous.locale, slug: previous.slug };
        await tx.itemSlugRedirect.upsert({
          where: { type_locale_slug: former },
          create: { ...former, itemId: id },
          update: { itemId: id, createdAt: now },
        });
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
