// The search holds its relevance: the judged queries of tests/fixtures/relevance.ts, searched in the real
// catalogue (content/), score at least the hits@5 reached, per language and overall.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { refreshSearchWords } from "@/lib/search/words";
import { relevanceFloor, relevanceSet } from "../fixtures/relevance";
import { scoreRelevance } from "../../scripts/bench/relevance";
import { testDatabases } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });

describe("the judged relevance set", () => {
  it("has at least 60 queries in both languages, half of them natural phrasings", () => {
    expect(relevanceSet.length).toBeGreaterThanOrEqual(60);
    expect(relevanceSet.filter((j) => j.lang === "da").length).toBeGreaterThanOrEqual(20);
    expect(relevanceSet.filter((j) => j.lang === "sv").length).toBeGreaterThanOrEqual(20);
    expect(relevanceSet.filter((j) => j.natural).length * 2).toBeGreaterThanOrEqual(relevanceSet.length);
  });

  it("names only items that exist in content/", async () => {
    const keys = new Set((await loadCatalogue()).items.map((i) => i.key));
    const unknown = relevanceSet.flatMap((j) => j.expect).filter((k) => !keys.has(k));
    expect(unknown).toEqual([]);
  });
});

describe.each(databases)("relevance on the $name database", (database) => {
  it("keeps hits@5 at or above the figures reached", { timeout: 120_000 }, async () => {
    const client = database.client();
    await importCatalogue(client, await loadCatalogue());
    await refreshSearchWords(client);
    const report = await scoreRelevance(client, relevanceSet);
    expect(report.da.hitsAt5).toBeGreaterThanOrEqual(relevanceFloor.da);
    expect(report.sv.hitsAt5).toBeGreaterThanOrEqual(relevanceFloor.sv);
    expect(report.all.hitsAt5).toBeGreaterThanOrEqual(relevanceFloor.all);
  });
});
