import "server-only";
import type { Db } from "@/lib/database/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Staff } from "@/lib/auth/sessions";
import { audit } from "./audit";
import type { RecordKind } from "./record-form";

// Deleting a topic, organisation, place, adviser or glossary term: refused while anything uses it (the answer
// lists what), audited, and remembered as a tombstone so that neither the import brings it back nor the export
// keeps it in its file.

type Tx = Prisma.TransactionClient;

export type RecordUse =
  | { kind: "item"; id: string; label: string; locale: string; detail?: string }
  | { kind: "adviser" | "place" | "staff"; id: string; label: string }
  | { kind: "messages"; count: number };

// Everything that uses a record: items, advisers, places below it, a staff account, contact messages routed to it
export async function whereUsed(client: Db | Tx, kind: RecordKind, id: string): Promise<RecordUse[]> {
  const item = (i: { id: string; title: string; locale: string }, detail?: string): RecordUse => ({
    kind: "item",
    id: i.id,
    label: i.title,
    locale: i.locale,
    ...(detail ? { detail } : {}),
  });
  const itemSelect = { id: true, title: true, locale: true } as const;
  switch (kind) {
    case "topics": {
      const [items, advisers] = await Promise.all([
        client.itemTopic.findMany({ where: { topicId: id }, select: { item: { select: itemSelect } } }),
        client.adviserTopic.findMany({
          where: { topicId: id },
          select: { adviser: { select: { id: true, name: true } } },
        }),
      ]);
      return [
        ...items.map((r) => item(r.item)),
        ...advisers.map((r): RecordUse => ({ kind: "adviser", id: r.adviser.id, label: r.adviser.name })),
      ];
    }
    case "organisations": {
      const [items, advisers] = await Promise.all([
        client.itemOrganisation.findMany({
          where: { organisationId: id },
          select: { role: true, item: { select: itemSelect } },
        }),
        client.adviser.findMany({ where: { organisationId: id }, select: { id: true, name: true } }),
      ]);
      return [
        ...items.map((r) => item(r.item, r.role)),
        ...advisers.map((a): RecordUse => ({ kind: "adviser", id: a.id, label: a.name })),
      ];
    }
    case "places": {
      const [items, children] = await Promise.all([
        client.itemPlace.findMany({ where: { placeId: id }, select: { item: { select: itemSelect } } }),
        client.place.findMany({ where: { parentId: id }, select: { id: true, name: true } }),
      ]);
      return [
        ...items.map((r) => item(r.item)),
        ...children.map((p): RecordUse => ({ kind: "place", id: p.id, label: p.name })),
      ];
    }
    case "advisers": {
      const [items, staff, messages] = await Promise.all([
        client.item.findMany({ where: { adviserId: id }, select: itemSelect }),
        client.staffUser.findMany({ where: { adviserId: id }, select: { id: true, name: true } }),
        client.contactMessage.count({ where: { adviserId: id } }),
      ]);
      return [
        ...items.map((i) => item(i)),
        ...staff.map((s): RecordUse => ({ kind: "staff", id: s.id, label: s.name })),
        ...(messages ? [{ kind: "messages" as const, count: messages }] : []),
      ];
    }
    case "glossary":
      return [];
  }
}

// A record's address and name, and its version; null when there is none
async function recordHead(
  client: Db | Tx,
  kind: RecordKind,
  id: string,
): Promise<{ slug: string; label: string; version: number } | null> {
  const where = { where: { id } };
  switch (kind) {
    case "glossary": {
      const r = await client.glossaryTerm.findUnique(where);
      return r && { slug: r.slug, label: `${r.termDa} / ${r.termSv}`, version: r.version };
    }
    case "advisers": {
      const r = await client.adviser.findUnique(where);
      return r && { slug: r.slug, label: r.name, version: r.version };
    }
    case "topics": {
      const r = await client.topic.findUnique(where);
      return r && { slug: r.slug, label: `${r.nameDa} / ${r.nameSv}`, version: r.version };
    }
    case "organisations": {
      const r = await client.organisation.findUnique(where);
      return r && { slug: r.slug, label: r.name, version: r.version };
    }
    case "places": {
      const r = await client.place.findUnique(where);
      return r && { slug: r.slug, label: r.name, version: r.version };
    }
  }
}

export type DeletableRecord = { id: string; slug: string; label: string; version: number; uses: RecordUse[] };

// A record as its delete page shows it: name, address, version and what uses it
export async function deletableRecord(client: Db, kind: RecordKind, id: string): Promise<DeletableRecord | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const head = await recordHead(client, kind, id);
  if (!head) return null;
  return { id, ...head, uses: await whereUsed(client, kind, id) };
}

export type DeleteOutcome =
  | { status: "deleted"; label: string; slug: string }
  | { status: "inUse"; uses: RecordUse[] }
  | { status: "stale" }
  | { status: "missing" };

// Delete a record unless something uses it or it changed since the page was shown; audited, with a tombstone
export async function deleteRecord(
  client: Db,
  staff: Pick<Staff, "id" | "email">,
  kind: RecordKind,
  id: string,
  version: number,
  clientAddress?: string | null,
): Promise<DeleteOutcome> {
  return client.$transaction(async (tx) => {
    // The same lock as every save of this kind: no save of the kind runs meanwhile.
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `admin-records:${kind}`);
    const head = await recordHead(tx, kind, id);
    if (!head) return { status: "missing" };
    if (head.version !== version) return { status: "stale" };
    // The row is locked first: an item saved meanwhile that links it waits, then fails instead of losing the link.
    const table = {
      glossary: "GlossaryTerm",
      advisers: "Adviser",
      topics: "Topic",
      organisations: "Organisation",
      places: "Place",
    }[kind];
    await tx.$executeRawUnsafe(`SELECT 1 FROM "${table}" WHERE "id" = $1::uuid FOR UPDATE`, id);
    const uses = await whereUsed(tx, kind, id);
    if (uses.length) return { status: "inUse", uses };
    const where = { where: { id } };
    switch (kind) {
      case "glossary":
        await tx.glossaryTerm.delete(where);
        break;
      case "advisers":
        await tx.adviser.delete(where);
        break;
      case "topics":
        await tx.topic.delete(where);
        break;
      case "organisations":
        await tx.organisation.delete(where);
        break;
      case "places":
        await tx.place.delete(where);
        break;
    }
    // Its former slugs lead nowhere now.
    await tx.recordSlugRedirect.deleteMany({ where: { kind, recordId: id } });
    await tx.contentTombstone.upsert({
      where: { id },
      create: { id, kind, key: head.slug },
      update: { kind, key: head.slug, deletedAt: new Date() },
    });
    await audit(tx, staff, `${kind}.delete`, kind, id, { slug: head.slug, name: head.label }, clientAddress);
    return { status: "deleted", label: head.label, slug: head.slug };
  });
}
