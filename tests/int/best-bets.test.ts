// Best bets on both databases: an editor's pinned items come first for the term in any inflection (stop words
// aside), never twice, only while published and within the search's filters; every refused save writes nothing;
// saves and removals are audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/database/client";
import { findBestBets, withoutPinned } from "@/lib/search/best-bets";
import { searchCatalogue } from "@/lib/search/search";
import { parseSearchParams } from "@/lib/search/params";
import { listBestBets, parseItemRef, removeBestBet, saveBestBet, type BestBetValues } from "@/lib/admin/best-bets";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });
const editor = { id: "00000000-0000-4000-8000-000000000001", email: "editor@example.org" };

type Fixture = { key: string; locale: "da" | "sv"; type: "article" | "case"; title: string; status?: "draft" };
const fixtures: Fixture[] = [
  { key: "guide", locale: "da", type: "article", title: "Sådan arbejder kommunen med socialøkonomiske virksomheder" },
  { key: "case", locale: "da", type: "case", title: "En socialøkonomisk virksomhed i Jammerbugt" },
  { key: "other", locale: "da", type: "case", title: "Virksomheden bag genbrugsbutikken" },
  { key: "iop", locale: "sv", type: "article", title: "Idéburet offentligt partnerskap i Botkyrka" },
  { key: "draft", locale: "da", type: "article", title: "Kladde om socialøkonomisk virksomhed", status: "draft" },
];

const values = (patch: Partial<BestBetValues>): BestBetValues => ({
  term: "",
  locale: "da",
  item1: "",
  item2: "",
  item3: "",
  ...patch,
});

describe("parseItemRef", () => {
  it("reads public addresses in either language, admin addresses and ids", () => {
    expect(parseItemRef("https://example.org/da/artikler/guide?x=1#top")).toEqual({
      locale: "da",
      type: "article",
      slug: "guide",
    });
    expect(parseItemRef("/sv/fall/case/")).toEqual({ locale: "sv", type: "case", slug: "case" });
    expect(parseItemRef("/da/cases/case")).toEqual({ locale: "da", type: "case", slug: "case" });
    const id = "3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f";
    expect(parseItemRef(`/da/admin/items/${id}/history`)).toEqual({ id });
    expect(parseItemRef(id.toUpperCase())).toEqual({ id });
    for (const junk of ["", "hello", "/da/emner/udbud", "/da/admin/items/42", "https://", "/xx/artikler/a", "%E0%A4%A"])
      expect(parseItemRef(junk), junk).toBeNull();
  });
});

describe.each(databases)("best bets on the $name database", (database) => {
  let client: Db;
  const ids: Record<string, string> = {};
  const find = (q: string, raw: Record<string, string> = {}, ui: "da" | "sv" = "da") =>
    findBestBets(client, parseSearchParams({ q, ...raw }), ui);
  const betCount = () => client.bestBet.count();

  beforeAll(async () => {
    client = database.client();
    await truncateCatalogue(client);
    await client.staffUser.create({
      data: { id: editor.id, email: editor.email, name: "Editor", passwordHash: "x", role: "editor" },
    });
    for (const f of fixtures) {
      const item = await client.item.create({
        data: {
          contentKey: `${f.locale}/${f.type}/${f.key}`,
          slug: f.key,
          locale: f.locale,
          type: f.type,
          status: f.status ?? "published",
          publishedAt: new Date("2024-01-01T00:00:00Z"),
          title: f.title,
          summary: `Resumé af ${f.key}.`,
        },
      });
      ids[f.key] = item.id;
    }
  });

  it("saves a best bet from addresses and ids, audited, and lists its items in order", async () => {
    const outcome = await saveBestBet(client, editor, {
      values: values({ term: "Socialøkonomisk virksomhed", item1: "/da/cases/case", item2: ids.guide!, item3: "" }),
    });
    expect(outcome).toEqual({ status: "saved", id: expect.any(String) });
    const [row] = await listBestBets(client);
    expect(row?.items.map((i) => i.id)).toEqual([ids.case, ids.guide]);
    expect(row?.values.item1).toBe("/da/cases/case");
    const entry = await client.auditLog.findFirst({ where: { action: "bestBets.create" } });
    expect(entry).toMatchObject({ actorEmail: editor.email, entity: "bestBets" });
  });

  it("matches the term in any inflection and order, with stop words around it, in either interface", async () => {
    for (const q of ["socialøkonomisk virksomhed", "Socialøkonomiske virksomheder", "virksomhed socialøkonomisk"])
      expect(
        (await find(q)).map((h) => h.id),
        q,
      ).toEqual([ids.case, ids.guide]);
    expect((await find("Hvad er en socialøkonomisk virksomhed?")).map((h) => h.id)).toEqual([ids.case, ids.guide]);
    expect((await find("socialøkonomisk virksomhed", {}, "sv")).map((h) => h.id)).toEqual([ids.case, ids.guide]);
  });

  it("does not match other queries, queries that exclude words, or filters the items do not meet", async () => {
    expect(await find("socialøkonomisk")).toEqual([]);
    expect(await find("socialøkonomisk virksomhed Jammerbugt")).toEqual([]);
    expect(await find("socialøkonomisk virksomhed -kommune")).toEqual([]);
    expect((await find("socialøkonomisk virksomhed", { type: "case" })).map((h) => h.id)).toEqual([ids.case]);
    expect(await find("socialøkonomisk virksomhed", { lang: "sv" })).toEqual([]);
  });

  it("lists a pinned item first and never again among the results", async () => {
    const params = parseSearchParams({ q: "socialøkonomisk virksomhed", narrow: "1" });
    const found = await searchCatalogue(params, "da", client);
    expect(found.results.map((r) => r.id)).toContain(ids.case);
    const pinned = await findBestBets(client, params, "da");
    const shown = withoutPinned(found, pinned);
    expect(shown.results.map((r) => r.id)).not.toContain(ids.case);
    expect(shown.results.map((r) => r.id)).not.toContain(ids.guide);
  });

  it("shows only published items", async () => {
    const [row] = await listBestBets(client);
    const saved = await saveBestBet(client, editor, {
      id: row!.id,
      baseVersion: row!.version,
      values: values({ term: "socialøkonomisk virksomhed", item1: ids.draft!, item2: "/da/cases/case" }),
    });
    expect(saved.status).toBe("saved");
    expect((await find("socialøkonomisk virksomhed")).map((h) => h.id)).toEqual([ids.case]);
  });

  it("refuses bad input with a code per field and writes nothing", async () => {
    const [row] = await listBestBets(client);
    const before = { bets: await betCount(), audit: await client.auditLog.count(), row };
    const cases: [Partial<BestBetValues>, Record<string, string>][] = [
      [{ term: "", item1: ids.guide! }, { term: "required" }],
      [{ term: "x".repeat(101), item1: ids.guide! }, { term: "tooLong" }],
      [{ term: "IOP", locale: "fi", item1: ids.guide! }, { locale: "required" }],
      [{ term: "hvad er det", item1: ids.guide! }, { term: "noWords" }],
      [{ term: "IOP" }, { item1: "noItems" }],
      [{ term: "IOP", item1: "/da/artikler/findes-ikke" }, { item1: "unknownItem" }],
      [{ term: "IOP", item1: "not an address" }, { item1: "unknownItem" }],
      [{ term: "IOP", item1: ids.guide!, item2: "/da/artikler/guide" }, { item2: "duplicateItem" }],
      // The same term in another inflection is the same best bet.
      [{ term: "socialøkonomiske virksomheder", item1: ids.other! }, { term: "taken" }],
    ];
    for (const [patch, codes] of cases) {
      const outcome = await saveBestBet(client, editor, { values: values(patch) });
      expect(outcome.status, JSON.stringify(patch)).toBe("invalid");
      if (outcome.status !== "invalid") continue;
      expect(Object.fromEntries(Object.entries(outcome.errors).map(([k, v]) => [k, v!.code]))).toEqual(codes);
    }
    // A save based on an older version is refused.
    const stale = await saveBestBet(client, editor, {
      id: row!.id,
      baseVersion: row!.version - 1,
      values: values({ term: "socialøkonomisk virksomhed", item1: ids.other! }),
    });
    expect(stale).toEqual({ status: "conflict", version: row!.version });
    expect(await betCount()).toBe(before.bets);
    expect(await client.auditLog.count()).toBe(before.audit);
    expect((await listBestBets(client))[0]).toEqual(before.row);
  });

  it("keeps a Swedish term apart from a Danish one and matches it with Swedish stemming", async () => {
    const saved = await saveBestBet(client, editor, {
      values: values({ term: "idéburet offentligt partnerskap", locale: "sv", item1: "/sv/artiklar/iop" }),
    });
    expect(saved.status).toBe("saved");
    expect((await find("Idéburet offentligt partnerskap", {}, "sv")).map((h) => h.id)).toEqual([ids.iop]);
    expect((await find("offentligt partnerskap idéburet")).map((h) => h.id)).toEqual([ids.iop]);
  });

  it("removes a best bet, audited, and then shows nothing for its term", async () => {
    const row = (await listBestBets(client)).find((r) => r.locale === "da")!;
    expect(await removeBestBet(client, editor, row.id)).toBe(true);
    expect(await removeBestBet(client, editor, row.id)).toBe(false);
    expect(await find("socialøkonomisk virksomhed")).toEqual([]);
    const entry = await client.auditLog.findFirst({ where: { action: "bestBets.delete", entityId: row.id } });
    expect(entry?.detail).toMatchObject({ term: row.term, locale: "da" });
  });

  it("drops a pinned item when the item is deleted", async () => {
    await client.item.delete({ where: { id: ids.iop! } });
    expect(await find("idéburet offentligt partnerskap", {}, "sv")).toEqual([]);
    expect((await listBestBets(client)).find((r) => r.locale === "sv")?.items).toEqual([]);
  });
});
