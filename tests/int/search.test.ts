import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Db } from "@/lib/database/client";
import { searchCatalogue, withoutRepeats, type SearchOutcome } from "@/lib/search/search";
import { MAX_QUERY_LENGTH, parseSearchParams, type RawSearchParams } from "@/lib/search/params";
import { toHtml } from "@/lib/search/highlight";
import { refreshSearchWords } from "@/lib/search/words";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });

type GlossaryFile = {
  slug: string;
  da: { term: string; synonyms?: string[]; explanation: string };
  sv: { term: string; synonyms?: string[]; explanation: string };
}[];

// The real glossary pairs of the catalogue, so that the widening is tested with the words editors wrote.
async function glossaryRows() {
  const file = parse(await readFile(path.resolve("content/glossary.yaml"), "utf8")) as GlossaryFile;
  return file.map((g) => ({
    slug: g.slug,
    termDa: g.da.term,
    termSv: g.sv.term,
    synonymsDa: g.da.synonyms ?? [],
    synonymsSv: g.sv.synonyms ?? [],
    explanationDa: g.da.explanation,
    explanationSv: g.sv.explanation,
  }));
}

type Fixture = {
  slug: string;
  locale: "da" | "sv";
  type?: "article" | "case" | "publication" | "project" | "reference";
  title: string;
  summary?: string;
  body?: string;
  country?: "DK" | "SE";
  year?: number;
  topics?: string[];
  status?: "draft" | "published";
  publishedAt?: Date | null;
};

const fixtures: Fixture[] = [
  // Inflected forms, one per item
  { slug: "da-grundform", locale: "da", title: "Om en virksomhed i Vejle", year: 2020, country: "DK", topics: ["t1"] },
  { slug: "da-flertal", locale: "da", title: "Nye virksomheder i Herning", year: 2021, country: "DK", topics: ["t1"] },
  { slug: "da-bestemt", locale: "da", title: "Virksomhederne i Odense", year: 2021, country: "DK", topics: ["t2"] },
  { slug: "sv-grundform", locale: "sv", title: "Ett företag i Umeå", year: 2020, country: "SE", topics: ["t1"] },
  { slug: "sv-bestamd", locale: "sv", title: "Företagen i Luleå", year: 2022, country: "SE", topics: ["t2"] },
  { slug: "sv-genitiv", locale: "sv", title: "Företagets roll i Kiruna", year: 2022, country: "SE", topics: ["t2"] },
  // Cross-language pairs that share no word
  {
    slug: "sv-sociala",
    locale: "sv",
    type: "case",
    title: "Kommunen köper tjänster av sociala företag",
    summary: "Hur Borås samarbetar med arbetsintegrerande aktörer.",
    country: "SE",
    year: 2019,
    topics: ["t1"],
  },
  {
    slug: "da-udbud",
    locale: "da",
    type: "case",
    title: "Kommunens erfaringer med udbud",
    summary: "Sådan skrev Aalborg krav ind i kontrakten.",
    country: "DK",
    year: 2018,
    topics: ["t2"],
  },
  {
    slug: "da-soev",
    locale: "da",
    type: "publication",
    title: "Socialøkonomiske virksomheder på Fyn",
    country: "DK",
    year: 2023,
  },
  // Unsafe text that must come out escaped
  {
    slug: "da-markup",
    locale: "da",
    type: "article",
    title: "Markup <script>alert(1)</script> i titlen",
    body: "Teksten nævner <b>fed</b> skrift.",
  },
  {
    slug: "sv-kooperativ",
    locale: "sv",
    type: "publication",
    title: "Kooperativ i glesbygden",
    year: 2015,
  },
];

// A word in many items: enough for more than a page, so that counting beyond a limit can be tested.
// Twelve name the shop in the title, two only in the body.
const towns = ["Nakskov", "Ribe", "Tønder", "Skive", "Hjørring", "Holstebro", "Nyborg", "Faxe", "Sorø", "Ebeltoft"];
const shops: Fixture[] = [
  ...towns.concat("Lemvig", "Vordingborg").map((town, i) => ({
    slug: `shop-${i + 1}`,
    locale: "da" as const,
    type: (i % 3 === 0 ? "case" : "article") as Fixture["type"],
    title: `Genbrugsbutik i ${town}`,
    summary: i % 2 ? "Frivillige og ledige driver butikken sammen." : "",
    year: 2010 + i,
    country: "DK" as const,
    topics: [i % 2 ? "t1" : "t2"],
    publishedAt: new Date(Date.UTC(2023, 0, 1 + i)),
  })),
  ...["Struer", "Kolding"].map((town, i) => ({
    slug: `shop-body-${i + 1}`,
    locale: "da" as const,
    title: `Frivillige i ${town}`,
    body: "Foreningen driver en genbrugsbutik og en café.",
    year: 2024,
    country: "DK" as const,
    publishedAt: new Date(Date.UTC(2023, 6, 1 + i)),
  })),
];
fixtures.push(...shops);

async function seed(client: Db) {
  await truncateCatalogue(client);
  await client.glossaryTerm.createMany({ data: await glossaryRows() });
  const t1 = await client.topic.create({ data: { slug: "t1", nameDa: "Emne et", nameSv: "Ämne ett" } });
  const t2 = await client.topic.create({ data: { slug: "t2", nameDa: "Emne to", nameSv: "Ämne två" } });
  const topicIds: Record<string, string> = { t1: t1.id, t2: t2.id };
  for (const f of fixtures) {
    await client.item.create({
      data: {
        contentKey: `${f.locale}/${f.type ?? "article"}/${f.slug}`,
        slug: f.slug,
        locale: f.locale,
        type: f.type ?? "article",
        status: f.status ?? "published",
        publishedAt: f.publishedAt === undefined ? new Date("2024-01-01T00:00:00Z") : f.publishedAt,
        title: f.title,
        summary: f.summary ?? "",
        body: f.body ?? "",
        country: f.country ?? null,
        year: f.year ?? null,
        topics: { create: (f.topics ?? []).map((t) => ({ topicId: topicIds[t]! })) },
      },
    });
  }
  await refreshSearchWords(client);
}

const slugs = (outcome: SearchOutcome) => outcome.results.map((r) => r.slug).sort();

describe.each(databases)("search on the $name database", (database) => {
  // exactLimit: how many matches are counted and ranked exactly (the default, or fewer to force estimates)
  const search = (raw: RawSearchParams, ui: "da" | "sv" = "da", exactLimit?: number) =>
    searchCatalogue(parseSearchParams(raw), ui, database.client(), { exactLimit });

  beforeAll(async () => seed(database.client()));

  describe("stemming", () => {
    it.each(["virksomhed", "virksomheder", "virksomhederne"])("finds every Danish form from '%s'", async (q) => {
      const outcome = await search({ q, narrow: "1" });
      expect(slugs(outcome)).toEqual(expect.arrayContaining(["da-bestemt", "da-flertal", "da-grundform"]));
    });

    it.each(["företag", "företagen", "företagets"])("finds every Swedish form from '%s'", async (q) => {
      const outcome = await search({ q, narrow: "1" }, "sv");
      expect(slugs(outcome)).toEqual(expect.arrayContaining(["sv-bestamd", "sv-genitiv", "sv-grundform"]));
    });
  });

  describe("across languages", () => {
    it("finds Swedish items about sociala företag from 'socialøkonomisk virksomhed'", async () => {
      const outcome = await search({ q: "socialøkonomisk virksomhed" });
      expect(slugs(outcome)).toContain("sv-sociala");
      expect(outcome.widened).toEqual([
        expect.objectContaining({ slug: "socialoekonomisk-virksomhed", language: "da" }),
      ]);
      expect(outcome.widened[0]?.added).toEqual(expect.arrayContaining(["socialt företag", "sociala företag"]));
    });

    it("finds Danish items about udbud from 'upphandling'", async () => {
      const outcome = await search({ q: "upphandling" }, "sv");
      expect(slugs(outcome)).toContain("da-udbud");
      expect(outcome.widened.map((w) => [w.slug, w.matched])).toEqual([["udbud", "upphandling"]]);
      const hit = outcome.results.find((r) => r.slug === "da-udbud")!;
      expect(hit.title).toContainEqual({ text: "udbud", hit: true });
    });

    it("finds Swedish items from 'udbud' and Danish ones from 'sociala företag'", async () => {
      expect(slugs(await search({ q: "udbud" }))).toContain("da-udbud");
      expect(slugs(await search({ q: "udbud" }))).not.toContain("sv-sociala");
      expect(slugs(await search({ q: "sociala företag" }, "sv"))).toEqual(["da-soev", "sv-sociala"]);
    });

    it("keeps to the words typed in the narrow search", async () => {
      const outcome = await search({ q: "upphandling", narrow: "1" }, "sv");
      expect(outcome.widened).toEqual([]);
      expect(slugs(outcome)).not.toContain("da-udbud");
    });

    it("widens a term inside a longer query and keeps the other words", async () => {
      const outcome = await search({ q: "upphandling Aalborg" });
      expect(slugs(outcome)).toEqual(["da-udbud"]);
    });
  });

  describe("typos", () => {
    it("suggests the right word and offers items with similar titles", async () => {
      const outcome = await search({ q: "virksomhedrne" });
      expect(outcome.total).toBe(0);
      expect(outcome.suggestion).toBe("virksomhederne");
      expect(outcome.similar.map((s) => s.slug)).toContain("da-bestemt");
      const corrected = await search({ q: outcome.suggestion! });
      expect(corrected.total).toBeGreaterThan(0);
    });

    it("corrects a Swedish word with å, ä or ö without folding the letters", async () => {
      const outcome = await search({ q: "Kooperatv glesbygdn" }, "sv");
      expect(outcome.suggestion).toBe("Kooperativ glesbygden");
    });

    it("suggests nothing when the words are right", async () => {
      const outcome = await search({ q: "virksomheder" });
      expect(outcome.suggestion).toBeNull();
      expect(outcome.similar).toEqual([]);
    });
  });

  describe("facets", () => {
    it("count what choosing each value lists", async () => {
      const base = { q: "virksomhed OR företag" };
      const outcome = await search(base);
      expect(outcome.approximate).toBe(false);
      expect(outcome.total).toBeGreaterThan(3);
      expect(outcome.facets.type.reduce((sum, f) => sum + f.count, 0)).toBe(outcome.total);
      for (const key of ["type", "topic", "country", "lang", "year"] as const) {
        expect(outcome.facets[key].length).toBeGreaterThan(0);
        for (const facet of outcome.facets[key]) {
          const filtered = await search({ ...base, [key]: facet.value });
          expect(filtered.total, `${key}=${facet.value}`).toBe(facet.count);
          expect(filtered.results.length).toBe(Math.min(facet.count, 10));
        }
      }
    });

    it("apply together and name topics in the reader's language", async () => {
      const outcome = await search({ q: "virksomhed OR företag", country: "SE", topic: "t2" }, "sv");
      expect(slugs(outcome)).toEqual(["sv-bestamd", "sv-genitiv"]);
      expect(outcome.facets.topic.find((t) => t.value === "t2")?.label).toBe("Ämne två");
      expect(outcome.results.every((r) => r.country === "SE")).toBe(true);
    });
  });

  describe("freshness", () => {
    it("finds an item as soon as it is published or edited, and not while unpublished", async () => {
      const client = database.client();
      const item = await client.item.create({
        data: {
          contentKey: "da/article/kladde",
          slug: "kladde",
          locale: "da",
          type: "article",
          status: "draft",
          title: "Kladde om pilotkommuner",
          summary: "",
        },
      });
      expect(slugs(await search({ q: "pilotkommuner" }))).toEqual([]);
      await client.item.update({ where: { id: item.id }, data: { status: "published", publishedAt: new Date() } });
      expect(slugs(await search({ q: "pilotkommuner" }))).toEqual(["kladde"]);
      await client.item.update({ where: { id: item.id }, data: { title: "Notat om frikommuner" } });
      expect(slugs(await search({ q: "pilotkommuner" }))).toEqual([]);
      expect(slugs(await search({ q: "frikommuner" }))).toEqual(["kladde"]);
      await client.item.update({
        where: { id: item.id },
        data: { publishedAt: new Date(Date.now() + 86_400_000) },
      });
      expect(slugs(await search({ q: "frikommuner" }))).toEqual([]);
      await client.item.update({ where: { id: item.id }, data: { status: "archived", publishedAt: null } });
      expect(slugs(await search({ q: "frikommuner" }))).toEqual([]);
      await client.item.delete({ where: { id: item.id } });
    });
  });

  describe("translated pairs", () => {
    it("list the reader's version once both match, and both when a language is chosen", async () => {
      const client = database.client();
      const da = await client.item.create({
        data: {
          contentKey: "da/case/tvilling",
          slug: "tvilling",
          locale: "da",
          type: "case",
          status: "published",
          title: "Tvillingekommune og udbud",
          summary: "",
        },
      });
      const sv = await client.item.create({
        data: {
          contentKey: "sv/case/tvilling",
          slug: "tvilling",
          locale: "sv",
          type: "case",
          status: "published",
          title: "Vänkommun och upphandling",
          summary: "",
          translationOfId: da.id,
        },
      });
      // Counted and ranked exactly, and listed by the bounded path used for large match sets
      for (const limit of [undefined, 0]) {
        const inDanish = await search({ q: "udbud" }, "da", limit);
        expect(inDanish.results.filter((r) => r.slug === "tvilling").map((r) => r.locale)).toEqual(["da"]);
        expect(inDanish.results.find((r) => r.slug === "tvilling")?.alsoIn).toMatchObject({ locale: "sv" });
        const inSwedish = await search({ q: "udbud" }, "sv", limit);
        expect(inSwedish.results.filter((r) => r.slug === "tvilling").map((r) => r.locale)).toEqual(["sv"]);
        const danishChosen = await search({ q: "udbud", lang: "da" }, "sv", limit);
        expect(danishChosen.results.filter((r) => r.slug === "tvilling").map((r) => r.locale)).toEqual(["da"]);
      }
      await client.item.deleteMany({ where: { id: { in: [sv.id, da.id] } } });
    });
  });

  describe("large match sets", () => {
    const shopSlugs = shops.map((f) => f.slug).sort();

    it("are counted exactly up to the limit", async () => {
      const outcome = await search({ q: "genbrugsbutik" }, "da", 100);
      expect(outcome.approximate).toBe(false);
      expect(outcome.total).toBe(shops.length);
      expect(outcome.facets.type.reduce((sum, f) => sum + f.count, 0)).toBe(shops.length);
      const second = await search({ q: "genbrugsbutik", page: "2" }, "da", 100);
      expect([...slugs(outcome), ...slugs(second)].sort()).toEqual(shopSlugs);
    });

    it("are estimated beyond the limit, and say so", async () => {
      const outcome = await search({ q: "genbrugsbutik" }, "da", 4);
      expect(outcome.approximate).toBe(true);
      expect(outcome.results).toHaveLength(10);
      // At least what is listed, and a next page since the first is full
      expect(outcome.total).toBeGreaterThan(10);
      expect(outcome.pageCount).toBe(Math.ceil(outcome.total / 10));
      for (const key of ["type", "topic", "country", "lang", "year"] as const) {
        expect(outcome.facets[key].length, key).toBeGreaterThan(0);
      }
      expect(outcome.results.every((r) => r.slug.startsWith("shop-"))).toBe(true);
    });

    it("rank items that match in the title or summary first, and page through all of them", async () => {
      const first = await search({ q: "genbrugsbutik" }, "da", 4);
      const second = await search({ q: "genbrugsbutik", page: "2" }, "da", 4);
      const order = [...first.results, ...second.results].map((r) => r.slug);
      expect([...order].sort()).toEqual(shopSlugs);
      expect(order.slice(-2).sort()).toEqual(["shop-body-1", "shop-body-2"]);
      expect(first.results[0]?.title.some((s) => s.hit)).toBe(true);
    });

    it("list newest first exactly as the exact search does", async () => {
      for (const page of ["1", "2"]) {
        const bounded = await search({ q: "genbrugsbutik", sort: "newest", page }, "da", 4);
        const exact = await search({ q: "genbrugsbutik", sort: "newest", page }, "da", 100);
        expect(bounded.results.map((r) => r.slug)).toEqual(exact.results.map((r) => r.slug));
      }
      const browse = await search({ year: "2015" }, "da", 2);
      expect(browse.results.map((r) => r.slug)).toEqual((await search({ year: "2015" })).results.map((r) => r.slug));
    });

    it("list the same items by either path when the first page is not full, and then count exactly", async () => {
      const queries: RawSearchParams[] = [
        { q: "virksomhederne" },
        { q: "företagets" },
        { q: "socialøkonomisk virksomhed" },
        { q: "upphandling" },
        { q: "virksomhed OR företag", country: "SE", topic: "t2" },
        { q: "genbrugsbutik", type: "case" },
        { q: "genbrugsbutik -Ribe", year: "2011" },
      ];
      for (const raw of queries) {
        const exact = await search(raw);
        const bounded = await search(raw, "da", 0);
        expect(bounded.approximate, JSON.stringify(raw)).toBe(false);
        expect(bounded.total, JSON.stringify(raw)).toBe(exact.total);
        expect(slugs(bounded), JSON.stringify(raw)).toEqual(slugs(exact));
      }
    });
  });

  describe("paging and sorting", () => {
    it("pages through the hits and sorts by date", async () => {
      const all = await search({ q: "virksomhed OR företag", sort: "newest" });
      expect(all.total).toBeGreaterThan(1);
      const dates = all.results.map((r) => r.publishedAt ?? "");
      expect(dates).toEqual([...dates].sort().reverse());
      const second = await search({ q: "virksomhed OR företag", page: "2" });
      expect(second.page).toBe(2);
      expect(second.results).toEqual([]);
      expect(second.pageCount).toBe(Math.ceil(all.total / 10));
    });

    it("lists everything newest first for an empty query", async () => {
      const outcome = await search({});
      expect(outcome.total).toBe(fixtures.length);
      expect(outcome.facets.lang.map((f) => f.value).sort()).toEqual(["da", "sv"]);
    });
  });

  describe("headlines", () => {
    it("come back as text segments that render as escaped HTML", async () => {
      const outcome = await search({ q: "markup" });
      const hit = outcome.results.find((r) => r.slug === "da-markup")!;
      expect(hit.title.map((s) => s.text).join("")).toBe("Markup <script>alert(1)</script> i titlen");
      const html = toHtml(hit.title);
      expect(html).toContain("<mark>Markup</mark>");
      expect(html).toContain("&lt;script&gt;");
      expect(html).not.toContain("<script>");
    });
  });

  describe("bad input", () => {
    const cases: [string, string][] = [
      ["a 10,000-character query", "virksomhed ".repeat(1000).slice(0, 10_000)],
      ["a lone OR", "OR"],
      ["a lone minus", "-"],
      ["lone quotes and operators", '" - OR " -- OR OR'],
      ["an unbalanced quote", '"virksomhed i Vejle'],
      ["SQL", `'; DROP TABLE "Item"; -- ' OR 1=1 /* */ \\x00`],
      ["tsquery syntax", "virksomhed & !udbud | (a <-> b):* 'x'"],
      ["emoji", "🏢🇩🇰👩‍👩‍👧 virksomhed 🤝"],
      ["right-to-left text", "שירות חברתי شركة اجتماعية"],
      ["control characters and NUL bytes", "virk\u0000som\u0007hed\u001b[31m\u202e\u0000"],
      ["lone surrogates and private-use characters", "\ud800virksomhed\udfff\ue000\ue001"],
      ["only punctuation", "!!! ??? ... ;;; ()"],
    ];

    it.each(cases)("answers %s with a result, never an error", async (_name, q) => {
      const before = await database.client().item.count();
      const outcome = await search({ q, sort: "newest", page: "1" });
      expect(outcome.query.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
      expect(outcome.query).not.toMatch(/[\u0000-\u001f\u202e\ue000\ue001]/);
      expect(outcome.total).toBeGreaterThanOrEqual(0);
      expect(outcome.results.length).toBe(Math.min(outcome.total, 10));
      expect(await database.client().item.count()).toBe(before);
    });

    it("searches a word typed many times as the word once, and shows the query as typed", async () => {
      const once = await search({ q: "virksomhed" });
      const repeated = await search({ q: "virksomhed Virksomhed virksomhed" });
      expect(repeated.query).toBe("virksomhed Virksomhed virksomhed");
      expect(repeated.total).toBe(once.total);
      expect(slugs(repeated)).toEqual(slugs(once));
      expect(withoutRepeats('a "b b" a -a a')).toBe('a "b b" -a');
      expect(withoutRepeats("a b OR a")).toBe("a b OR a");
    });

    it("caps a 10,000-character query and says so", async () => {
      const outcome = await search({ q: "virksomhed ".repeat(1000) });
      expect(outcome.capped).toBe(true);
      expect(outcome.query.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
      expect(outcome.total).toBeGreaterThan(0);
    });

    it("searches the word left once control characters are removed", async () => {
      const outcome = await search({ q: "\u0000virksomheder\u0000" });
      expect(outcome.query).toBe("virksomheder");
      expect(outcome.total).toBeGreaterThan(0);
    });

    it("says when a query holds nothing to search for", async () => {
      expect((await search({ q: "🙂 🙂" })).noSearchableWords).toBe(true);
      expect((await search({ q: "-" })).noSearchableWords).toBe(true);
    });

    it("ignores malformed filters, pages and repeated parameters", async () => {
      const outcome = await search({
        q: ["virksomhed", "udbud"],
        type: "<script>",
        topic: "../../etc",
        country: "NO",
        lang: "en",
        year: "1e9",
        sort: "random",
        page: "-4",
        narrow: "yes",
      });
      expect(outcome.query).toBe("virksomhed");
      expect(outcome.page).toBe(1);
      expect(outcome.total).toBeGreaterThan(0);
    });
  });
});
