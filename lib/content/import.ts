// Load the validated catalogue into the database. Idempotent: rows are written only where the files
// differ from what is stored, so a second run changes nothing. Files and rows meet by the id in the file
// (or, for a file without one, by its address), so a renamed or moved file renames its row and never makes
// a second copy. The rule where the admin and the files disagree (docs/reliability.md): a row changed or
// deleted in the admin wins; otherwise the files win, and a row whose file is gone is deleted.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import path from "node:path";
import { fileKeyPattern, storedFileInfo, writeStoredFile } from "@/lib/file-store";
import type { Db } from "@/lib/database/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { touchCacheTags } from "@/lib/cache/store";
import { renderedBody, rendererVersion } from "@/lib/markdown";
import { refreshSearchWords } from "@/lib/search/words";
import { dropPdfWords } from "@/lib/pdf-text/store";
import type { CacheTag } from "@/lib/cache/tags";
import { ContentError, type Catalogue, type Problem } from "./load";
import type { BestBetEntryData, ItemData } from "./schema";

type Tx = Prisma.TransactionClient;
export type Tally = { created: number; updated: number; unchanged: number; deleted: number };
export type ImportReport = Record<
  "topics" | "organisations" | "places" | "advisers" | "glossary" | "items" | "links" | "bestBets" | "files",
  Tally
>;

const tally = (): Tally => ({ created: 0, updated: 0, unchanged: 0, deleted: 0 });

const changed = (t: Tally) => t.created + t.updated + t.deleted > 0;

// A problem found while writing: the transaction is rolled back and the import reports it like a file problem.
class Refused extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

// The cache tags whose pages show something the import changed
function changedTags(report: ImportReport): CacheTag[] {
  const tags: CacheTag[] = [];
  const { topics, organisations, places, items, links, glossary, advisers } = report;
  if ([topics, organisations, places, items, links].some(changed)) tags.push("catalogue");
  if (changed(glossary)) tags.push("glossary");
  if (changed(advisers)) tags.push("advisers", "catalogue");
  return tags;
}

function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && "toFixed" in value) return String(value);
  return value;
}

function differs(current: Record<string, unknown>, desired: Record<string, unknown>): boolean {
  return Object.keys(desired).some(
    (k) => JSON.stringify(comparable(current[k])) !== JSON.stringify(comparable(desired[k])),
  );
}

type RecordKind = "topics" | "organisations" | "places" | "advisers" | "glossary";

// Bring one kind of record in line with its file: matched by id (or by slug for an entry without one); a
// renamed slug renames the row; a row no entry names is deleted unless the admin made or changed it; an entry of a
// record deleted in the admin is left out.
async function sync<T extends { id: string; slug: string; adminEditedAt?: Date | null }, D extends { slug: string }>(
  tx: Tx,
  kind: RecordKind,
  count: Tally,
  existing: T[],
  desired: (D & { id?: string })[],
  create: (data: D & { id?: string }) => Promise<{ id: string }>,
  update: (id: string, data: D) => Promise<unknown>,
  remove: (ids: string[]) => Promise<unknown>,
): Promise<Map<string, string>> {
  const file = `content/${kind}.yaml`;
  // A record deleted in the admin stays out (by its id; an entry without one, by its slug), as items do.
  const tombstones = await tx.contentTombstone.findMany({ where: { kind }, select: { id: true, key: true } });
  const deadIds = new Set(tombstones.map((t) => t.id));
  const deadSlugs = new Set(tombstones.map((t) => t.key));
  desired = desired.filter((d) => !(d.id ? deadIds.has(d.id) : deadSlugs.has(d.slug)));
  const byId = new Map(existing.map((row) => [row.id, row]));
  const claimed = new Set(desired.flatMap((d) => (d.id && byId.has(d.id) ? [d.id] : [])));
  const bySlug = new Map(existing.filter((row) => !claimed.has(row.id)).map((row) => [row.slug, row]));
  // An entry without an id under a slug the admin has since renamed is the renamed row (RecordSlugRedirect).
  const moved = new Map(
    (await tx.recordSlugRedirect.findMany({ where: { kind }, select: { slug: true, recordId: true } })).map((r) => [
      r.slug,
      r.recordId,
    ]),
  );
  const matches = desired.map((d) => {
    let row = (d.id ? byId.get(d.id) : undefined) ?? bySlug.get(d.slug);
    const renamed = !row && !d.id ? byId.get(moved.get(d.slug) ?? "") : undefined;
    if (renamed && !claimed.has(renamed.id)) row = renamed;
    if (row) claimed.add(row.id);
    return row;
  });
  const gone = existing.filter((row) => !claimed.has(row.id));
  const kept = gone.filter((row) => row.adminEditedAt);
  const dropped = gone.filter((row) => !row.adminEditedAt);
  if (dropped.length) await remove(dropped.map((row) => row.id));
  count.deleted += dropped.length;
  const keptSlugs = new Map(kept.map((row) => [row.slug, row]));
  const ids = new Map<string, string>();
  for (const [index, data] of desired.entries()) {
    const current = matches[index];
    const holder = keptSlugs.get(data.slug);
    if (holder && holder.id !== current?.id)
      throw new Refused({
        file,
        field: `[${index}].slug`,
        message: `"${data.slug}" belongs to another record, made or changed in the admin (id ${holder.id})`,
      });
    if (!current) {
      ids.set(data.slug, (await create(data)).id);
      count.created++;
      continue;
    }
    let id = current.id;
    // A row made before files carried ids takes the file's id, so that every database agrees on it.
    if (data.id && data.id !== id) {
      await (tx[recordModel[kind]] as unknown as Updater).update({ where: { id }, data: { id: data.id } });
      id = data.id;
    }
    ids.set(data.slug, id);
    const { id: _fileId, ...fields } = data;
    void _fileId;
    // A row changed in the admin belongs to the admin: the file does not overwrite it (see docs/reliability.md).
    if (!current.adminEditedAt && differs(current, fields)) {
      await update(id, fields as unknown as D);
      count.updated++;
    } else count.unchanged++;
    // The admin's slug stays; the file's name for it points at the same row.
    if (current.adminEditedAt) ids.set(current.slug, id);
  }
  return ids;
}

type Updater = { update: (args: { where: { id: string }; data: { id: string } }) => Promise<unknown> };
const recordModel = {
  topics: "topic",
  organisations: "organisation",
  places: "place",
  advisers: "adviser",
  glossary: "glossaryTerm",
} as const;

// A date alone is midnight UTC (as files written before times were kept say); a time carries its offset.
export function momentOf(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
}

function itemRow(item: ItemData, ids: { adviser: Map<string, string>; owner: Map<string, string> }) {
  const d = item.data;
  return {
    contentKey: item.key,
    type: item.type,
    locale: item.locale,
    slug: item.slug,
    status: d.status,
    publishedAt: d.publishedAt ? momentOf(d.publishedAt) : null,
    title: d.title,
    summary: d.summary,
    body: item.body,
    country: d.country ?? null,
    year: d.year ?? null,
    pages: d.pages ?? null,
    isbn: d.isbn ?? null,
    periodStart: d.period ? new Date(`${d.period.start}-01T00:00:00Z`) : null,
    periodEnd: d.period?.end ? new Date(`${d.period.end}-01T00:00:00Z`) : null,
    budgetAmount: d.budget?.amount ?? null,
    budgetCurrency: d.budget?.currency ?? null,
    documentType: d.documentType ?? null,
    sourceUrl: d.sourceUrl ?? null,
    keyFigures: d.keyFigures.length ? d.keyFigures : undefined,
    diaryNumber: d.diaryNumber ?? null,
    sourceDate: d.sourceDate ?? null,
    sources: d.sources.length ? d.sources : Prisma.DbNull,
    editorialNote: d.editorialNote ?? null,
    adviserId: d.adviser ? (ids.adviser.get(d.adviser) ?? null) : null,
    ownerId: d.owner ? (ids.owner.get(d.owner.toLowerCase()) ?? null) : null,
  };
}

async function importItems(
  tx: Tx,
  items: ItemData[],
  ids: Record<"topic" | "place" | "organisation" | "adviser" | "owner", Map<string, string>>,
  count: Tally,
): Promise<Map<string, string>> {
  const rows = await tx.item.findMany({
    select: { id: true, contentKey: true, importHash: true, adminEditedAt: true, reviewedAt: true },
  });
  // An owner named by an address no staff account has: the item is imported unowned (and listed so in the admin).
  for (const item of items)
    if (item.data.owner && !ids.owner.has(item.data.owner.toLowerCase()))
      console.warn(`${item.file}: owner ${item.data.owner} is no staff account; the item is imported as unowned.`);
  const tombstones = await tx.contentTombstone.findMany({ where: { kind: "items" }, select: { id: true, key: true } });
  const deletedIds = new Set(tombstones.map((t) => t.id));
  const deletedKeys = new Set(tombstones.map((t) => t.key));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const claimed = new Set(items.flatMap((i) => (i.data.id && byId.has(i.data.id) ? [i.data.id] : [])));
  const byKey = new Map(rows.filter((r) => !claimed.has(r.id)).map((r) => [r.contentKey, r]));
  // A file of an item deleted in the admin stays out (by its id; a file without one, by its address).
  const live = items.filter((item) => !(item.data.id ? deletedIds.has(item.data.id) : deletedKeys.has(item.key)));
  count.unchanged += items.length - live.length;
  const matches = new Map<ItemData, (typeof rows)[number] | undefined>();
  for (const item of live) {
    const row = (item.data.id ? byId.get(item.data.id) : undefined) ?? byKey.get(item.key);
    if (row) claimed.add(row.id);
    matches.set(item, row);
  }
  // An item whose file is gone is deleted, unless the admin made or changed it (then the admin's copy stays
  // and the next export writes its file again).
  const gone = rows.filter((r) => !claimed.has(r.id));
  const dropped = gone.filter((r) => !r.adminEditedAt);
  if (dropped.length) await tx.item.deleteMany({ where: { id: { in: dropped.map((r) => r.id) } } });
  count.deleted += dropped.length;
  // Rows the admin changed keep their address, whichever file names them.
  const kept = new Map(rows.filter((r) => r.adminEditedAt).map((r) => [r.contentKey, r]));

  const itemIds = new Map<string, string>();
  for (const item of live) {
    const holder = kept.get(item.key);
    if (holder && holder.id !== matches.get(item)?.id)
      throw new Refused({
        file: item.file,
        field: "slug",
        message: `the address ${item.key} belongs to another item, made or changed in the admin (id ${holder.id})`,
      });
    let current = matches.get(item);
    // A row made before files carried ids takes the file's id, so that every database agrees on it.
    if (current && item.data.id && current.id !== item.data.id) {
      await tx.item.update({ where: { id: current.id }, data: { id: item.data.id } });
      current = { ...current, id: item.data.id };
    }
    // The hash covers the file, its address and the ids it points to, so a recreated topic or adviser and a
    // renamed file count as changes.
    const { id: fileId, ...d } = item.data;
    const refs = [
      d.topics.map((t) => ids.topic.get(t)),
      d.places.map((p) => ids.place.get(p)),
      d.organisations.map((o) => ids.organisation.get(o.organisation)),
      d.adviser && ids.adviser.get(d.adviser),
      d.owner && ids.owner.get(d.owner.toLowerCase()),
    ];
    const importHash = createHash("sha256")
      .update(JSON.stringify({ key: item.key, d, body: item.body, refs, renderer: rendererVersion }))
      .digest("hex");
    // An item changed in the admin is left as the admin saved it (see docs/reliability.md).
    if (current?.importHash === importHash || current?.adminEditedAt) {
      itemIds.set(item.key, current.id);
      count.unchanged++;
      continue;
    }
    // A review date in the file moves the stored one forward, never back (a review marked in the admin stands).
    const reviewed = d.reviewed ? momentOf(d.reviewed) : null;
    const reviewedAt =
      reviewed && (!current?.reviewedAt || reviewed > current.reviewedAt) ? { reviewedAt: reviewed } : {};
    const row = { ...itemRow(item, ids), ...reviewedAt, ...(await renderedBody(item.body)), importHash };
    const saved = current
      ? await tx.item.update({ where: { id: current.id }, data: row, select: { id: true } })
      : await tx.item.create({ data: { ...row, ...(fileId ? { id: fileId } : {}) }, select: { id: true } });
    itemIds.set(item.key, saved.id);
    if (current) count.updated++;
    else count.created++;

    const itemId = saved.id;
    await tx.itemTopic.deleteMany({ where: { itemId } });
    await tx.itemPlace.deleteMany({ where: { itemId } });
    await tx.itemOrganisation.deleteMany({ where: { itemId } });
    await tx.attachment.deleteMany({ where: { itemId } });
    await tx.itemTopic.createMany({ data: d.topics.map((t) => ({ itemId, topicId: ids.topic.get(t)! })) });
    await tx.itemPlace.createMany({ data: d.places.map((p) => ({ itemId, placeId: ids.place.get(p)! })) });
    await tx.itemOrganisation.createMany({
      data: d.organisations.map((o, position) => ({
        itemId,
        organisationId: ids.organisation.get(o.organisation)!,
        role: o.role,
        position,
      })),
      skipDuplicates: true,
    });
    await tx.attachment.createMany({ data: d.attachments.map((a, position) => ({ ...a, itemId, position })) });
    // The attachments come back to be read again (pending): until then the item has no PDF words.
    await dropPdfWords(tx, itemId);
  }
  return itemIds;
}

// Point translations and related items at each other, writing only what differs. Links are cleared before
// they are set, so that two items trading a translation never meet the one-translation rule halfway.
async function importLinks(tx: Tx, items: ItemData[], itemIds: Map<string, string>, count: Tally) {
  const current = await tx.item.findMany({
    where: { id: { in: [...itemIds.values()] } },
    select: { id: true, translationOfId: true, adminEditedAt: true, relatedTo: { select: { toId: true } } },
  });
  const byId = new Map(current.map((row) => [row.id, row]));
  const translations: { item: ItemData; id: string; translationOfId: string | null }[] = [];
  for (const item of items) {
    const id = itemIds.get(item.key);
    if (!id) continue;
    const row = byId.get(id)!;
    if (row.adminEditedAt) {
      count.unchanged++;
      continue;
    }
    const translationOfId = item.data.translationOf ? (itemIds.get(item.data.translationOf) ?? null) : null;
    const related = item.data.related.flatMap((key) => itemIds.get(key) ?? []).sort();
    const stored = row.relatedTo.map((r) => r.toId).sort();
    let changed = false;
    if (row.translationOfId !== translationOfId) {
      translations.push({ item, id, translationOfId });
      if (row.translationOfId) await tx.item.update({ where: { id }, data: { translationOfId: null } });
      changed = true;
    }
    if (JSON.stringify(related) !== JSON.stringify(stored)) {
      await tx.itemRelation.deleteMany({ where: { fromId: id } });
      await tx.itemRelation.createMany({ data: related.map((toId) => ({ fromId: id, toId })) });
      changed = true;
    }
    if (changed) count.updated++;
    else count.unchanged++;
  }
  for (const { item, id, translationOfId } of translations) {
    if (!translationOfId) continue;
    const other = await tx.item.findUnique({ where: { translationOfId }, select: { contentKey: true } });
    if (other)
      throw new Refused({
        file: item.file,
        field: "translationOf",
        message: `"${item.data.translationOf}" is already translated by ${other.contentKey}, changed in the admin`,
      });
    await tx.item.update({ where: { id }, data: { translationOfId } });
  }
}

// Add the best bets of content/best-bets.yaml that the database lacks (matched by id, or by language and stemmed
// term). Best bets are made and changed in the admin, so one the database holds stays as it is, one removed in the
// admin (a tombstone) is not brought back, and one the file lacks is kept.
async function importBestBets(tx: Tx, entries: BestBetEntryData[], count: Tally) {
  if (!entries.length) return;
  const keys = await tx.$queryRaw<{ key: string }[]>`
    SELECT search_term_key(search_config(x.locale), x.term) AS key
    FROM unnest(${entries.map((e) => e.locale)}::text[], ${entries.map((e) => e.term)}::text[]) WITH ORDINALITY
      AS x(locale, term, n)
    ORDER BY x.n`;
  const existing = await tx.bestBet.findMany({ select: { id: true, locale: true, termKey: true } });
  const gone = await tx.contentTombstone.findMany({ where: { kind: "bestBets" }, select: { id: true, key: true } });
  const items = new Map(
    (
      await tx.item.findMany({
        where: { contentKey: { in: entries.flatMap((e) => e.items) } },
        select: { id: true, contentKey: true },
      })
    ).map((i) => [i.contentKey, i.id]),
  );
  for (const [index, entry] of entries.entries()) {
    const termKey = keys[index]?.key ?? "";
    if (!termKey)
      throw new Refused({
        file: "content/best-bets.yaml",
        field: `[${index}].term`,
        message: "has no word the search uses (only stop words)",
      });
    const key = `${entry.locale}:${termKey}`;
    const known = existing.some(
      (b) => (entry.id && b.id === entry.id) || (b.locale === entry.locale && b.termKey === termKey),
    );
    if (known || gone.some((t) => (entry.id && t.id === entry.id) || t.key === key)) {
      count.unchanged++;
      continue;
    }
    // An item deleted in the admin is not imported again, so a best bet may name one the database lacks.
    const itemIds = [...new Set(entry.items.flatMap((k) => (items.has(k) ? [items.get(k)!] : [])))];
    if (!itemIds.length) {
      count.unchanged++;
      continue;
    }
    const created = await tx.bestBet.create({
      data: {
        ...(entry.id ? { id: entry.id } : {}),
        locale: entry.locale,
        term: entry.term,
        termKey,
        items: { create: itemIds.map((itemId, position) => ({ itemId, position })) },
      },
    });
    existing.push({ id: created.id, locale: created.locale, termKey });
    count.created++;
  }
}

// Import the whole catalogue in one transaction
export async function importCatalogue(client: Db, catalogue: Catalogue): Promise<ImportReport> {
  const report: ImportReport = {
    topics: tally(),
    organisations: tally(),
    places: tally(),
    advisers: tally(),
    glossary: tally(),
    items: tally(),
    links: tally(),
    bestBets: tally(),
    files: tally(),
  };
  try {
    await client.$transaction(
    async (tx) => {
      const topic = await sync(
        tx,
        "topics",
        report.topics,
        await tx.topic.findMany(),
        catalogue.topics.map((t) => ({
          id: t.id,
          slug: t.slug,
          nameDa: t.name.da,
          nameSv: t.name.sv,
          descriptionDa: t.description?.da ?? "",
          descriptionSv: t.description?.sv ?? "",
        })),
        (data) => tx.topic.create({ data }),
        (id, data) => tx.topic.update({ where: { id }, data }),
        (ids) => tx.topic.deleteMany({ where: { id: { in: ids } } }),
      );
      const organisation = await sync(
        tx,
        "organisations",
        report.organisations,
        await tx.organisation.findMany(),
        catalogue.organisations.map((o) => ({
          id: o.id,
          slug: o.slug,
          name: o.name,
          shortName: o.shortName ?? null,
          country: o.country ?? null,
          url: o.url ?? null,
        })),
        (data) => tx.organisation.create({ data }),
        (id, data) => tx.organisation.update({ where: { id }, data }),
        (ids) => tx.organisation.deleteMany({ where: { id: { in: ids } } }),
      );
      const placesBefore = await tx.place.findMany();
      const place = await sync(
        tx,
        "places",
        report.places,
        placesBefore,
        catalogue.places.map((p) => ({ id: p.id, slug: p.slug, name: p.name, kind: p.kind, country: p.country })),
        (data) => tx.place.create({ data }),
        (id, data) => tx.place.update({ where: { id }, data }),
        (ids) => tx.place.deleteMany({ where: { id: { in: ids } } }),
      );
      // Read again: the sync may have given rows the files' ids.
      const placesNow = await tx.place.findMany({ select: { id: true, parentId: true, adminEditedAt: true } });
      const existed = new Set(placesBefore.map((p) => p.slug));
      const parents = new Map(placesNow.map((p) => [p.id, p.parentId]));
      // A place changed in the admin keeps the parent it was given there, like its other fields.
      const editedInAdmin = new Set(placesNow.filter((p) => p.adminEditedAt).map((p) => p.id));
      for (const p of catalogue.places) {
        const id = place.get(p.slug)!;
        if (editedInAdmin.has(id)) continue;
        const parentId = p.parent ? place.get(p.parent)! : null;
        if ((parents.get(id) ?? null) !== parentId) {
          await tx.place.update({ where: { id }, data: { parentId } });
          if (existed.has(p.slug)) report.places.updated++;
        }
      }
      const advisersBefore = await tx.adviser.findMany({ include: { topics: { select: { topicId: true } } } });
      const adviser = await sync(
        tx,
        "advisers",
        report.advisers,
        advisersBefore.map((a) => ({ ...a, topicIds: a.topics.map((t) => t.topicId).sort() })),
        catalogue.advisers.map((a) => ({
          id: a.id,
          slug: a.slug,
          name: a.name,
          titleDa: a.title.da,
          titleSv: a.title.sv,
          email: a.email,
          emailIsPlaceholder: a.emailIsPlaceholder,
          phone: a.phone ?? null,
          languages: a.languages,
          defaultFor: a.defaultFor,
          organisationId: a.organisation ? organisation.get(a.organisation)! : null,
          topicIds: a.topics.map((t) => topic.get(t)!).sort(),
        })),
        ({ topicIds, ...data }) =>
          tx.adviser.create({ data: { ...data, topics: { create: topicIds.map((topicId) => ({ topicId })) } } }),
        (id, { topicIds, ...data }) =>
          tx.adviser.update({
            where: { id },
            data: { ...data, topics: { deleteMany: {}, create: topicIds.map((topicId) => ({ topicId })) } },
          }),
        (ids) => tx.adviser.deleteMany({ where: { id: { in: ids } } }),
      );
      await sync(
        tx,
        "glossary",
        report.glossary,
        await tx.glossaryTerm.findMany(),
        catalogue.glossary.map((g) => ({
          id: g.id,
          slug: g.slug,
          termDa: g.da.term,
          termSv: g.sv.term,
          synonymsDa: g.da.synonyms,
          synonymsSv: g.sv.synonyms,
          explanationDa: g.da.explanation,
          explanationSv: g.sv.explanation,
          falseFriend: g.falseFriend ?? false,
        })),
        (data) => tx.glossaryTerm.create({ data }),
        (id, data) => tx.glossaryTerm.update({ where: { id }, data }),
        (ids) => tx.glossaryTerm.deleteMany({ where: { id: { in: ids } } }),
      );
      const owner = new Map(
        (await tx.staffUser.findMany({ select: { id: true, email: true } })).map((s) => [s.email.toLowerCase(), s.id]),
      );
      const itemIds = await importItems(
        tx,
        catalogue.items,
        { topic, place, organisation, adviser, owner },
        report.items,
      );
      await importLinks(tx, catalogue.items, itemIds, report.links);
      await importBestBets(tx, catalogue.bestBets ?? [], report.bestBets);
      await touchCacheTags(tx, changedTags(report));
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
  } catch (error) {
    // Nothing was written: the transaction is rolled back.
    if (error instanceof Refused) throw new ContentError([error.problem]);
    // Any other rule of the database the files break (two rows trading addresses, say) is a problem with the
    // files as well: reported, and nothing written.
    if (error instanceof Prisma.PrismaClientKnownRequestError && ["P2002", "P2003"].includes(error.code)) {
      const target = (error.meta as { target?: unknown } | undefined)?.target;
      throw new ContentError([
        {
          file: "content",
          field: Array.isArray(target) ? target.join(", ") : "",
          message: `breaks a rule of the database: ${error.message.split("\n").pop()?.trim() ?? error.code}`,
        },
      ]);
    }
    throw error;
  }
  // The words that search suggestions draw on (titles, glossary)
  if (changed(report.items) || changed(report.glossary)) await refreshSearchWords(client);
  if (catalogue.filesDir) await importContentFiles(client, catalogue, catalogue.filesDir, report.files);
  return report;
}

// Store the files that attachments name as "files/<name>" and that content/files holds, when the
// database lacks them or holds other bytes. A name content/files lacks is left to the database
// (an upload, or a file moved in from the old upload folder).
async function importContentFiles(client: Db, catalogue: Catalogue, dir: string, count: Tally) {
  const names = new Set<string>();
  for (const item of catalogue.items)
    for (const attachment of item.data.attachments) {
      const match = attachment.location.match(/^files\/(.+)$/);
      if (match && fileKeyPattern.test(match[1]!)) names.add(match[1]!);
    }
  for (const name of [...names].sort()) {
    const file = path.join(dir, name);
    let sha256: string;
    try {
      const hash = createHash("sha256");
      for await (const piece of createReadStream(file)) hash.update(piece as Buffer);
      sha256 = hash.digest("base64url");
    } catch {
      continue;
    }
    const current = await storedFileInfo(client, name);
    if (current?.sha256 === sha256) {
      count.unchanged++;
      continue;
    }
    const written = await writeStoredFile(client, name, createReadStream(file), { maxBytes: Number.MAX_SAFE_INTEGER });
    if (written.status !== "stored") continue;
    if (current) count.updated++;
    else count.created++;
  }
}
