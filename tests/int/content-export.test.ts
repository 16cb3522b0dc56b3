// Export back to content/: importing the real catalogue and exporting it changes no file; an admin edit
// changes exactly its item's file, which then imports to the same state.
import { cp, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { exportCatalogue } from "@/lib/content/export";
import { getEditableItem, saveItem } from "@/lib/admin/items";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });
const realContent = path.resolve(import.meta.dirname, "../../content");

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = await readFile(full, "utf8");
  }
  return out;
}

async function copyOf(dir: string) {
  const copy = await mkdtemp(path.join(tmpdir(), "kb-export-"));
  await cp(dir, copy, { recursive: true });
  return copy;
}

describe.each(databases)("content export on the $name database", (database) => {
  beforeEach(async () => truncateCatalogue(database.client()));

  it("import then export of the real content/ changes no file", async () => {
    const client = database.client();
    await importCatalogue(client, await loadCatalogue(realContent));
    const copy = await copyOf(realContent);
    try {
      const report = await exportCatalogue(client, copy);
      expect(report.written).toEqual([]);
      expect(report.removed).toEqual([]);
      expect(await files(copy)).toEqual(await files(realContent));
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it("writes an admin edit into its item's file only, and the written files import to the same catalogue", async () => {
    const client = database.client();
    await importCatalogue(client, await loadCatalogue(realContent));
    const copy = await copyOf(realContent);
    const fresh = await mkdtemp(path.join(tmpdir(), "kb-export-fresh-"));
    try {
      const staff = await client.staffUser.create({ data: { email: "x@example.org", name: "X", passwordHash: "x" } });
      const item = await client.item.findFirstOrThrow({ where: { locale: "sv" }, orderBy: { contentKey: "asc" } });
      const editable = (await getEditableItem(client, item.id))!;
      const saved = await saveItem(client, staff, {
        id: item.id,
        baseVersion: editable.version,
        values: { ...editable.values, body: `${editable.values.body}\n\nEn ny mening från redaktionen.` },
        intent: "save",
      });
      expect(saved.status).toBe("saved");
      const report = await exportCatalogue(client, copy);
      expect(report.written).toEqual([`items/${item.contentKey}.md`]);
      const reloaded = await loadCatalogue(copy);
      expect(reloaded.items.find((i) => i.key === item.contentKey)!.body).toContain("En ny mening från redaktionen.");

      // A full export into an empty folder loads as the same catalogue, and a second export writes nothing.
      await exportCatalogue(client, fresh);
      const fromFresh = await loadCatalogue(fresh);
      expect(fromFresh.items.length).toBe(reloaded.items.length);
      expect((await exportCatalogue(client, fresh)).written).toEqual([]);
      await truncateCatalogue(client);
      await importCatalogue(client, fromFresh);
      expect((await exportCatalogue(client, copy)).written).toEqual([]);
    } finally {
      await rm(copy, { recursive: true, force: true });
      await rm(fresh, { recursive: true, force: true });
    }
  });
});
