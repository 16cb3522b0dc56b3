// Load the validated catalogue into the database. Idempotent: rows are written only where the files
// differ from what is stored, so a second run changes nothing.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import path from "node:path";
import { fileKeyPattern, storedFileInfo, writeStoredFile } from "@/lib/file-store";
import type { Db } from "@/lib/database/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { touchCacheTags } from "@/lib/cache/store";
import { renderedBody, rendererVersion } from "@/lib/markdown";
import { refreshSearchWords } from "@/lib/search/words";
import type { CacheTag } from "@/lib/cache/tags";
import type { Catalogue } from "./load";
import type { ItemData } from "./schema";

type Tx = Prisma.TransactionClient;
export type Tally = { created: number; updated: number; unchanged: number };
export type ImportReport = Record<
  "topics" | "organisations" | "places" | "advisers" | "glossary" | "items" | "links" | "files",
  Tally
>;

const tally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 });

const changed = (t: Tally) => t.created + t.updated > 0;

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

async function sync<T extends { id: string; slug: string; adminEditedAt?: Date | null }, D extends { slug: string }>(
  count: Tally,
  existing: T[],
  desired: D[],
  create: (data: D) => Promise<{ id: string }>,
  update: (id: string, data: D) => Promise<unknown>,
): Promise<Map<string, string>> {
  const bySlug = new Map(existing.map((row) => [row.slug, row]));
  const ids = new Map<string, string>();
  for (const data of desired) {
    const current = bySlug.get(data.slug);
    if (!current) {
      ids.set(data.slug, (await create(data)).id);
      count.created++;
      continue;
    }
    ids.set(data.slug, current.id);
    // A row changed in the admin belongs to the admin: the file does not overwrite it (see README).
    if (!current.adminEditedAt && differs(current, data)) {
      await update(current.id, data);
      count.updated++;
    } else count.unchanged++;
  }
  return ids;
}

function itemRow(item: ItemData, ids: { adviser: Map<string, string> }) {
  const d = item.data;
  return {
    contentKey: item.key,
    type: item.type,
    locale: item.locale,
    slug: item.slug,
    status: d.status,
    publishedAt: d.publishedAt ? new Date(`${d.publishedAt}T00:00:00Z`) : null,
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
    adviserId: d.adviser ? (ids.adviser.get(d.adviser) ?? null) : null,
  };
}

async function importItems(
  tx: Tx,
  items: ItemData[],
  ids: Record<"topic" | "place" | "organisation" | "adviser", Map<string, string>>,
  count: Tally,
): Promise<Map<string, string>> {
  const existing = new Map(
    (
      await tx.item.findMany({ select: { id: true, contentKey: true, importHash: true, adminEditedAt: true } })
    ).map((r) => [r.contentKey, r]),
  );
  const itemIds = new Map<string, string>();
  for (const item of items) {
    // The hash covers the file and the ids it points to, so a recreated topic or adviser counts as a change.
    const d = item.data;
    const refs = [
      d.topics.map((t) => ids.topic.get(t)),
      d.places.map((p) => ids.place.get(p)),
      d.organisations.map((o) => ids.organisation.get(o.organisation)),
      d.adviser && ids.adviser.get(d.adviser),
    ];
    const importHash = createHash("sha256")
      .update(JSON.stringify({ d, body: item.body, refs, renderer: rendererVersion }))
      .digest("hex");
    const current = existing.get(item.key);
    // An item changed in the admin is left as the admin saved it (see README).
    if (current?.importHash === importHash || current?.adminEditedAt) {
      itemIds.set(item.key, current.id);
      count.unchanged++;
      continue;
    }
    const row = { ...itemRow(item, ids), ...(await renderedBody(item.body)), importHash };
    const saved = current
      ? await tx.item.update({ where: { id: current.id }, data: row, select: { id: true } })
      : await tx.item.create({ data: row, select: { id: true } });
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
  }
  return itemIds;
}

// Point translations and related items at each other, writing only what differs
async function importLinks(tx: Tx, items: ItemData[], itemIds: Map<string, string>, count: Tally) {
  const current = await tx.item.findMany({
    where: { id: { in: [...itemIds.values()] } },
    select: { id: true, translationOfId: true, adminEditedAt: true, relatedTo: { select: { toId: true } } },
  });
  const byId = new Map(current.map((row) => [row.id, row]));
  for (const item of items) {
    const id = itemIds.get(item.key)!;
    const row = byId.get(id)!;
    if (row.adminEditedAt) {
      count.unchanged++;
      continue;
    }
    const translationOfId = item.data.translationOf ? itemIds.get(item.data.translationOf)! : null;
    const related = item.data.related.map((key) => itemIds.get(key)!).sort();
    const stored = row.relatedTo.map((r) => r.toId).sort();
    let changed = false;
    if (row.translationOfId !== translationOfId) {
      await tx.item.update({ where: { id }, data: { translationOfId } });
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
    files: tally(),
  };
  await client.$transaction(
    async (tx) => {
      const topic = await sync(
        report.topics,
        await tx.topic.findMany(),
        catalogue.topics.map((t) => ({
          slug: t.slug,
          nameDa: t.name.da,
          nameSv: t.name.sv,
          descriptionDa: t.description?.da ?? "",
          descriptionSv: t.description?.sv ?? "",
        })),
        (data) => tx.topic.create({ data }),
        (id, data) => tx.topic.update({ where: { id }, data }),
      );
      const organisation = await sync(
        report.organisations,
        await tx.organisation.findMany(),
        catalogue.organisations.map((o) => ({
          slug: o.slug,
          name: o.name,
          shortName: o.shortName ?? null,
          country: o.country ?? null,
          url: o.url ?? null,
        })),
        (data) => tx.organisation.create({ data }),
        (id, data) => tx.organisation.update({ where: { id }, data }),
      );
      const placesBefore = await tx.place.findMany();
      const place = await sync(
        report.places,
        placesBefore,
        catalogue.places.map((p) => ({ slug: p.slug, name: p.name, kind: p.kind, country: p.country })),
        (data) => tx.place.create({ data }),
        (id, data) => tx.place.update({ where: { id }, data }),
      );
      const parents = new Map(placesBefore.map((p) => [p.id, p.parentId]));
      // A place changed in the admin keeps the parent it was given there, like its other fields.
      const editedInAdmin = new Set(placesBefore.filter((p) => p.adminEditedAt).map((p) => p.id));
      for (const p of catalogue.places) {
        const id = place.get(p.slug)!;
        if (editedInAdmin.has(id)) continue;
        const parentId = p.parent ? place.get(p.parent)! : null;
        if ((parents.get(id) ?? null) !== parentId) {
          await tx.place.update({ where: { id }, data: { parentId } });
          if (parents.has(id)) report.places.updated++;
        }
      }
      const advisersBefore = await tx.adviser.findMany({ include: { topics: { select: { topicId: true } } } });
      const adviser = await sync(
        report.advisers,
        advisersBefore.map((a) => ({ ...a, topicIds: a.topics.map((t) => t.topicId).sort() })),
        catalogue.advisers.map((a) => ({
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
      );
      await sync(
        report.glossary,
        await tx.glossaryTerm.findMany(),
        catalogue.glossary.map((g) => ({
          slug: g.slug,
          termDa: g.da.term,
          termSv: g.sv.term,
          synonymsDa: g.da.synonyms,
          synonymsSv: g.sv.synonyms,
          explanationDa: g.da.explanation,
          explanationSv: g.sv.explanation,
        })),
        (data) => tx.glossaryTerm.create({ data }),
        (id, data) => tx.glossaryTerm.update({ where: { id }, data }),
      );
      const itemIds = await importItems(tx, catalogue.items, { topic, place, organisation, adviser }, report.items);
      await importLinks(tx, catalogue.items, itemIds, report.links);
      await touchCacheTags(tx, changedTags(report));
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
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
