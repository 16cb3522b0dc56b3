// Export back to content/: importing the real catalogue and exporting it changes no file; an admin edit
// changes exactly its item's file, which then imports to the same state.
import { cp, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { exportCatalogue } from "@/lib/content/export";
import { writeStoredFile } from "@/lib/file-store";
import { getEditableItem, saveItem } from "@/lib/admin/items";
import { listRecords, saveRecord } from "@/lib/admin/records";
import type { RecordKind, RecordValues } from "@/lib/admin/record-form";
import type { Db } from "@/lib/database/client";
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

// Save a record through the admin's data layer with some fields changed; the save must succeed
async function saveChanged(client: Db, kind: RecordKind, slug: string, patch: RecordValues) {
  const staff = await client.staffUser.upsert({
    where: { email: "export@example.org" },
    create: { email: "export@example.org", name: "Export", passwordHash: "x", role: "admin" },
    update: {},
  });
  const row = (await listRecords(client, kind)).find((r) => r.slug === slug)!;
  const outcome = await saveRecord(client, staff, kind, { id: row.id, values: { ...row.values, ...patch } });
  expect(outcome.status, `${kind} ${slug}`).toBe("saved");
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

  it("writes an uploaded attachment's file into content/files, so that the exported folder loads", async () => {
    const client = database.client();
    await importCatalogue(client, await loadCatalogue(realContent));
    const copy = await copyOf(realContent);
    try {
      const bytes = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(1000, 32), Buffer.from("\n%%EOF\n")]);
      await writeStoredFile(client, "a1b2-upload.pdf", [bytes], { maxBytes: 1e9 });
      const item = await client.item.findFirstOrThrow({ where: { locale: "da" }, orderBy: { contentKey: "asc" } });
      await client.attachment.create({
        data: {
          itemId: item.id,
          title: "Bilag",
          fileName: "bilag.pdf",
          mimeType: "application/pdf",
          sizeBytes: bytes.length,
          location: "files/a1b2-upload.pdf",
          position: 0,
        },
      });
      const report = await exportCatalogue(client, copy);
      expect(report.written).toContain("files/a1b2-upload.pdf");
      expect(Buffer.compare(await readFile(path.join(copy, "files", "a1b2-upload.pdf")), bytes)).toBe(0);
      const reloaded = await loadCatalogue(copy);
      expect(reloaded.items.find((i) => i.key === item.contentKey)!.data.attachments).toHaveLength(1);
      expect((await exportCatalogue(client, copy)).written).toEqual([]);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it("writes advisers, organisations and places edited or created in the admin into their files, which import to the same state", async () => {
    const client = database.client();
    const original = await loadCatalogue(realContent);
    await importCatalogue(client, original);
    const copy = await copyOf(realContent);
    try {
      const topic = Object.fromEntries((await client.topic.findMany()).map((t) => [t.slug, t.id]));
      const place = Object.fromEntries((await client.place.findMany()).map((p) => [p.slug, p.id]));
      const organisation = Object.fromEntries((await client.organisation.findMany()).map((o) => [o.slug, o.id]));
      await saveChanged(client, "advisers", "jesper-cabi", {
        languages: ["da", "sv"],
        defaultFor: ["da"],
        topicIds: [topic["rehabilitering"]!, topic["partnerskaber"]!],
        organisationId: "",
      });
      await saveChanged(client, "organisations", "cabi", { country: "SE" });
      await saveChanged(client, "places", "jammerbugt", { kind: "city", parentId: place["danmark"]! });
      const staff = await client.staffUser.findUniqueOrThrow({ where: { email: "export@example.org" } });
      const newPlace = await saveRecord(client, staff, "places", {
        id: null,
        slug: "ny-by",
        values: { name: "Ny By", kind: "city", country: "DK", parentId: place["jammerbugt"]! },
      });
      const newAdviser = await saveRecord(client, staff, "advisers", {
        id: null,
        slug: "ny-raadgiver",
        values: {
          name: "Nina Ny",
          titleDa: "Rådgiver",
          titleSv: "Rådgivare",
          email: "nina@example.org",
          phone: "",
          organisationId: organisation["cabi"]!,
          languages: ["sv"],
          defaultFor: [],
          topicIds: [topic["finansiering"]!],
        },
      });
      expect([newPlace.status, newAdviser.status]).toEqual(["saved", "saved"]);

      const report = await exportCatalogue(client, copy);
      expect([...report.written].sort()).toEqual(["advisers.yaml", "organisations.yaml", "places.yaml"]);
      const exported = await loadCatalogue(copy);
      expect(exported.advisers.find((a) => a.slug === "jesper-cabi")).toMatchObject({
        languages: expect.arrayContaining(["da", "sv"]),
        defaultFor: ["da"],
        topics: expect.arrayContaining(["rehabilitering", "partnerskaber"]),
      });
      expect(exported.advisers.find((a) => a.slug === "jesper-cabi")!.topics).toHaveLength(2);
      expect(exported.advisers.find((a) => a.slug === "jesper-cabi")!.organisation).toBeUndefined();
      expect(exported.advisers.find((a) => a.slug === "ny-raadgiver")).toMatchObject({
        name: "Nina Ny",
        organisation: "cabi",
        languages: ["sv"],
        defaultFor: [],
        topics: ["finansiering"],
        emailIsPlaceholder: false,
      });
      expect(exported.organisations.find((o) => o.slug === "cabi")!.country).toBe("SE");
      expect(exported.places.find((p) => p.slug === "jammerbugt")).toMatchObject({
        kind: "city",
        country: "DK",
        parent: "danmark",
      });
      expect(exported.places.find((p) => p.slug === "ny-by")).toEqual({
        id: newPlace.status === "saved" ? newPlace.id : "",
        slug: "ny-by",
        name: "Ny By",
        kind: "city",
        country: "DK",
        parent: "jammerbugt",
      });
      // Every other record is as the files had it, and every other file is untouched.
      const untouched = <T extends { slug: string }>(rows: T[], changed: string[]) =>
        rows.filter((r) => !changed.includes(r.slug));
      expect(untouched(exported.places, ["jammerbugt", "ny-by"])).toEqual(untouched(original.places, ["jammerbugt"]));
      expect(untouched(exported.organisations, ["cabi"])).toEqual(untouched(original.organisations, ["cabi"]));
      const before = await files(realContent);
      const after = await files(copy);
      for (const file of Object.keys(before)) {
        if (!["advisers.yaml", "organisations.yaml", "places.yaml"].includes(file))
          expect(after[file], file).toBe(before[file]);
      }

      // The written files import into an empty database as the same catalogue: exporting again writes nothing.
      await truncateCatalogue(client);
      await importCatalogue(client, exported);
      const again = await exportCatalogue(client, copy);
      expect(again.written).toEqual([]);
      const ids = await client.adviser.findUniqueOrThrow({
        where: { slug: "jesper-cabi" },
        include: { topics: { select: { topic: { select: { slug: true } } } } },
      });
      expect(ids.topics.map((t) => t.topic.slug).sort()).toEqual(["partnerskaber", "rehabilitering"]);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
