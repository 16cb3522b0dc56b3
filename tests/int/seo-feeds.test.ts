import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { listFeedItems, listSitemapItems, listTopicSlugs } from "@/lib/seo/feeds";
import { fixtureContent } from "../helpers/content";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });
const keys = (list: { locale: string; type: string; slug: string }[]) =>
  list.map((i) => `${i.locale}/${i.type}/${i.slug}`).sort();

describe.each(databases)("sitemap and feed queries on the $name database", (database) => {
  beforeEach(async () => {
    // lib/seo/feeds.ts reads through db(), the app's one client: point it at this database.
    process.env.DATABASE_URL ??= database.url();
    (globalThis as { prisma?: unknown }).prisma = database.client();
    await truncateCatalogue(database.client());
    await importCatalogue(database.client(), await loadCatalogue(fixtureContent));
  });

  const setItem = (contentKey: string, data: { status?: "draft"; publishedAt?: Date }) =>
    database.client().item.update({ where: { contentKey }, data });

  it("lists every published item with its translation, and only a true translation", async () => {
    const items = await listSitemapItems();
    expect(keys(items)).toEqual(["da/publication/testrapport", "sv/project/provprojekt", "sv/publication/testrapport"]);
    const byKey = new Map(items.map((i) => [`${i.locale}/${i.type}/${i.slug}`, i]));
    expect(byKey.get("da/publication/testrapport")!.translation).toEqual({
      type: "publication",
      locale: "sv",
      slug: "testrapport",
    });
    expect(byKey.get("sv/publication/testrapport")!.translation).toMatchObject({ locale: "da" });
    expect(byKey.get("sv/project/provprojekt")!.translation).toBeNull();
    expect(Number.isNaN(Date.parse(byKey.get("sv/project/provprojekt")!.updatedAt))).toBe(false);
  });

  it("leaves out drafts and items scheduled for later, and translations that are not visible", async () => {
    await setItem("sv/project/provprojekt", { publishedAt: new Date(Date.now() + 86_400_000) });
    await setItem("da/publication/testrapport", { status: "draft" });
    const items = await listSitemapItems();
    expect(keys(items)).toEqual(["sv/publication/testrapport"]);
    expect(items[0]!.translation).toBeNull();
    expect(keys(await listFeedItems("da"))).toEqual(["sv/publication/testrapport"]);
  });

  it("feeds the newest items first, of a translated pair only the reader's version", async () => {
    const da = await listFeedItems("da");
    expect(da.map((i) => `${i.locale}/${i.type}/${i.slug}`)).toEqual([
      "sv/project/provprojekt",
      "da/publication/testrapport",
    ]);
    expect(da[0]).toMatchObject({ title: "Provprojektet", publishedAt: "2021-01-15T00:00:00.000Z" });
    const sv = await listFeedItems("sv");
    expect(sv.map((i) => `${i.locale}/${i.type}/${i.slug}`)).toEqual([
      "sv/project/provprojekt",
      "sv/publication/testrapport",
    ]);
    expect(await listFeedItems("sv", 1)).toHaveLength(1);
  });

  it("lists every topic's slug", async () => {
    expect(await listTopicSlugs()).toEqual(["beskaeftigelse", "samarbejde"]);
  });
});
