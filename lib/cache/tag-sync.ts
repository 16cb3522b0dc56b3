// Keep this process's view of revalidated cache tags in step with the CacheTag table. Next's incremental
// cache keeps its tag state in one module-level map per process (tags-manifest.external); entries cached
// before a tag's time there are treated as expired, so the next request renders them anew.
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import pg from "pg";

type TagState = { stale?: number; expired?: number };
const require = createRequire(import.meta.url);
const { tagsManifest } = require("next/dist/server/lib/incremental-cache/tags-manifest.external.js") as {
  tagsManifest: Map<string, TagState>;
};

export type TagSync = { stop: () => Promise<void>; pollOnce: () => Promise<void> };

// Poll the table every intervalMs; a failed poll (database down) keeps the last known state
export function startTagSync(databaseUrl: string, intervalMs = 1000): TagSync {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, connectionTimeoutMillis: 2000 });
  pool.on("error", () => {});
  // Last change seen per tag. The query looks back a few seconds more than needed, so that a change whose
  // transaction committed late is not missed; a change already seen is not applied twice.
  const seen = new Map<string, number>();
  let since: Date | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  // A scheduled item goes live by itself: when one's time has come since the last poll, the pages that list
  // items are rendered anew and the search's word list is built again.
  // Nothing cached is older than the build, so that is where the first look starts.
  let dueSince = existsSync(".next/BUILD_ID") ? statSync(".next/BUILD_ID").mtime : new Date();
  const expireWhenScheduledItemsFallDue = async () => {
    const now = new Date();
    const { rows } = await pool.query<{ due: number }>(
      `SELECT count(*)::int AS due FROM "Item" WHERE status = 'published' AND "publishedAt" > $1 AND "publishedAt" <= $2`,
      [dueSince, now],
    );
    dueSince = now;
    if (rows[0]?.due) {
      const current = tagsManifest.get("catalogue");
      tagsManifest.set("catalogue", { ...current, expired: Date.now() });
      // Their titles' words join "did you mean" (lib/search/words.ts).
      await pool.query('REFRESH MATERIALIZED VIEW CONCURRENTLY "SearchWord"').catch(() => {});
    }
  };

  const pollOnce = async () => {
    const first = since === null;
    const { rows } = await pool.query<{ tag: string; revalidatedAt: Date }>(
      'SELECT tag, "revalidatedAt" FROM "CacheTag" WHERE "revalidatedAt" > $1',
      [new Date((since?.getTime() ?? 0) - 10_000)],
    );
    for (const row of rows) {
      const changedAt = row.revalidatedAt.getTime();
      if (seen.get(row.tag) === changedAt) continue;
      seen.set(row.tag, changedAt);
      // At start, the table's own times decide which cached pages are older than a change. Later, a change
      // counts from the moment this process learns of it: pages it cached meanwhile may hold old data.
      const at = first ? changedAt : Date.now();
      const current = tagsManifest.get(row.tag);
      if (!current?.expired || current.expired < at) tagsManifest.set(row.tag, { ...current, expired: at });
      if (!since || row.revalidatedAt > since) since = row.revalidatedAt;
    }
    since ??= new Date(0);
    await expireWhenScheduledItemsFallDue();
  };

  const loop = async () => {
    try {
      await pollOnce();
    } catch {
      // Database unreachable: keep serving what is cached; try again next tick.
    }
    if (!stopped) timer = setTimeout(loop, intervalMs);
  };
  void loop();

  return {
    pollOnce,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await pool.end();
    },
  };
}
