// Search that finds what people mean: relaxed matching when not every word occurs together, compound words, glossary
// widening by whole terms weighted below the words typed, and the per-search statement timeout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/database/client";
import { isStatementTimeout, searchCatalogue, type SearchOutcome } from "@/lib/search/search";
import { parseSearchParams, type RawSearchParams } from "@/lib/search/params";
import { andGroups, relaxable, relaxedQuery } from "@/lib/search/relaxed";
import { plainLexemes, withCompounds } from "@/lib/search/compounds";
import { COMMON_MIN } from "@/lib/search/widening";
import { refreshSearchWords } from "@/lib/search/words";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });

type Fixture = { slug: string; locale: "da" | "sv"; title: string; summary?: string; body?: string };

const fixtures: Fixture[] = [
  // Relaxed matching: no item holds every word of "kommunen praktik kontrakt partnerskab"
  { slug: "three-words", locale: "da", title: "Kommunen tilbyder praktik", summary: "En kontrakt om praktik." },
  { slug: "two-words", locale: "da", title: "Kommunen og praktik", summary: "Om forløb for ledige." },
  { slug: "one-word", locale: "da", title: "Partnerskab mellem foreninger", summary: "Frivillige arbejder sammen." },
  { slug: "negated", locale: "da", title: "Kommunen og praktik i haven", summary: "Praktik med kontrakt og haver." },
  // Compound words
  { slug: "exact-part", locale: "da", title: "Om arbejdsmarked og uddannelse", summary: "Arbejdsmarked i Vejle." },
  {
    slug: "compound-holder",
    locale: "da",
    title: "Arbejdsmarkedsintegrerende virksomheder i Vejle",
    summary: "Virksomheder, der integrerer ledige.",
  },
  { slug: "integrate", locale: "da", title: "Integrerende arbejde i foreninger", summary: "Integrerende og lokalt." },
  { slug: "sv-parts", locale: "sv", title: "Samordning i förbundet", summary: "Förbundet arbetar med samordning." },
  { slug: "sv-compound", locale: "sv", title: "Samordningsförbundet i Umeå", summary: "Ett samordningsförbund." },
  // Glossary widening: kontanthjælp, and many items that only say "ydelse" (a synonym in the glossary)
  { slug: "kontant", locale: "da", title: "Kontanthjælp til ledige", summary: "Om kontanthjælp til borgere." },
  { slug: "bistand", locale: "sv", title: "Ekonomiskt bistånd för hushåll", summary: "Om ekonomiskt bistånd." },
  ...Array.from({ length: COMMON_MIN + 10 }, (_, i) => ({
    slug: `ydelse-${i}`,
    locale: "da" as const,
    title: `Ydelse nummer ${i + 1}`,
    summary: "En ydelse fra staten.",
  })),
];

const glossary = [
  {
    slug: "kontanthjaelp",
    termDa: "kontanthjælp",
    termSv: "ekonomiskt bistånd",
    synonymsDa: ["offentlig forsørgelse", "ydelse"],
    synonymsSv: ["försörjningsstöd"],
    explanationDa: "Forklaring.",
    explanationSv: "Förklaring.",
  },
  {
    slug: "socialoekonomisk-virksomhed",
    termDa: "socialøkonomisk virksomhed",
    termSv: "socialt företag",
    synonymsDa: [],
    synonymsSv: [],
    explanationDa: "Forklaring.",
    explanationSv: "Förklaring.",
  },
];

async function seed(client: Db) {
  await truncateCatalogue(client);
  await client.glossaryTerm.createMany({ data: glossary });
  await client.item.createMany({
    data: fixtures.map((f) => ({
      contentKey: `${f.locale}/article/${f.slug}`,
      slug: f.slug,
      locale: f.locale,
      type: "article" as const,
      status: "published" as const,
      publishedAt: new Date("2024-01-01T00:00:00Z"),
      title: f.title,
      summary: f.summary ?? "",
      body: f.body ?? "",
    })),
  });
  await client.$executeRawUnsafe(`ANALYZE "Item"`);
  await refreshSearchWords(client);
}

const slugsOf = (outcome: SearchOutcome) => outcome.results.map((r) => r.slug);

describe("relaxed queries (tsquery text)", () => {
  it("splits at the top-level ANDs only", () => {
    expect(andGroups("'a' & ( 'b' | 'c' & 'd' ) & 'e' <-> 'f' & 'it''s'")).toEqual([
      "'a'",
      "( 'b' | 'c' & 'd' )",
      "'e' <-> 'f'",
      "'it''s'",
    ]);
  });

  it("relaxes to any group and keeps negated words out", () => {
    expect(relaxable("'a' & 'b' & !'c'")).toBe(true);
    expect(relaxedQuery("'a' & 'b' & !'c'")).toBe("( ( 'a' ) | ( 'b' ) ) & !'c'");
    expect(relaxable("'a' & 'b' | 'c'")).toBe(false);
    expect(relaxable("'a' & !'c'")).toBe(false);
    expect(relaxable("'a'")).toBe(false);
  });
});

describe("compound alternatives (tsquery text)", () => {
  it("replaces each plain lexeme found, and leaves negated and prefix lexemes alone", () => {
    const found = new Map([["da\u0000marked", ["'arbejdsmarked'", "'arbejd' & 'marked'"]]]);
    expect(withCompounds("da", "'marked' & !'marked' & 'marked':*", found)).toBe(
      "( 'marked' | 'arbejdsmarked' | 'arbejd' & 'marked' ) & !'marked' & 'marked':*",
    );
    expect(plainLexemes("'marked' & !'kommun' & 'by' & 'forening':*")).toEqual(["marked"]);
  });

  it("leaves the words of a phrase as typed", () => {
    const found = new Map([["da\u0000marked", ["'arbejdsmarked'"]]]);
    expect(withCompounds("da", "'lokal' <-> 'marked' & 'marked'", found)).toBe(
      "'lokal' <-> 'marked' & ( 'marked' | 'arbejdsmarked' )",
    );
    expect(plainLexemes("'lokal' <-> 'marked' & 'handel' <2> 'forening'")).toEqual([]);
  });
});

describe.each(databases)("finding what people mean on the $name database", (database) => {
  const search = (raw: RawSearchParams, ui: "da" | "sv" = "da", timeout?: number) =>
    searchCatalogue(parseSearchParams(raw), ui, database.client(), { statementTimeoutMs: timeout });

  beforeAll(async () => seed(database.client()));

  describe("relaxed matching", () => {
    it("lists the items holding most of the words when none holds all, most words first", async () => {
      const outcome = await search({ q: "kommunen praktik kontrakt partnerskab -haven" });
      expect(outcome.relaxed).toBe(true);
      expect(outcome.strictTotal).toBe(0);
      expect(slugsOf(outcome).slice(0, 3)).toEqual(["three-words", "two-words", "one-word"]);
      expect(slugsOf(outcome)).not.toContain("negated");
      expect(outcome.total).toBe(3);
    });

    it("keeps to every word when asked (all=1), and finds nothing then", async () => {
      const outcome = await search({ q: "kommunen praktik kontrakt partnerskab -haven", all: "1" });
      expect(outcome.relaxed).toBe(false);
      expect(outcome.all).toBe(true);
      expect(outcome.total).toBe(0);
    });

    it("does not relax a query that enough items match with every word", async () => {
      const outcome = await search({ q: "ydelse staten" });
      expect(outcome.relaxed).toBe(false);
      expect(outcome.total).toBeGreaterThanOrEqual(3);
    });

    it("never gives an empty page when one word of the query occurs", async () => {
      const outcome = await search({ q: "partnerskab zyxwvu qwerty" });
      expect(outcome.relaxed).toBe(true);
      expect(slugsOf(outcome)).toEqual(["one-word"]);
    });
  });

  describe("compound words", () => {
    it("finds a compound from one of its parts, below the items holding the word itself", async () => {
      const outcome = await search({ q: "arbejdsmarked" });
      const found = slugsOf(outcome);
      expect(found).toContain("compound-holder");
      expect(found.indexOf("exact-part")).toBeLessThan(found.indexOf("compound-holder"));
    });

    it("finds the parts of a compound typed, below the items holding the compound", async () => {
      const outcome = await search({ q: "samordningsförbund" }, "sv");
      const found = slugsOf(outcome);
      expect(found).toContain("sv-parts");
      expect(found.indexOf("sv-compound")).toBeLessThan(found.indexOf("sv-parts"));
    });

    it("keeps to the words typed in the narrow search", async () => {
      const outcome = await search({ q: "arbejdsmarked", narrow: "1" });
      expect(slugsOf(outcome)).toEqual(["exact-part"]);
    });
  });

  describe("glossary widening with care", () => {
    it("does not widen with a synonym that is a common word, and says what it widened with", async () => {
      const outcome = await search({ q: "kontanthjælp" });
      expect(slugsOf(outcome)).toEqual(["kontant", "bistand"]);
      expect(outcome.widened).toEqual([expect.objectContaining({ slug: "kontanthjaelp", matched: "kontanthjælp" })]);
      expect(outcome.widened[0]?.added).toEqual(["ekonomiskt bistånd", "försörjningsstöd", "offentlig forsørgelse"]);
    });

    it("ranks the items holding the words typed above those found through the other language", async () => {
      const outcome = await search({ q: "ekonomiskt bistånd" }, "sv");
      expect(slugsOf(outcome)).toEqual(["bistand", "kontant"]);
    });

    it("widens a term only when its words stand together in the query", async () => {
      const apart = await search({ q: "virksomhed socialøkonomisk" });
      expect(apart.widened).toEqual([]);
      const together = await search({ q: "socialøkonomisk virksomhed" });
      expect(together.widened.map((w) => w.slug)).toEqual(["socialoekonomisk-virksomhed"]);
    });
  });

  describe("statement timeout", () => {
    it("runs with the timeout set (the embedded database accepts it and never fires)", async () => {
      const outcome = await search({ q: "kommunen" });
      expect(outcome.timedOut).toBe(false);
      expect(outcome.total).toBeGreaterThan(0);
    });

    // Only a PostgreSQL server has the timer (the embedded database would let the statement finish)
    if (database.name === "DATABASE_URL")
      it("recognises PostgreSQL cancelling a statement at its timeout, and returns a search cut short as timed out", async () => {
        const error = await database
          .client()
          .$transaction(async (tx) => {
            await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = 10`);
            await tx.$queryRawUnsafe(`SELECT pg_sleep(1)`);
          })
          .catch((e: unknown) => e);
        expect(isStatementTimeout(error)).toBe(true);
        expect(isStatementTimeout(new Error("something else"))).toBe(false);
        // 1 ms: the search's main statement, ranking and highlighting, takes longer than that
        const outcome = await search({ q: "ydelse" }, "da", 1);
        expect(outcome.timedOut).toBe(true);
        expect(outcome.results).toEqual([]);
      });
  });
});
