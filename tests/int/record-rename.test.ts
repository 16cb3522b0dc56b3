// Renaming topics, organisations, places, advisers and glossary terms in the admin: the new slug is saved with the
// former one kept as a redirect in the same transaction, a chain of renames leads to the last name, a record that
// takes a former slug wins over the redirect, renames and deletions are audited, the pages that show the record
// are told, and the export writes the new slug, which imports back to the same catalogue.
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { exportCatalogue } from "@/lib/content/export";
import { listRecords, saveRecord } from "@/lib/admin/records";
import { deleteRecord } from "@/lib/admin/record-delete";
import type { RecordKind, RecordValues } from "@/lib/admin/record-form";
import { findFormerSlugs, findMovedRecord } from "@/lib/catalogue/moved-records";
import type { Db } from "@/lib/database/client";
import { fixtureContent } from "../helpers/content";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });
const staff = { id: null as unknown as string, email: "admin@example.org" };

// The form of a record as the admin shows it
async function formOf(client: Db, kind: RecordKind, slug: string) {
  const row = (await listRecords(client, kind)).find((r) => r.slug === slug);
  if (!row) throw new Error(`no ${kind} ${slug}`);
  return row;
}

// Save a record under a new slug (and other fields changed by a patch), as the admin's form sends it
async function rename(client: Db, kind: RecordKind, from: string, to: string, patch: RecordValues = {}) {
  const row = await formOf(client, kind, from);
  return saveRecord(client, { ...staff, role: "admin", fresh: true }, kind, {
    id: row.id,
    slug: to,
    values: { ...row.values, ...patch },
    baseVersion: row.version,
  });
}

const samples: { kind: RecordKind; slug: string; patch: RecordValues }[] = [
  { kind: "topics", slug: "samarbejde", patch: { nameDa: "Partnerskaber", nameSv: "Partnerskap" } },
  { kind: "organisations", slug: "testkontoret", patch: { name: "Det Nye Testkontor" } },
  { kind: "places", slug: "testby", patch: { name: "Ny Testby" } },
  { kind: "advisers", slug: "anna-test", patch: { name: "Anna Nyt-Navn" } },
  { kind: "glossary", slug: "udbud", patch: { termDa: "Offentligt udbud", termSv: "Offentlig upphandling" } },
];

describe.each(databases)("renaming records on the $name database", (database) => {
  beforeEach(async () => {
    const client = database.client();
    await truncateCatalogue(client);
    await importCatalogue(client, await loadCatalogue(fixtureContent));
    staff.id = (
      await client.staffUser.create({ data: { email: staff.email, name: "Ada", passwordHash: "x", role: "admin" } })
    ).id;
  });

  it.each(samples)(
    "renames a $kind (name and slug), leads its former slug to the new one and audits the rename",
    async ({ kind, slug, patch }) => {
      const client = database.client();
      const before = await formOf(client, kind, slug);
      const outcome = await rename(client, kind, slug, `${slug}-nyt`, patch);
      expect(outcome).toMatchObject({ status: "saved", id: before.id, renamed: { from: slug, to: `${slug}-nyt` } });
      const after = await formOf(client, kind, `${slug}-nyt`);
      expect(after.id).toBe(before.id);
      for (const [field, value] of Object.entries(patch)) expect(after.values[field]).toBe(value);
      expect(await findMovedRecord(client, kind, slug)).toBe(`${slug}-nyt`);
      // Another kind's slugs are not touched.
      const other: RecordKind = kind === "topics" ? "places" : "topics";
      expect(await findMovedRecord(client, other, slug)).toBeNull();
      const entries = await client.auditLog.findMany({ where: { entityId: before.id }, orderBy: { at: "asc" } });
      expect(entries.map((e) => e.action)).toEqual([`${kind}.rename`, `${kind}.update`]);
      expect(entries[0]!.detail).toEqual({ from: slug, to: `${slug}-nyt` });
      expect(entries[0]!.actorEmail).toBe(staff.email);
    },
  );

  it("leads every former slug of a chain of renames to the last one, and a rename back makes the slug live again", async () => {
    const client = database.client();
    expect((await rename(client, "topics", "samarbejde", "samarbejde-b")).status).toBe("saved");
    expect((await rename(client, "topics", "samarbejde-b", "samarbejde-c")).status).toBe("saved");
    expect(await findMovedRecord(client, "topics", "samarbejde")).toBe("samarbejde-c");
    expect(await findMovedRecord(client, "topics", "samarbejde-b")).toBe("samarbejde-c");
    expect(await findMovedRecord(client, "topics", "samarbejde-c")).toBeNull();

    expect((await rename(client, "topics", "samarbejde-c", "samarbejde")).status).toBe("saved");
    expect(await findMovedRecord(client, "topics", "samarbejde")).toBeNull();
    expect(await client.recordSlugRedirect.count({ where: { kind: "topics", slug: "samarbejde" } })).toBe(0);
    expect(await findMovedRecord(client, "topics", "samarbejde-b")).toBe("samarbejde");
    expect(await findMovedRecord(client, "topics", "samarbejde-c")).toBe("samarbejde");
  });

  it("lets a new record take a former slug: the record wins over the redirect", async () => {
    const client = database.client();
    await rename(client, "topics", "samarbejde", "partnerskaber");
    expect(await findMovedRecord(client, "topics", "samarbejde")).toBe("partnerskaber");
    const created = await saveRecord(client, staff, "topics", {
      slug: "samarbejde",
      values: { nameDa: "Samarbejde", nameSv: "Samverkan", descriptionDa: "", descriptionSv: "" },
    });
    expect(created.status).toBe("saved");
    expect(await findMovedRecord(client, "topics", "samarbejde")).toBeNull();
    expect(await client.recordSlugRedirect.count({ where: { kind: "topics", slug: "samarbejde" } })).toBe(0);
    // The glossary's anchors likewise never name a slug another record has.
    await rename(client, "glossary", "udbud", "offentligt-udbud");
    expect([...(await findFormerSlugs(client, "glossary")).values()]).toEqual([["udbud"]]);
  });

  it("keeps the redirect out of the way of a record the import brings under a former slug", async () => {
    const client = database.client();
    await rename(client, "topics", "samarbejde", "partnerskaber");
    // A slug that is a record's own is never redirected, however the record came to have it.
    await client.topic.create({ data: { slug: "samarbejde", nameDa: "Samarbejde", nameSv: "Samverkan" } });
    expect(await findMovedRecord(client, "topics", "samarbejde")).toBeNull();
    expect((await findFormerSlugs(client, "topics")).size).toBe(0);
  });

  it("finds the renamed record for a file entry without an id that still names its former slug, bringing no copy back", async () => {
    const client = database.client();
    const topic = await formOf(client, "topics", "samarbejde");
    await rename(client, "topics", "samarbejde", "partnerskaber");
    // content/ not yet exported: its topics have no ids and its items still name "samarbejde".
    await importCatalogue(client, await loadCatalogue(fixtureContent));
    expect(await client.topic.count({ where: { slug: "samarbejde" } })).toBe(0);
    expect((await client.topic.findUniqueOrThrow({ where: { id: topic.id } })).slug).toBe("partnerskaber");
    expect(await client.itemTopic.count({ where: { topicId: topic.id } })).toBeGreaterThan(0);
    expect(await findMovedRecord(client, "topics", "samarbejde")).toBe("partnerskaber");
  });

  it("refuses a slug another record of the kind has, or a malformed one, and writes nothing", async () => {
    const client = database.client();
    const audits = await client.auditLog.count();
    expect(await rename(client, "topics", "samarbejde", "beskaeftigelse")).toEqual({
      status: "invalid",
      errors: { slug: { code: "taken" } },
    });
    expect(await rename(client, "topics", "samarbejde", "Ikke En Slug")).toMatchObject({
      status: "invalid",
      errors: { slug: { code: "slug" } },
    });
    expect(await rename(client, "topics", "samarbejde", "")).toMatchObject({
      status: "invalid",
      errors: { slug: { code: "required" } },
    });
    expect(await client.topic.count({ where: { slug: "samarbejde" } })).toBe(1);
    expect(await client.recordSlugRedirect.count()).toBe(0);
    expect(await client.auditLog.count()).toBe(audits);
  });

  it("keeps the slug when a save names none, and writes no redirect or rename entry", async () => {
    const client = database.client();
    const row = await formOf(client, "topics", "samarbejde");
    const outcome = await saveRecord(client, staff, "topics", {
      id: row.id,
      values: { ...row.values, nameDa: "Samarbejde og partnerskaber" },
      baseVersion: row.version,
    });
    expect(outcome).toMatchObject({ status: "saved" });
    expect(outcome).not.toHaveProperty("renamed");
    expect((await formOf(client, "topics", "samarbejde")).values.nameDa).toBe("Samarbejde og partnerskaber");
    expect(await client.recordSlugRedirect.count()).toBe(0);
    expect(await client.auditLog.count({ where: { action: "topics.rename" } })).toBe(0);
  });

  it("tells the pages that show the record: the rename marks the kind's cache tags in its transaction", async () => {
    const client = database.client();
    await client.cacheTag.deleteMany();
    await rename(client, "topics", "samarbejde", "partnerskaber");
    const tags = (await client.cacheTag.findMany()).map((t) => t.tag).sort();
    expect(tags).toEqual(["advisers", "catalogue"]);
    await client.cacheTag.deleteMany();
    await rename(client, "glossary", "udbud", "offentligt-udbud");
    expect((await client.cacheTag.findMany()).map((t) => t.tag)).toEqual(["glossary"]);
  });

  it("drops a deleted record's former slugs with it, and audits the deletion under the current slug", async () => {
    const client = database.client();
    await rename(client, "glossary", "udbud", "offentligt-udbud");
    const row = await formOf(client, "glossary", "offentligt-udbud");
    const outcome = await deleteRecord(client, staff, "glossary", row.id, row.version);
    expect(outcome.status).toBe("deleted");
    expect(await findMovedRecord(client, "glossary", "udbud")).toBeNull();
    expect(await client.recordSlugRedirect.count()).toBe(0);
    const entry = await client.auditLog.findFirstOrThrow({ where: { action: "glossary.delete" } });
    expect(entry.detail).toMatchObject({ slug: "offentligt-udbud" });
  });

  it("exports the new slug in the record's place and in the items that use it, and the export imports back the same", async () => {
    const client = database.client();
    const dir = await mkdtemp(path.join(tmpdir(), "kb-rename-"));
    try {
      await cp(fixtureContent, dir, { recursive: true });
      const topic = await formOf(client, "topics", "samarbejde");
      const usedBy = (await client.itemTopic.findMany({ where: { topicId: topic.id }, select: { itemId: true } }))
        .map((r) => r.itemId)
        .sort();
      expect(usedBy.length).toBeGreaterThan(0);
      await rename(client, "topics", "samarbejde", "partnerskaber", { nameDa: "Partnerskaber" });
      await rename(client, "places", "testby", "ny-testby");
      await exportCatalogue(client, dir);

      const topicsFile = await readFile(path.join(dir, "topics.yaml"), "utf8");
      expect(topicsFile).not.toMatch(/slug: samarbejde$/m);
      // The renamed topic keeps its place in the file: first, as it was.
      expect(topicsFile.indexOf("slug: partnerskaber")).toBeLessThan(topicsFile.indexOf("slug: beskaeftigelse"));
      const exported = await loadCatalogue(dir);
      expect(exported.topics.map((t) => t.slug)).toContain("partnerskaber");
      expect(exported.items.some((i) => i.data.topics.includes("partnerskaber"))).toBe(true);
      expect(exported.items.some((i) => i.data.topics.includes("samarbejde"))).toBe(false);
      expect(exported.places.map((p) => p.slug)).toContain("ny-testby");

      // A second export of the same database changes nothing; an import into an empty database gives the same.
      expect((await exportCatalogue(client, dir)).written).toEqual([]);
      await truncateCatalogue(client);
      await importCatalogue(client, exported);
      const again = await client.topic.findUniqueOrThrow({ where: { slug: "partnerskaber" } });
      expect(again.nameDa).toBe("Partnerskaber");
      const usedAgain = (await client.itemTopic.findMany({ where: { topicId: again.id }, select: { itemId: true } }))
        .map((r) => r.itemId)
        .sort();
      expect(usedAgain.length).toBe(usedBy.length);
      expect(await client.place.count({ where: { slug: "ny-testby" } })).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
