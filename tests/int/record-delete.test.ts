// Deleting topics, organisations, places, advisers and glossary terms: refused while anything uses them, with the
// list of what does and nothing changed; otherwise deleted, audited, and kept out by the import and the export.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { exportCatalogue } from "@/lib/content/export";
import { deletableRecord, deleteRecord } from "@/lib/admin/record-delete";
import type { Db } from "@/lib/database/client";
import { fixtureContent, scratchContent } from "../helpers/content";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });
const staff = { id: null as unknown as string, email: "admin@example.org" };

async function untouched(client: Db) {
  return {
    topics: await client.topic.count(),
    organisations: await client.organisation.count(),
    places: await client.place.count(),
    advisers: await client.adviser.count(),
    audit: await client.auditLog.count(),
    tombstones: await client.contentTombstone.count(),
  };
}

describe.each(databases)("deleting records on the $name database", (database) => {
  beforeEach(async () => {
    const client = database.client();
    await truncateCatalogue(client);
    await importCatalogue(client, await loadCatalogue(fixtureContent));
    staff.id = (
      await client.staffUser.create({ data: { email: staff.email, name: "Ada", passwordHash: "x", role: "admin" } })
    ).id;
  });

  it("refuses a record in use, naming every item, adviser and place that uses it, and changes nothing", async () => {
    const client = database.client();
    const link = await client.itemTopic.findFirstOrThrow({ include: { topic: true } });
    const users = await client.itemTopic.findMany({ where: { topicId: link.topicId }, select: { itemId: true } });
    const before = await untouched(client);
    const outcome = await deleteRecord(client, staff, "topics", link.topicId, link.topic.version);
    expect(outcome.status).toBe("inUse");
    const uses = outcome.status === "inUse" ? outcome.uses : [];
    expect(
      uses
        .filter((u) => u.kind === "item")
        .map((u) => (u as { id: string }).id)
        .sort(),
    ).toEqual(users.map((u) => u.itemId).sort());
    expect(await untouched(client)).toEqual(before);

    const parent = await client.place.findUniqueOrThrow({ where: { slug: "nordregion" } });
    const child = await client.place.findUniqueOrThrow({ where: { slug: "testby" } });
    const page = await deletableRecord(client, "places", parent.id);
    expect(page!.uses).toContainEqual({ kind: "place", id: child.id, label: child.name });
    expect((await deleteRecord(client, staff, "places", parent.id, parent.version)).status).toBe("inUse");

    const org = await client.itemOrganisation.findFirstOrThrow({ include: { organisation: true } });
    const orgPage = await deletableRecord(client, "organisations", org.organisationId);
    expect(orgPage!.uses).toContainEqual(expect.objectContaining({ kind: "item", id: org.itemId, detail: org.role }));

    const adviser = await client.item.findFirstOrThrow({ where: { adviserId: { not: null } } });
    const adviserPage = await deletableRecord(client, "advisers", adviser.adviserId!);
    expect(adviserPage!.uses).toContainEqual(expect.objectContaining({ kind: "item", id: adviser.id }));
    expect(await untouched(client)).toEqual(before);
  });

  it("deletes an unused record once its page's version is current: audited, with a tombstone", async () => {
    const client = database.client();
    const topic = await client.topic.create({ data: { slug: "ubrugt", nameDa: "Ubrugt", nameSv: "Oanvänd" } });
    expect((await deletableRecord(client, "topics", topic.id))!.uses).toEqual([]);
    expect(await deleteRecord(client, staff, "topics", topic.id, topic.version + 1)).toEqual({ status: "stale" });
    expect(await client.topic.count({ where: { id: topic.id } })).toBe(1);
    expect(await deleteRecord(client, staff, "topics", topic.id, topic.version, "203.0.113.9")).toEqual({
      status: "deleted",
      label: "Ubrugt / Oanvänd",
      slug: "ubrugt",
    });
    expect(await client.topic.count({ where: { id: topic.id } })).toBe(0);
    expect(await client.auditLog.findFirst({ where: { action: "topics.delete", entityId: topic.id } })).toMatchObject({
      actorEmail: staff.email,
      entity: "topics",
      detail: { slug: "ubrugt", name: "Ubrugt / Oanvänd" },
      clientAddress: "203.0.113.9",
    });
    expect(await client.contentTombstone.findUnique({ where: { id: topic.id } })).toMatchObject({
      kind: "topics",
      key: "ubrugt",
    });
    expect(await deleteRecord(client, staff, "topics", topic.id, topic.version)).toEqual({ status: "missing" });
  });

  it("keeps a deleted record out of the next import, and the export removes it from its file", async () => {
    const client = database.client();
    const term = await client.glossaryTerm.findUniqueOrThrow({ where: { slug: "udbud" } });
    expect((await deleteRecord(client, staff, "glossary", term.id, term.version)).status).toBe("deleted");
    await importCatalogue(client, await loadCatalogue(fixtureContent));
    expect(await client.glossaryTerm.count({ where: { slug: "udbud" } })).toBe(0);

    const scratch = await scratchContent();
    try {
      expect(await readFile(path.join(scratch.dir, "glossary.yaml"), "utf8")).toContain("slug: udbud");
      await exportCatalogue(client, scratch.dir);
      expect(await readFile(path.join(scratch.dir, "glossary.yaml"), "utf8")).not.toContain("udbud");
      // What the export wrote imports to the same state
      await importCatalogue(client, await loadCatalogue(scratch.dir));
      expect(await client.glossaryTerm.count({ where: { slug: "udbud" } })).toBe(0);
    } finally {
      await scratch.remove();
    }
  });
});
