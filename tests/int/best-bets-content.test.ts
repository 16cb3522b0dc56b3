// Best bets in content/best-bets.yaml: the export writes the database's best bets (items by address, in order) and
// nothing when they have not changed; the import brings them into an empty database with their ids, once; a best
// bet removed in the admin is not brought back and leaves the file; a file naming a missing item is refused.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { ContentError, loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { exportCatalogue } from "@/lib/content/export";
import { listBestBets, removeBestBet, saveBestBet } from "@/lib/admin/best-bets";
import { scratchContent } from "../helpers/content";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });
const editor = { id: "00000000-0000-4000-8000-000000000002", email: "bets@example.org" };

describe.each(databases)("best bets in content/ on the $name database", (database) => {
  it("are exported, imported into an empty database once, and stay removed once removed in the admin", async () => {
    const client = database.client();
    const scratch = await scratchContent();
    try {
      await truncateCatalogue(client);
      await importCatalogue(client, await loadCatalogue(scratch.dir));
      await client.staffUser.create({
        data: { id: editor.id, email: editor.email, name: "E", passwordHash: "x", role: "editor" },
      });
      const items = await client.item.findMany({ orderBy: { contentKey: "desc" }, take: 2 });
      expect(items).toHaveLength(2);
      const saved = await saveBestBet(client, editor, {
        values: { term: "Kommunernes samarbejde", locale: "da", item1: items[0]!.id, item2: items[1]!.id, item3: "" },
      });
      expect(saved.status).toBe("saved");
      const id = saved.status === "saved" ? saved.id : "";

      expect((await exportCatalogue(client, scratch.dir)).written).toContain("best-bets.yaml");
      const file = YAML.parse(await readFile(path.join(scratch.dir, "best-bets.yaml"), "utf8"));
      expect(file).toEqual([
        { id, locale: "da", term: "Kommunernes samarbejde", items: [items[0]!.contentKey, items[1]!.contentKey] },
      ]);
      expect((await exportCatalogue(client, scratch.dir)).written).not.toContain("best-bets.yaml");

      // Into an empty database: the same best bet, with its id, stemmed term and items in order; once.
      await truncateCatalogue(client);
      const first = await importCatalogue(client, await loadCatalogue(scratch.dir));
      expect(first.bestBets).toMatchObject({ created: 1, unchanged: 0 });
      const [row] = await listBestBets(client);
      expect(row).toMatchObject({ id, term: "Kommunernes samarbejde", locale: "da" });
      expect(row!.items.map((i) => i.title)).toEqual([items[0]!.title, items[1]!.title]);
      expect((await client.bestBet.findUniqueOrThrow({ where: { id } })).termKey).not.toBe("");
      const again = await importCatalogue(client, await loadCatalogue(scratch.dir));
      expect(again.bestBets).toMatchObject({ created: 0, unchanged: 1 });

      // Removed in the admin: the import does not bring it back, and the export takes it out of the file.
      expect(await removeBestBet(client, editor, id)).toBe(true);
      expect((await importCatalogue(client, await loadCatalogue(scratch.dir))).bestBets.created).toBe(0);
      expect(await client.bestBet.count()).toBe(0);
      expect((await exportCatalogue(client, scratch.dir)).written).toContain("best-bets.yaml");
      expect(YAML.parse(await readFile(path.join(scratch.dir, "best-bets.yaml"), "utf8"))).toEqual([]);

      // A best bet naming an item that does not exist is refused with the file and field.
      await writeFile(
        path.join(scratch.dir, "best-bets.yaml"),
        YAML.stringify([{ locale: "sv", term: "IOP", items: ["sv/article/finns-inte"] }]),
      );
      const error = await loadCatalogue(scratch.dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).problems).toEqual([
        expect.objectContaining({ field: "[0].items[0]", message: expect.stringContaining("sv/article/finns-inte") }),
      ]);
    } finally {
      await scratch.remove();
    }
  });
});
