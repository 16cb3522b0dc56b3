import { createRequire } from "node:module";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTagSync, type TagSync } from "@/lib/cache/tag-sync";
import { touchCacheTags } from "@/lib/cache/store";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

// Next's per-process record of revalidated tags, which its page cache consults on every read.
const { tagsManifest } = createRequire(import.meta.url)(
  "next/dist/server/lib/incremental-cache/tags-manifest.external.js",
) as { tagsManifest: Map<string, { expired?: number }> };

const databases = testDatabases({ beforeAll, afterAll });

describe.each(databases)("cache tags shared through the $name database", (database) => {
  let sync: TagSync | undefined;
  afterEach(async () => {
    await sync?.stop();
    sync = undefined;
    tagsManifest.clear();
    await truncateCatalogue(database.client());
  });

  it("a tag touched by another process expires this process's cached pages at the next poll", async () => {
    sync = startTagSync(database.url(), 60_000);
    await sync.pollOnce();
    expect(tagsManifest.get("glossary")).toBeUndefined();

    await touchCacheTags(database.client(), ["glossary"]);
    const before = Date.now();
    await sync.pollOnce();
    expect(tagsManifest.get("glossary")?.expired).toBeGreaterThanOrEqual(before);
    expect(tagsManifest.get("catalogue")).toBeUndefined();

    // The same change is not applied twice: pages cached after it stay fresh.
    const first = tagsManifest.get("glossary")!.expired;
    await new Promise((r) => setTimeout(r, 20));
    await sync.pollOnce();
    expect(tagsManifest.get("glossary")!.expired).toBe(first);
  });

  it("a scheduled item falling due expires the catalogue tag", async () => {
    const client = database.client();
    sync = startTagSync(database.url(), 60_000);
    await sync.pollOnce();
    await client.item.create({
      data: {
        contentKey: "da/article/scheduled",
        type: "article",
        locale: "da",
        slug: "scheduled",
        status: "published",
        publishedAt: new Date(Date.now() + 300),
        title: "Planlagt",
        summary: "Går live af sig selv.",
      },
    });
    await sync.pollOnce();
    expect(tagsManifest.get("catalogue")).toBeUndefined();
    await new Promise((r) => setTimeout(r, 400));
    const before = Date.now();
    await sync.pollOnce();
    expect(tagsManifest.get("catalogue")?.expired).toBeGreaterThanOrEqual(before);
  });
});
