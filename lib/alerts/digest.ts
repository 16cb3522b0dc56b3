// The alert digests. One runner at a time across app servers (a lease in JobLease, shared with the other scheduled
// jobs); each alert's mail for a window is queued in the same transaction that moves the alert's high-water mark
// (sentUpTo) past the window, and only if the mark is still where the runner read it. A crash mid-run leaves the
// alerts it had not reached as they were, so the next run sends them, and no window is sent twice: a second runner
// (the lease ran out, or a cron run beside the app's timer) finds the mark moved and skips the alert. The digest's
// Message-ID is fixed by alert and window as well, so the outbox would refuse a second copy.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/database/client";
import { Prisma, type AlertFrequency, type Locale } from "@/lib/generated/prisma/client";
import { readerVersionWhere, visibleWhere } from "@/lib/catalogue/visibility";
import type { FeedList } from "@/lib/feeds/lists";
import { releaseLease, renewLease, takeLease } from "@/lib/links/lease";
import { alertList, listingMatches, searchFiltersMatch, type AlertCandidate } from "./lists";
import { composeDigest, describeList, digestMessageId, type DigestItem, type ListLabels } from "./mail";
import { listLabels, purgeUnconfirmedAlerts } from "./store";

export const ALERT_LEASE = "alerts";
const leaseMs = 10 * 60 * 1000;
const batchSize = 500;
const chunkSize = 100;

type Mail = { subject: string; text: string; headers: Record<string, string> };
type Ready = { alert: DueAlert; mail: Mail };

// The end of the window an alert of this frequency is due for at this time: now for immediate alerts, the start of
// the day (UTC) for daily ones, the start of the ISO week (Monday, UTC) for weekly ones
export function windowEnd(frequency: AlertFrequency, now: Date): Date {
  if (frequency === "immediate") return now;
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (frequency === "daily") return day;
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 24 * 60 * 60 * 1000);
}

type Candidate = AlertCandidate & {
  slug: string;
  title: string;
  summary: string;
  publishedAt: Date | null;
  substantialChangeAt: Date | null;
};

// The items the reader of one language sees that were published or changed substantially after `from`, up to now
async function readCandidates(client: Db, locale: Locale, from: Date, now: Date): Promise<Candidate[]> {
  const rows = await client.item.findMany({
    where: {
      AND: [
        visibleWhere(now),
        readerVersionWhere(locale, now),
        { OR: [{ publishedAt: { gt: from } }, { substantialChangeAt: { gt: from, lte: now } }] },
      ],
    },
    orderBy: [{ publishedAt: "desc" }, { title: "asc" }],
    select: {
      id: true,
      type: true,
      locale: true,
      slug: true,
      title: true,
      summary: true,
      country: true,
      year: true,
      publishedAt: true,
      substantialChangeAt: true,
      topics: { select: { topic: { select: { slug: true } } } },
      places: { select: { place: { select: { slug: true, kind: true } } } },
    },
  });
  return rows.map((r) => ({
    ...r,
    topics: r.topics.map((t) => t.topic.slug),
    municipalities: r.places.filter((p) => p.place.kind === "municipality").map((p) => p.place.slug),
  }));
}

// Of the candidates, the ids holding every word of a search (in each item's own language, as the search stems it)
async function searchMatches(client: Db, q: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await client.$queryRaw<{ id: string }[]>`
    SELECT i.id::text AS id FROM "Item" i
    WHERE i.id = ANY(${ids}::uuid[])
      AND i."searchVector" @@ search_normalize_query(search_config(i.locale::text),
        websearch_to_tsquery(search_config(i.locale::text), ${q}))`;
  return new Set(rows.map((r) => r.id));
}

type DueAlert = {
  id: string;
  email: string;
  locale: Locale;
  query: string;
  frequency: AlertFrequency;
  sentUpTo: Date;
};

export type DigestReport = {
  /** Alerts whose window was due. */
  due: number;
  /** Mails queued. */
  queued: number;
  /** Due alerts with nothing new: their mark moved on without a mail. */
  empty: number;
  /** Alerts another runner had already done. */
  skipped: number;
};

// The new and changed items of one alert's window, new ones first
function itemsFor(alert: DueAlert, end: Date, matching: Candidate[]): DigestItem[] {
  const from = alert.sentUpTo;
  const within = (d: Date | null) => d !== null && d > from && d <= end;
  const fresh = matching.filter((c) => within(c.publishedAt));
  const changed = matching.filter(
    (c) => !within(c.publishedAt) && within(c.substantialChangeAt) && (c.publishedAt === null || c.publishedAt <= from),
  );
  const item = (c: Candidate, isChanged: boolean): DigestItem => ({
    type: c.type,
    locale: c.locale,
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    changed: isChanged,
  });
  return [...fresh.map((c) => item(c, false)), ...changed.map((c) => item(c, true))];
}

// Queue the digests due now, without the lease: each alert's window once, whoever else runs at the same time
export async function queueAlertDigests(
  client: Db,
  options: { now?: Date; onBatch?: () => Promise<boolean> } = {},
): Promise<DigestReport> {
  const now = options.now ?? new Date();
  const report: DigestReport = { due: 0, queued: 0, empty: 0, skipped: 0 };
  // One read of the candidates per language, from the oldest mark of a confirmed alert in that language.
  const oldest = await client.alert.groupBy({
    by: ["locale"],
    where: { confirmedAt: { not: null } },
    _min: { sentUpTo: true },
  });
  const candidates = new Map<Locale, Candidate[]>();
  const poolFor = async (locale: Locale) => {
    let rows = candidates.get(locale);
    if (!rows) {
      const from = oldest.find((o) => o.locale === locale)?._min.sentUpTo ?? now;
      rows = await readCandidates(client, locale, from, now);
      candidates.set(locale, rows);
    }
    return rows;
  };
  const labels = new Map<Locale, ListLabels>();
  const matchCache = new Map<string, Candidate[]>();
  const dueWhere = (frequency: AlertFrequency) => ({
    frequency,
    confirmedAt: { not: null },
    sentUpTo: { lt: windowEnd(frequency, now) },
  });
  for (const frequency of ["immediate", "daily", "weekly"] as const) {
    const end = windowEnd(frequency, now);
    let cursor: string | undefined;
    for (;;) {
      const batch = (await client.alert.findMany({
        where: { ...dueWhere(frequency), ...(cursor ? { id: { gt: cursor } } : {}) },
        orderBy: { id: "asc" },
        take: batchSize,
        select: { id: true, email: true, locale: true, query: true, frequency: true, sentUpTo: true },
      })) as DueAlert[];
      if (!batch.length) break;
      cursor = batch[batch.length - 1]!.id;
      report.due += batch.length;
      const empty: DueAlert[] = [];
      const ready: Ready[] = [];
      for (const alert of batch) {
        const pool = await poolFor(alert.locale);
        const cacheKey = `${alert.locale}|${alert.query}`;
        let matching = matchCache.get(cacheKey);
        if (!matching) {
          matching = await matchList(client, alertList(alert.query), pool);
          matchCache.set(cacheKey, matching);
        }
        const items = itemsFor(alert, end, matching);
        if (!items.length) {
          empty.push(alert);
          continue;
        }
        if (!labels.has(alert.locale)) labels.set(alert.locale, await listLabels(client, alert.locale));
        const list = alertList(alert.query);
        const mail = composeDigest({
          alertId: alert.id,
          locale: alert.locale,
          email: alert.email,
          list,
          listName: describeList(alert.locale, list, labels.get(alert.locale)!),
          frequency: alert.frequency,
          items,
        });
        ready.push({ alert, mail });
      }
      // The mails of this batch, a chunk per transaction: the marks that are still where they were read move, and
      // exactly their mails are queued with them.
      for (let i = 0; i < ready.length; i += chunkSize) {
        const queued = await queueChunk(client, ready.slice(i, i + chunkSize), end, now);
        report.queued += queued;
        report.skipped += Math.min(chunkSize, ready.length - i) - queued;
      }
      // Nothing new for these: their marks move on in one statement, each only if still where it was read.
      if (empty.length) {
        const moved = await client.$executeRaw`
          UPDATE "Alert" AS a SET "sentUpTo" = ${end.toISOString()}::timestamptz AT TIME ZONE 'UTC'
          FROM unnest(${empty.map((a) => a.id)}::uuid[], ${empty.map((a) => a.sentUpTo.toISOString())}::timestamptz[])
            AS seen(id, mark)
          WHERE a.id = seen.id AND a."sentUpTo" = seen.mark AT TIME ZONE 'UTC'`;
        report.empty += moved;
        report.skipped += empty.length - moved;
      }
      if (options.onBatch && !(await options.onBatch())) return report;
      if (batch.length < batchSize) break;
    }
  }
  return report;
}

// The candidates a list holds
async function matchList(client: Db, list: FeedList, rows: Candidate[]): Promise<Candidate[]> {
  if (list.kind === "listing") return rows.filter((c) => listingMatches(list, c));
  const filtered = rows.filter((c) => searchFiltersMatch(list, c));
  const ids = await searchMatches(
    client,
    list.params.q,
    filtered.map((c) => c.id),
  );
  return filtered.filter((c) => ids.has(c.id));
}

// Move the marks of a chunk of alerts past the window and queue the mails of exactly those whose mark was still where
// it was read, in one transaction; the number queued. Should that fail, the chunk is done alert by alert.
async function queueChunk(client: Db, chunk: Ready[], end: Date, now: Date): Promise<number> {
  try {
    return await client.$transaction(async (tx) => {
      // Rows locked in id order first, so that two runners on the same chunk wait for each other, never deadlock.
      await tx.$queryRaw`
        SELECT id FROM "Alert" WHERE id = ANY(${chunk.map((r) => r.alert.id)}::uuid[]) ORDER BY id FOR UPDATE`;
      const moved = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "Alert" AS a
        SET "sentUpTo" = ${end.toISOString()}::timestamptz AT TIME ZONE 'UTC',
            "lastSentAt" = ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'
        FROM unnest(${chunk.map((r) => r.alert.id)}::uuid[], ${chunk.map((r) => r.alert.sentUpTo.toISOString())}::timestamptz[])
          AS seen(id, mark)
        WHERE a.id = seen.id AND a."sentUpTo" = seen.mark AT TIME ZONE 'UTC'
        RETURNING a.id::text AS id`;
      const ids = new Set(moved.map((r) => r.id));
      const mails = chunk.filter((r) => ids.has(r.alert.id));
      if (mails.length) {
        await tx.mailOutbox.createMany({
          data: mails.map(({ alert, mail }) => ({
            toAddress: alert.email,
            subject: mail.subject,
            textBody: mail.text,
            headers: mail.headers,
            messageId: digestMessageId(alert.id, end),
          })),
        });
      }
      return mails.length;
    });
  } catch {
    // A Message-ID taken already, or another failure: each alert on its own (a database that is gone fails there too).
    let queued = 0;
    for (const { alert, mail } of chunk) if (await queueOne(client, alert, end, now, mail)) queued++;
    return queued;
  }
}

// Move one alert's mark past the window and queue its mail, together; false when another runner moved it first
async function queueOne(client: Db, alert: DueAlert, end: Date, now: Date, mail: Mail): Promise<boolean> {
  try {
    return await client.$transaction(async (tx) => {
      const moved = await tx.alert.updateMany({
        where: { id: alert.id, sentUpTo: alert.sentUpTo },
        data: { sentUpTo: end, lastSentAt: now },
      });
      if (moved.count !== 1) return false;
      await tx.mailOutbox.create({
        data: {
          toAddress: alert.email,
          subject: mail.subject,
          textBody: mail.text,
          headers: mail.headers,
          messageId: digestMessageId(alert.id, end),
        },
      });
      return true;
    });
  } catch (error) {
    // The same window queued by another runner at the same moment: its Message-ID is taken.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
}

export type AlertRunResult = { ran: false } | ({ ran: true; purged: number } & DigestReport);

// One run of the alerts under the shared lease: purge unconfirmed alerts, then queue the digests due
export async function runAlerts(client: Db, options: { now?: Date; holder?: string } = {}): Promise<AlertRunResult> {
  const holder = options.holder ?? randomUUID();
  if (!(await takeLease(client, ALERT_LEASE, holder, leaseMs, options.now))) return { ran: false };
  let result: AlertRunResult | null = null;
  try {
    const purged = await purgeUnconfirmedAlerts(client, options.now);
    const report = await queueAlertDigests(client, {
      now: options.now,
      onBatch: () => renewLease(client, ALERT_LEASE, holder, leaseMs),
    });
    result = { ran: true, purged, ...report };
    return result;
  } finally {
    await releaseLease(client, ALERT_LEASE, holder, result ?? { failed: true });
  }
}
