// Suggestions while typing on both databases: published titles whose words begin with what was typed (capitals
// and å, ä, æ, ø, ö included), the visitor's language first; glossary terms and topics in the visitor's language;
// nothing for one character, drafts or hostile text; and the route's answer (400, caching, localized addresses).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTranslator } from "use-intl/core";
import da from "@/messages/da.json";
import sv from "@/messages/sv.json";
import type { Db } from "@/lib/database/client";
import { suggest, suggestParamsSchema, SUGGESTED_TITLES } from "@/lib/search/typeahead";
import type { SuggestOption } from "@/lib/search/suggest-options";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

let activeClient: Db | undefined;
vi.mock("@/lib/db", () => ({ db: () => activeClient! }));
vi.mock("next/cache", () => ({ unstable_cache: (fn: unknown) => fn }));
// The app's own messages, through the same formatter next-intl uses.
vi.mock("next-intl/server", () => ({
  getTranslations: async ({ locale, namespace }: { locale: "da" | "sv"; namespace: string }) =>
    createTranslator({ locale, messages: locale === "sv" ? sv : da, namespace: namespace as never }),
}));

const databases = testDatabases({ beforeAll, afterAll });

const titles: { slug: string; locale: "da" | "sv"; title: string; draft?: boolean }[] = [
  { slug: "soev", locale: "da", title: "Socialøkonomiske virksomheder i Jammerbugt" },
  { slug: "oestra", locale: "sv", title: "Östra Södertörns samordningsförbund" },
  { slug: "kommuner-da", locale: "da", title: "Kommunernes samarbejde med foreninger" },
  { slug: "kommuner-sv", locale: "sv", title: "Kommunens upphandling av tjänster" },
  { slug: "aase", locale: "sv", title: "Åsa Bengtsson om ÄNGELHOLM" },
  { slug: "kladde", locale: "da", title: "Socialøkonomisk kladde", draft: true },
  ...Array.from({ length: 8 }, (_, i) => ({
    slug: `butik-${i}`,
    locale: "da" as const,
    title: `Genbrugsbutik nummer ${i}`,
  })),
];

describe.each(databases)("suggestions on the $name database", (database) => {
  let client: Db;
  const run = (q: string, locale: "da" | "sv" = "da") => suggest(client, suggestParamsSchema.parse({ q, locale }));

  beforeAll(async () => {
    client = database.client();
    activeClient = client;
    await truncateCatalogue(client);
    for (const t of titles)
      await client.item.create({
        data: {
          contentKey: `${t.locale}/article/${t.slug}`,
          slug: t.slug,
          locale: t.locale,
          type: "article",
          status: t.draft ? "draft" : "published",
          title: t.title,
          summary: "",
        },
      });
    await client.glossaryTerm.create({
      data: {
        slug: "samordningsforbund",
        termDa: "samordningsforbund",
        termSv: "samordningsförbund",
        synonymsDa: ["finansiel samordning"],
        synonymsSv: ["finansiell samordning"],
        explanationDa: "",
        explanationSv: "",
      },
    });
    await client.topic.create({
      data: { slug: "udbud", nameDa: "Offentlige indkøb", nameSv: "Offentlig upphandling" },
    });
  });

  it("offers published titles whose words begin with the typed words, never a draft", async () => {
    const found = await run("socialøk");
    expect(found.items.map((i) => i.slug)).toEqual(["soev"]);
    expect(found.items[0]).toMatchObject({ kind: "item", type: "article", locale: "da", label: titles[0]!.title });
    expect((await run("virksomheder jammer")).items.map((i) => i.slug)).toEqual(["soev"]);
    expect((await run("jammer virksomheder")).items.map((i) => i.slug)).toEqual(["soev"]);
    expect((await run("virksomheder odense")).items).toEqual([]);
  });

  it("matches capital å, ä, æ, ø and ö as the letters they are", async () => {
    expect((await run("östra", "sv")).items.map((i) => i.slug)).toEqual(["oestra"]);
    expect((await run("ÖSTRA SÖD", "sv")).items.map((i) => i.slug)).toEqual(["oestra"]);
    expect((await run("åsa", "sv")).items.map((i) => i.slug)).toEqual(["aase"]);
    expect((await run("ängel", "sv")).items.map((i) => i.slug)).toEqual(["aase"]);
    expect((await run("ostra", "sv")).items).toEqual([]);
  });

  it("lists titles in the visitor's language first", async () => {
    expect((await run("kommun", "da")).items.map((i) => i.slug)).toEqual(["kommuner-da", "kommuner-sv"]);
    expect((await run("kommun", "sv")).items.map((i) => i.slug)).toEqual(["kommuner-sv", "kommuner-da"]);
  });

  it(`offers at most ${SUGGESTED_TITLES} titles, and a word of one character does not narrow them`, async () => {
    expect((await run("genbrug")).items).toHaveLength(SUGGESTED_TITLES);
    expect((await run("genbrug q")).items).toHaveLength(SUGGESTED_TITLES);
  });

  it("offers glossary terms and topics in the visitor's language, whichever language was typed", async () => {
    expect((await run("samord", "da")).terms).toEqual([
      { kind: "term", slug: "samordningsforbund", locale: "da", label: "samordningsforbund" },
    ]);
    expect((await run("samordningsför", "da")).terms).toEqual([
      { kind: "term", slug: "samordningsforbund", locale: "sv", label: "samordningsförbund" },
    ]);
    expect((await run("finansiell", "sv")).terms).toEqual([
      { kind: "term", slug: "samordningsforbund", locale: "sv", label: "finansiell samordning" },
    ]);
    expect((await run("upphand", "da")).topics).toEqual([{ kind: "topic", slug: "udbud", label: "Offentlige indkøb" }]);
    expect((await run("offentlige ind", "sv")).topics).toEqual([
      { kind: "topic", slug: "udbud", label: "Offentlig upphandling" },
    ]);
  });

  it("asks nothing for one character and survives hostile text", async () => {
    expect(await run("s")).toEqual({ items: [], terms: [], topics: [] });
    expect(await run("  ö ")).toEqual({ items: [], terms: [], topics: [] });
    for (const q of ["'\":*&|!()<>", "a & b | !c", '\\\'; DROP TABLE "Item"; --', "x:* & y", "🙂 שלום"])
      expect(await run(q), q).toMatchObject({ items: expect.any(Array) });
    expect((await run("Socialøk:*&")).items.map((i) => i.slug)).toEqual(["soev"]);
  });

  it("answers over HTTP: 400 for bad input, cacheable options with localized addresses", async () => {
    activeClient = client;
    const { GET } = await import("@/app/api/suggest/route");
    const bad = await GET(new Request("http://localhost/api/suggest?q=socialøk"));
    expect(bad.status).toBe(400);
    expect(bad.headers.get("cache-control")).toBe("no-store");
    expect(await bad.json()).toEqual({ error: da.Search.suggestInvalid });
    const tooLong = await GET(new Request(`http://localhost/api/suggest?locale=da&q=${"a".repeat(401)}`));
    expect(tooLong.status).toBe(400);
    const ok = await GET(new Request(`http://localhost/api/suggest?locale=sv&q=${encodeURIComponent("samordnings")}`));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toMatch(/^public, max-age=60/);
    const { options } = (await ok.json()) as { options: SuggestOption[] };
    expect(options).toEqual([
      expect.objectContaining({ group: "items", lang: "sv", href: "/sv/artiklar/oestra", label: titles[1]!.title }),
      expect.objectContaining({
        group: "terms",
        label: "samordningsförbund",
        href: `/sv/sok?q=${encodeURIComponent("samordningsförbund")}`,
      }),
    ]);
    const topic = await GET(new Request(`http://localhost/api/suggest?locale=da&q=indk`));
    expect(((await topic.json()) as { options: SuggestOption[] }).options).toEqual([
      expect.objectContaining({ group: "topics", label: "Offentlige indkøb", href: "/da/emner/udbud" }),
    ]);
  });
});
