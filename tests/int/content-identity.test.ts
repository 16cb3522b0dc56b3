// Stable identity through content/: items and records keep their id in their files, so renames and deletions
// made in the admin or on disk survive export, import and restart in both directions, and an import never
// makes a second copy. The rule where the two meet: what the admin changed or deleted wins; otherwise the files.
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ContentError, loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { exportCatalogue } from "@/lib/content/export";
import { prepareDatabase } from "@/scripts/prepare";
import { deleteItem, getEditableItem, saveItem } from "@/lib/admin/items";
import type { Db } from "@/lib/database/client";
import { scratchContent } from "../helpers/content";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });

async function staffOf(client: Db, role: "admin" | "editor" = "admin") {
  return client.staffUser.upsert({
    where: { email: `${role}@example.org` },
    create: { email: `${role}@example.org`, name: role, passwordHash: "x", role },
    update: {},
  });
}

// Change an item in the admin's data layer; the save must succeed
async function adminSave(client: Db, key: string, patch: Record<string, string>) {
  const row = await client.item.findUniqueOrThrow({ where: { contentKey: key }, select: { id: true } });
  const item = (await getEditableItem(client, row.id))!;
  const outcome = await saveItem(client, await staffOf(client), {
    id: item.id,
    baseVersion: item.version,
    values: { ...item.values, ...patch },
    intent: "save",
  });
  expect(outcome.status).toBe("saved");
  return item.id;
}

const keys = async (client: Db) =>
  (await client.item.findMany({ select: { contentKey: true }, orderBy: { contentKey: "asc" } })).map(
    (r) => r.contentKey,
  );

// npm start's import, as a restart runs it, over the content folder dir
async function restart(url: string, dir: string) {
  const before = process.env.CONTENT_DIR;
  process.env.CONTENT_DIR = dir;
  const lines: string[] = [];
  try {
    return { outcome: await prepareDatabase(url, (line) => void lines.push(line)), log: lines.join("\n") };
  } finally {
    if (before === undefined) delete process.env.CONTENT_DIR;
    else process.env.CONTENT_DIR = before;
  }
}

describe.each(databases)("content identity on the $name database", (database) => {
  let content: Awaited<ReturnType<typeof scratchContent>>;
  beforeEach(async () => {
    await truncateCatalogue(database.client());
    content = await scratchContent();
    // content/ as the export writes it: every file with its id
    await importCatalogue(database.client(), await loadCatalogue(content.dir));
    await exportCatalogue(database.client(), content.dir);
  });
  afterEach(async () => content.remove());

  it("gives every file an id that a fresh import keeps as the row's id", async () => {
    const client = database.client();
    const catalogue = await loadCatalogue(content.dir);
    expect(catalogue.items.every((i) => i.data.id)).toBe(true);
    expect(catalogue.topics.every((t) => t.id)).toBe(true);
    await truncateCatalogue(client);
    await importCatalogue(client, catalogue);
    const rows = await client.item.findMany({ select: { id: true, contentKey: true } });
    expect(Object.fromEntries(rows.map((r) => [r.contentKey, r.id]))).toEqual(
      Object.fromEntries(catalogue.items.map((i) => [i.key, i.data.id])),
    );
  });

  it("admin rename → restart keeps one item; → export → import of a fresh database gives it at the new address", async () => {
    const client = database.client();
    // The Danish report is translated by the Swedish one: the case that once stopped npm start.
    const id = await adminSave(client, "da/publication/testrapport", { slug: "ny-rapport", type: "publication" });
    const { outcome } = await restart(database.url(), content.dir);
    expect(outcome.status).toBe("imported");
    expect(await keys(client)).toEqual([
      "da/publication/ny-rapport",
      "sv/project/provprojekt",
      "sv/publication/testrapport",
    ]);

    const report = await exportCatalogue(client, content.dir);
    expect(report.removed).toEqual(["items/da/publication/testrapport.md"]);
    expect(report.written).toContain("items/da/publication/ny-rapport.md");
    // The Swedish file now names the new address as the item it translates.
    expect(await readFile(path.join(content.dir, "items/sv/publication/testrapport.md"), "utf8")).toContain(
      "translationOf: da/publication/ny-rapport",
    );

    await truncateCatalogue(client);
    expect((await restart(database.url(), content.dir)).outcome.status).toBe("imported");
    expect(await keys(client)).toEqual([
      "da/publication/ny-rapport",
      "sv/project/provprojekt",
      "sv/publication/testrapport",
    ]);
    const moved = await client.item.findUniqueOrThrow({
      where: { contentKey: "da/publication/ny-rapport" },
      select: { id: true, status: true, translatedBy: { select: { contentKey: true } } },
    });
    expect(moved).toEqual({ id, status: "published", translatedBy: { contentKey: "sv/publication/testrapport" } });
  });

  it("a file renamed on disk renames its item on import: same id, no copy, links kept", async () => {
    const client = database.client();
    const before = await client.item.findUniqueOrThrow({ where: { contentKey: "da/publication/testrapport" } });
    await rename(
      path.join(content.dir, "items/da/publication/testrapport.md"),
      path.join(content.dir, "items/da/publication/omdoebt.md"),
    );
    await content.edit("items/sv/publication/testrapport.md", (t) =>
      t.replace("translationOf: da/publication/testrapport", "translationOf: da/publication/omdoebt"),
    );
    await content.edit("items/sv/project/provprojekt.md", (t) =>
      t.replace("da/publication/testrapport", "da/publication/omdoebt"),
    );
    const { outcome } = await restart(database.url(), content.dir);
    expect(outcome).toMatchObject({ status: "imported", report: { items: { created: 0, deleted: 0 } } });
    expect(await keys(client)).toEqual([
      "da/publication/omdoebt",
      "sv/project/provprojekt",
      "sv/publication/testrapport",
    ]);
    const after = await client.item.findUniqueOrThrow({
      where: { id: before.id },
      select: { slug: true, translatedBy: { select: { contentKey: true } }, relatedFrom: { select: { fromId: true } } },
    });
    expect(after.slug).toBe("omdoebt");
    expect(after.translatedBy?.contentKey).toBe("sv/publication/testrapport");
    expect(after.relatedFrom).toHaveLength(1);
    // And the export agrees with the disk: nothing to write or remove.
    const report = await exportCatalogue(client, content.dir);
    expect(report).toMatchObject({ written: [], removed: [] });
  });

  it("a file renamed on disk loses to a rename made in the admin: the admin's address stays and the export moves the file back", async () => {
    const client = database.client();
    await adminSave(client, "sv/project/provprojekt", { slug: "admin-namn" });
    await rename(
      path.join(content.dir, "items/sv/project/provprojekt.md"),
      path.join(content.dir, "items/sv/project/disk-namn.md"),
    );
    expect((await restart(database.url(), content.dir)).outcome.status).toBe("imported");
    expect(await keys(client)).toContain("sv/project/admin-namn");
    expect(await client.item.count()).toBe(3);
    const report = await exportCatalogue(client, content.dir);
    expect(report.removed).toEqual(["items/sv/project/disk-namn.md"]);
    expect(existsSync(path.join(content.dir, "items/sv/project/admin-namn.md"))).toBe(true);
  });

  it("admin delete → the import does not bring it back, the export removes its file, a fresh import lacks it", async () => {
    const client = database.client();
    const item = await client.item.findUniqueOrThrow({ where: { contentKey: "sv/project/provprojekt" } });
    expect(await deleteItem(client, await staffOf(client), item.id, item.version - 1)).toEqual({ status: "stale" });
    expect(await deleteItem(client, await staffOf(client), item.id, item.version)).toMatchObject({ status: "deleted" });
    expect(await client.auditLog.count({ where: { action: "item.delete", entityId: item.id } })).toBe(1);

    // Restart before any export: the file is still there, and the deletion holds.
    expect((await restart(database.url(), content.dir)).outcome.status).toBe("imported");
    expect(await keys(client)).toEqual(["da/publication/testrapport", "sv/publication/testrapport"]);

    const report = await exportCatalogue(client, content.dir);
    expect(report.removed).toEqual(["items/sv/project/provprojekt.md"]);
    await truncateCatalogue(client);
    await restart(database.url(), content.dir);
    expect(await keys(client)).toEqual(["da/publication/testrapport", "sv/publication/testrapport"]);
  });

  it("a file removed on disk deletes its item on import, unless the admin changed it, which stays and is written back", async () => {
    const client = database.client();
    await adminSave(client, "sv/publication/testrapport", { title: "Ändrad i admin" });
    await rm(path.join(content.dir, "items/sv/project/provprojekt.md"));
    await rm(path.join(content.dir, "items/sv/publication/testrapport.md"));
    const { outcome } = await restart(database.url(), content.dir);
    expect(outcome).toMatchObject({ status: "imported", report: { items: { deleted: 1 } } });
    expect(await keys(client)).toEqual(["da/publication/testrapport", "sv/publication/testrapport"]);
    const report = await exportCatalogue(client, content.dir);
    expect(report.written).toEqual(["items/sv/publication/testrapport.md"]);
    expect(report.removed).toEqual([]);
  });

  it("an export from another database removes no file it does not know", async () => {
    const client = database.client();
    await truncateCatalogue(client);
    const report = await exportCatalogue(client, content.dir);
    expect(report.removed).toEqual([]);
    expect(report.kept.sort()).toEqual([
      "items/da/publication/testrapport.md",
      "items/sv/project/provprojekt.md",
      "items/sv/publication/testrapport.md",
    ]);
    expect((await loadCatalogue(content.dir)).items).toHaveLength(3);
  });

  it("an import with a bad file changes nothing, names file, field and reason, and a restart serves the database as it was", async () => {
    const client = database.client();
    const before = await client.item.findMany({ orderBy: { id: "asc" } });
    await content.edit("items/da/publication/testrapport.md", (t) =>
      t.replace("title: Testrapport", "titel: Testrapport"),
    );
    await content.edit("items/sv/project/provprojekt.md", (t) => t.replace(/^summary: .*$/m, "summary: Nyt resumé"));
    await rm(path.join(content.dir, "items/sv/publication/testrapport.md"));
    const error = await loadCatalogue(content.dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    // Files are named from the folder above content/, as npm start prints them ("content/items/…").
    const named = (file: string) => path.join(path.basename(content.dir), file);
    expect((error as ContentError).problems).toContainEqual({
      file: named("items/da/publication/testrapport.md"),
      field: "title",
      message: "Invalid input: expected string, received undefined",
    });
    const { outcome, log } = await restart(database.url(), content.dir);
    expect(outcome).toMatchObject({ status: "kept", items: 3 });
    expect(log).toContain(`${named("items/da/publication/testrapport.md")}: title: Invalid input`);
    expect(log).toContain("serving the database as it was (3 items)");
    expect(await client.item.findMany({ orderBy: { id: "asc" } })).toEqual(before);

    // With an empty database there is nothing to serve: start-up stops with the problems.
    await truncateCatalogue(client);
    await expect(restart(database.url(), content.dir)).rejects.toBeInstanceOf(ContentError);
  });

  it("a file whose address belongs to an item the admin renamed there is refused with file, field and reason, and nothing changes", async () => {
    const client = database.client();
    await adminSave(client, "sv/project/provprojekt", { slug: "nytt-projekt" });
    await writeFile(
      path.join(content.dir, "items/sv/project/nytt-projekt.md"),
      "---\ntitle: Ett annat projekt\nsummary: Från disken.\n---\n\nText.\n",
    );
    const before = await client.item.findMany({ orderBy: { id: "asc" } });
    const error = await importCatalogue(client, await loadCatalogue(content.dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toEqual([
      {
        file: path.join(path.basename(content.dir), "items/sv/project/nytt-projekt.md"),
        field: "slug",
        message: expect.stringContaining("belongs to another item, made or changed in the admin"),
      },
    ]);
    expect(await client.item.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("keeps a scheduled time with its time and zone through export and import; a date alone is midnight UTC", async () => {
    const client = database.client();
    // 09:30 in Copenhagen on 2 March 2030 (winter time, UTC+1)
    await adminSave(client, "sv/project/provprojekt", { publishedAt: "2030-03-02T09:30" });
    const stored = (await client.item.findUniqueOrThrow({ where: { contentKey: "sv/project/provprojekt" } }))
      .publishedAt!;
    expect(stored.toISOString()).toBe("2030-03-02T08:30:00.000Z");
    await exportCatalogue(client, content.dir);
    const text = await readFile(path.join(content.dir, "items/sv/project/provprojekt.md"), "utf8");
    expect(text).toMatch(/^publishedAt: ("|')?2030-03-02T09:30:00\+01:00("|')?$/m);
    // The Danish report's file has a date alone.
    expect(await readFile(path.join(content.dir, "items/da/publication/testrapport.md"), "utf8")).toMatch(
      /^publishedAt: ("|')?2016-05-01("|')?$/m,
    );

    await truncateCatalogue(client);
    await importCatalogue(client, await loadCatalogue(content.dir));
    const items = await client.item.findMany({ select: { contentKey: true, publishedAt: true } });
    const when = Object.fromEntries(items.map((i) => [i.contentKey, i.publishedAt?.toISOString()]));
    expect(when["sv/project/provprojekt"]).toBe("2030-03-02T08:30:00.000Z");
    expect(when["da/publication/testrapport"]).toBe("2016-05-01T00:00:00.000Z");
  });
});
