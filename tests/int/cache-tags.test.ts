import { afterEach, beforeAll, afterAll, describe, expect, it } from "vitest";
import CacheHandler, { clearCache, pollCacheTagsOnce, stopCacheSync } from "@/lib/cache/handler.mjs";
import { touchCacheTags } from "@/lib/cache/store";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const data = (body: string) => ({
  kind: "FETCH",
  data: { headers: {}, body, status: 200, url: "" },
  revalidate: false,
});

describe.each(databases)("the page and data cache, shared through the $name database", (database) => {
  const handler = () => new CacheHandler();
  afterEach(async () => {
    await stopCacheSync();
    clearCache();
    await truncateCatalogue(database.client());
  });

  it("keeps an entry until one of its tags is changed anywhere, then drops it at the next read of the tags", async () => {
    await pollCacheTagsOnce(database.url());
    await handler().set("glossary-read", data("old"), { tags: ["glossary"] });
    await handler().set("adviser-read", data("advisers"), { tags: ["advisers"] });
    expect((await handler().get("glossary-read", { tags: ["glossary"] }))?.value).toMatchObject({
      data: { body: "old" },
    });

    // Another process changes the glossary: only the tag's row is written, in the database.
    await touchCacheTags(database.client(), ["glossary"]);
    expect(await handler().get("glossary-read", { tags: ["glossary"] })).not.toBeNull(); // not yet read
    await pollCacheTagsOnce(database.url());
    expect(await handler().get("glossary-read", { tags: ["glossary"] })).toBeNull();
    expect(await handler().get("adviser-read", { tags: ["advisers"] })).not.toBeNull();

    // The same change is not applied twice: an entry stored well after it stays.
    await pause(2100);
    await handler().set("glossary-read", data("new"), { tags: ["glossary"] });
    await pollCacheTagsOnce(database.url());
    expect((await handler().get("glossary-read", { tags: ["glossary"] }))?.value).toMatchObject({
      data: { body: "new" },
    });
  });

  it("a page stored just after a change was learnt counts as older than the change (its render may have begun before)", async () => {
    await pollCacheTagsOnce(database.url());
    await touchCacheTags(database.client(), ["catalogue"]);
    await pollCacheTagsOnce(database.url());
    await handler().set(
      "/da/artikler",
      { kind: "APP_PAGE", html: "x", headers: { "x-next-cache-tags": "catalogue" } },
      {},
    );
    expect(await handler().get("/da/artikler", {})).toBeNull();
  });

  it("a change made in this process drops its entries at once", async () => {
    await handler().set(
      "/da",
      { kind: "APP_PAGE", html: "home", headers: { "x-next-cache-tags": "catalogue,_N_T_/da" } },
      {},
    );
    expect(await handler().get("/da", {})).not.toBeNull();
    await handler().revalidateTag(["catalogue"]);
    expect(await handler().get("/da", {})).toBeNull();
  });

  it("every entry expires after CACHE_MAX_AGE_SECONDS, whatever the tags say", async () => {
    await handler().set("/da/ordliste", { kind: "APP_PAGE", html: "g", headers: {} }, {});
    process.env.CACHE_MAX_AGE_SECONDS = "0.05";
    try {
      expect(await handler().get("/da/ordliste", {})).not.toBeNull();
      await pause(80);
      expect(await handler().get("/da/ordliste", {})).toBeNull();
    } finally {
      delete process.env.CACHE_MAX_AGE_SECONDS;
    }
  });

  it("a scheduled item falling due expires the catalogue in every process, marked once in the database", async () => {
    const client = database.client();
    await pollCacheTagsOnce(database.url());
    await client.item.create({
      data: {
        contentKey: "da/article/scheduled",
        type: "article",
        locale: "da",
        slug: "scheduled",
        status: "published",
        publishedAt: new Date(Date.now() + 3000),
        title: "Planlagt",
        summary: "Går live af sig selv.",
      },
    });
    await touchCacheTags(client, ["catalogue"]);
    await pollCacheTagsOnce(database.url());
    await pause(2100);
    await handler().set(
      "/da/artikler",
      { kind: "APP_PAGE", html: "before", headers: { "x-next-cache-tags": "catalogue" } },
      {},
    );
    expect(await handler().get("/da/artikler", {})).not.toBeNull();
    const marked = async () =>
      (await client.cacheTag.findUnique({ where: { tag: "catalogue" } }))!.revalidatedAt.getTime();
    const before = await marked();
    await pause(1000);
    await pollCacheTagsOnce(database.url());
    expect(await handler().get("/da/artikler", {})).toBeNull();
    expect(await marked()).toBeGreaterThan(before);
    // Marked once: the next read finds nothing new to mark.
    const after = await marked();
    await pollCacheTagsOnce(database.url());
    expect(await marked()).toBe(after);
  });
});
