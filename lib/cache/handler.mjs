// @ts-check
// Next's page and data cache for this site (next.config.ts `cacheHandler`, Next's documented interface): rendered
// pages and data reads are kept in this process's memory, bounded in bytes (least recently used dropped first), and
// every app process drops an entry when one of its tags changes anywhere:
// - a change writes its tags' rows in the "CacheTag" table in the same transaction (lib/cache/store.ts), with the
//   database's clock; this process learns of it by reading that small table every CACHE_TAG_POLL_MS (default 500);
// - a change made in this process (revalidateTag) drops its entries at once;
// - a scheduled item whose time has come expires the catalogue everywhere (the first process to see it marks the tag);
// - every entry also expires CACHE_MAX_AGE_SECONDS (default 3600) after it was made, so that a signal lost to a failed
//   write cannot keep an old page for longer.
// Plain JavaScript: Next loads this file itself at run time, outside the app's bundles.
import { LRUCache } from "lru-cache";
import pg from "pg";

const seconds = (name, fallback) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

const maxAgeMs = () => seconds("CACHE_MAX_AGE_SECONDS", 3600) * 1000;
const pollMs = seconds("CACHE_TAG_POLL_MS", 500);
// A page whose render began before a change but was stored just after this process learnt of it holds old data: entries
// stored within this grace after a change is learnt count as older than the change.
const renderGraceMs = 2000;

/** @typedef {{ value: any; lastModified: number; tags: string[]; cacheControl?: any }} Entry */

/** @type {LRUCache<string, Entry>} */
const entries = new LRUCache({
  maxSize: seconds("CACHE_MEMORY_MB", 48) * 1024 * 1024,
  sizeCalculation: (entry, key) => Math.max(1, key.length + sizeOf(entry.value)),
});

/** Local time after which entries with the tag are current again; earlier entries are expired. */
const expiredUntil = new Map();
/** The last "revalidatedAt" seen per tag, in the database's milliseconds. */
const seen = new Map();

/** @param {any} value */
function sizeOf(value) {
  if (!value) return 16;
  switch (value.kind) {
    case "APP_PAGE": {
      let size = String(value.html ?? "").length + (value.rscData?.byteLength ?? 0);
      for (const part of value.segmentData?.values?.() ?? []) size += part.byteLength ?? 0;
      return size;
    }
    case "FETCH":
      return JSON.stringify(value.data ?? "").length;
    case "APP_ROUTE":
      return value.body?.byteLength ?? 64;
    default:
      return JSON.stringify(value).length;
  }
}

/** @param {string[]} tags @param {number} at */
function expire(tags, at) {
  for (const tag of tags) if ((expiredUntil.get(tag) ?? 0) < at) expiredUntil.set(tag, at);
}

/** @param {Entry} entry @param {number} now */
function isExpired(entry, now) {
  if (now - entry.lastModified > maxAgeMs()) return true;
  return entry.tags.some((tag) => (expiredUntil.get(tag) ?? 0) >= entry.lastModified);
}

/** @type {{ pool: pg.Pool; timer?: NodeJS.Timeout; dueSince?: Date; first: boolean; stopped: boolean } | null} */
let sync = null;

// Read every tag's time; a change not seen before expires the tag here. The first read only records.
async function pollTags() {
  if (!sync) return;
  const { pool } = sync;
  const { rows } = await pool.query('SELECT tag, "revalidatedAt" AS at FROM "CacheTag"');
  const now = Date.now();
  for (const row of rows) {
    const at = new Date(row.at).getTime();
    if (seen.get(row.tag) === at) continue;
    seen.set(row.tag, at);
    if (!sync.first) expire([row.tag], now + renderGraceMs);
  }
  // Scheduled items: the first process to see one fall due marks the catalogue tag, so that every process (this one
  // at its next read) renders the listings anew and the search's "did you mean" words are built again once.
  // Prisma keeps times as UTC without a zone, hence AT TIME ZONE 'UTC'.
  const due = await pool.query(
    `INSERT INTO "CacheTag" (tag, "revalidatedAt")
     SELECT 'catalogue', clock_timestamp() AT TIME ZONE 'UTC'
     WHERE EXISTS (
       SELECT 1 FROM "Item" WHERE status = 'published' AND "publishedAt" <= now() AT TIME ZONE 'UTC'
         AND "publishedAt" > COALESCE((SELECT "revalidatedAt" FROM "CacheTag" WHERE tag = 'catalogue'), '-infinity'))
     ON CONFLICT (tag) DO UPDATE SET "revalidatedAt" = excluded."revalidatedAt"
     RETURNING tag, "revalidatedAt" AS at`,
  );
  if (due.rowCount) {
    seen.set("catalogue", new Date(due.rows[0].at).getTime());
    expire(["catalogue"], Date.now() + renderGraceMs);
    await pool.query('REFRESH MATERIALIZED VIEW CONCURRENTLY "SearchWord"').catch(() => {});
  }
  sync.first = false;
}

async function loop() {
  if (!sync || sync.stopped) return;
  try {
    await pollTags();
  } catch {
    // Database unreachable: keep serving what is kept; the entries' own lifetime still bounds their age.
  }
  if (sync && !sync.stopped) {
    sync.timer = setTimeout(loop, pollMs);
    sync.timer.unref();
  }
}

// Start reading the tag table once per process, where there is a database (not during `next build`)
/** @param {string | undefined} url */
function startSync(url = process.env.DATABASE_URL) {
  if (sync || !url || process.env.NEXT_PHASE === "phase-production-build") return;
  const pool = new pg.Pool({
    connectionString: url,
    max: 1,
    connectionTimeoutMillis: 2000,
    query_timeout: 2000,
    idleTimeoutMillis: 0,
  });
  pool.on("error", () => {});
  sync = { pool, first: true, stopped: false };
  void loop();
  // On shutdown the reads stop; Next finishes the requests in flight.
  process.once("SIGTERM", () => void stopCacheSync());
}

/** Stop reading the tag table (on shutdown, and in tests). */
export async function stopCacheSync() {
  if (!sync) return;
  const current = sync;
  sync = null;
  current.stopped = true;
  clearTimeout(current.timer);
  await current.pool.end().catch(() => {});
}

/** Read the tag table of the given database once now (tests); the timer is left to run rarely. @param {string} url */
export async function pollCacheTagsOnce(url) {
  startSync(url);
  await pollTags();
}

/** What the cache holds (tests and the benchmark). */
export function cacheStats() {
  return { entries: entries.size, bytes: entries.calculatedSize, expired: Object.fromEntries(expiredUntil) };
}

/** Forget everything (tests). */
export function clearCache() {
  entries.clear();
  expiredUntil.clear();
  seen.clear();
}

/** @param {any} value @param {any} ctx */
function tagsOf(value, ctx) {
  const tags = new Set([...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])]);
  const header = value?.headers?.["x-next-cache-tags"];
  if (typeof header === "string") for (const tag of header.split(",")) if (tag) tags.add(tag);
  return [...tags];
}

export default class CacheHandler {
  constructor() {
    startSync();
  }

  /** @param {string} key @param {any} ctx */
  async get(key, ctx) {
    const entry = entries.get(key);
    if (!entry) return null;
    const now = Date.now();
    // A read that names more tags than the entry was stored with (a data read's soft tags) is checked against all.
    const check = ctx?.tags || ctx?.softTags ? { ...entry, tags: [...entry.tags, ...tagsOf(null, ctx)] } : entry;
    if (isExpired(check, now)) {
      entries.delete(key);
      return null;
    }
    return { value: entry.value, lastModified: entry.lastModified, cacheControl: entry.cacheControl };
  }

  /** @param {string} key @param {any} value @param {any} ctx */
  async set(key, value, ctx) {
    if (!value) {
      entries.delete(key);
      return;
    }
    entries.set(key, { value, lastModified: Date.now(), tags: tagsOf(value, ctx), cacheControl: ctx?.cacheControl });
  }

  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    expire(Array.isArray(tags) ? tags : [tags], Date.now());
  }

  resetRequestCache() {}
}
