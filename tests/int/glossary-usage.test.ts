// The glossary page's "used in N texts" and the terms an item in the other language lists: a term counts in the
// published texts of its own language, inflected forms and synonyms included, drafts and the other language's not.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findGlossaryUsage, findItemHints, findItemTerms, stemsOf } from "@/lib/catalogue/glossary";
import { parseInput } from "@/lib/search/widening";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });

const item = (slug: string, locale: "da" | "sv", title: string, extra: Record<string, unknown> = {}) => ({
  contentKey: `${locale}/article/${slug}`,
  type: "article" as const,
  locale,
  slug,
  title,
  summary: "",
  body: "",
  status: "published" as const,
  publishedAt: new Date("2024-01-01T00:00:00Z"),
  ...extra,
});

describe.each(databases)("glossary usage on the $name database", (database) => {
  beforeEach(async () => {
    const client = database.client();
    await truncateCatalogue(client);
    await client.glossaryTerm.createMany({
      data: [
        {
          slug: "udbud",
          termDa: "udbud",
          termSv: "upphandling",
          synonymsDa: ["licitation"],
          synonymsSv: [],
          explanationDa: "x",
          explanationSv: "x",
        },
        {
          slug: "socialoekonomisk-virksomhed",
          termDa: "socialøkonomisk virksomhed",
          termSv: "socialt företag",
          synonymsDa: [],
          synonymsSv: [],
          explanationDa: "x",
          explanationSv: "x",
        },
        {
          slug: "ubrugt",
          termDa: "satspulje",
          termSv: "stimulansmedel",
          synonymsDa: [],
          synonymsSv: [],
          explanationDa: "x",
          explanationSv: "x",
        },
      ],
    });
    await client.item.createMany({
      data: [
        item("a", "da", "Udbuddet i Aarhus", { publishedAt: new Date("2024-03-01T00:00:00Z") }),
        item("b", "da", "Om licitationer", { body: "Kommunen brugte udbud." }),
        item("c", "da", "Socialøkonomiske virksomheder i Vejle"),
        // The words apart are no phrase
        item("d", "da", "En virksomhed, der er socialøkonomisk"),
        item("e", "da", "Et udbud i kladde", { status: "draft" }),
        item("f", "da", "Et udbud i morgen", { publishedAt: new Date(Date.now() + 86_400_000) }),
        item("g", "sv", "Upphandlingen i Umeå"),
        item("h", "sv", "Ett socialt företags roll i Luleå"),
        item("i", "sv", "Ett udbud på svenska"),
      ],
    });
  });

  it("counts inflected forms and synonyms in the term's language only, visible texts only, each text once", async () => {
    const usage = await findGlossaryUsage(database.client());
    // "b" holds both the term and its synonym; "d" holds the two words apart, which is no phrase.
    expect(usage).toEqual({ udbud: { da: 2, sv: 1 }, "socialoekonomisk-virksomhed": { da: 1, sv: 1 } });
  });

  it("counts every text, however many", async () => {
    const client = database.client();
    await client.item.createMany({
      data: Array.from({ length: 5 }, (_, n) =>
        item(`u${n}`, "da", `Udbud nummer ${n}`, { publishedAt: new Date(Date.UTC(2025, 0, n + 1)) }),
      ),
    });
    expect((await findGlossaryUsage(client)).udbud).toEqual({ da: 7, sv: 1 });
  });

  it("lists the terms an item uses, inflected or as a synonym, with their counterparts, for a visible item only", async () => {
    const client = database.client();
    const id = async (slug: string) => (await client.item.findFirstOrThrow({ where: { slug } })).id;
    const udbud = { slug: "udbud", term: "udbud", counterpart: "upphandling", falseFriend: false, explanation: "x" };
    expect(await findItemTerms(client, await id("a"))).toEqual([udbud]);
    expect(await findItemTerms(client, await id("b"))).toEqual([udbud]);
    expect(await findItemTerms(client, await id("h"))).toEqual([
      {
        slug: "socialoekonomisk-virksomhed",
        term: "socialt företag",
        counterpart: "socialøkonomisk virksomhed",
        falseFriend: false,
        explanation: "x",
      },
    ]);
    // A Danish word in a Swedish text is not a Swedish term, and a draft lists nothing.
    expect(await findItemTerms(client, await id("i"))).toEqual([]);
    expect(await findItemTerms(client, await id("e"))).toEqual([]);
  });

  it("stems inflected forms as the search does, in both languages", async () => {
    const sv = await stemsOf(database.client(), "sv", [
      "företagen",
      "Företaget",
      "företag",
      "upphandlingen",
      "sociala",
      "och",
    ]);
    expect(sv.get("företagen")).toBe(sv.get("företag"));
    expect(sv.get("företaget")).toBe(sv.get("företag"));
    expect(sv.get("upphandlingen")).toBe("upphandling");
    expect(sv.get("sociala")).toBe("social");
    expect(sv.get("och")).toBe("och");
    const da = await stemsOf(database.client(), "da", ["virksomhederne", "virksomhed", "udbuddet", "udbud"]);
    expect(da.get("virksomhederne")).toBe(da.get("virksomhed"));
    expect(da.get("udbuddet")).toBe(da.get("udbud"));
  });

  it("marks an item's inflected terms for a reader of the other language, and nothing for its own", async () => {
    const client = database.client();
    const id = async (slug: string) => (await client.item.findFirstOrThrow({ where: { slug } })).id;
    const words = { glossaryPath: "/da/ordliste", counterpartLabel: "På dansk:", falseFriendLabel: "Falsk ven:" };
    const g = await findItemHints(client, await id("g"), "da", words);
    expect(g?.titleHtml).toContain('href="/da/ordliste#udbud"');
    expect(g?.titleHtml).toContain(">Upphandlingen</a>");
    expect(g?.titleHtml).toContain("På dansk: udbud</span>");
    const h = await findItemHints(client, await id("h"), "da", words);
    expect(h?.titleHtml).toContain('data-gloss="socialoekonomisk-virksomhed">socialt företags</a>');
    expect(await findItemHints(client, await id("g"), "sv", words)).toBeNull();
    const a = await findItemHints(client, await id("a"), "sv", {
      glossaryPath: "/sv/ordlista",
      counterpartLabel: "På svenska:",
      falseFriendLabel: "Falsk vän:",
    });
    expect(a?.titleHtml).toContain(">Udbuddet</a>");
    expect(a?.titleHtml).toContain("På svenska: upphandling</span>");
    // A draft is no text of the site's
    expect(await findItemHints(client, await id("e"), "sv", words)).toBeNull();
  });

  it("explains a false friend in the reader's language and never widens a search with it", async () => {
    const client = database.client();
    await client.glossaryTerm.create({
      data: {
        slug: "lov-lov",
        termDa: "lov",
        termSv: "lov",
        synonymsDa: [],
        synonymsSv: [],
        explanationDa: "På svensk betyder lov tilladelse eller fri, ikke en lov.",
        explanationSv: "På danska betyder lov en lag.",
        falseFriend: true,
      },
    });
    await client.item.create({ data: item("j", "sv", "Lov att arbeta på sommarlovet") });
    const { id } = await client.item.findFirstOrThrow({ where: { slug: "j" } });
    const terms = await findItemTerms(client, id);
    expect(terms).toEqual([
      {
        slug: "lov-lov",
        term: "lov",
        counterpart: "lov",
        falseFriend: true,
        explanation: "På svensk betyder lov tilladelse eller fri, ikke en lov.",
      },
    ]);
    const hints = await findItemHints(client, id, "da", {
      glossaryPath: "/da/ordliste",
      counterpartLabel: "På dansk:",
      falseFriendLabel: "Falsk ven:",
    });
    expect(hints?.titleHtml).toContain(">Lov</a>");
    expect(hints?.titleHtml).toContain("Falsk ven: På svensk betyder lov tilladelse eller fri, ikke en lov.</span>");
    const input = await parseInput(client, "lov udbud", true);
    expect(input.glossary.map((g) => g.slug).sort()).toEqual(["socialoekonomisk-virksomhed", "ubrugt", "udbud"]);
  });
});
