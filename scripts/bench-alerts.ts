// Alerts benchmark (not a test): fills a PostgreSQL database of its own with 10,000 confirmed daily alerts on a
// catalogue of 5,000 items, 250 of them published during the last day, then times one daily digest run (the same
// function the app's timer and `npm run alerts:send` call) and prints its time, the process's memory and what it
// queued.
//
//   npm run bench:alerts
//
// BENCH_ALERTS_DATABASE_URL names the database (default postgresql://postgres@127.0.0.1:5432/kb_bench_alerts); it is
// created when missing and its alert, outbox and catalogue tables are replaced.
import { cpus, loadavg } from "node:os";
import pg from "pg";
import { applyMigrations } from "@/lib/database/migrations";
import { createPrismaClient } from "@/lib/database/client";
import { queueAlertDigests } from "@/lib/alerts/digest";

const SUBSCRIBERS = 10_000;
const ITEMS = 5_000;
const NEW_ITEMS = 250;
const TOPICS = 20;
const url = process.env.BENCH_ALERTS_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/kb_bench_alerts";

let seed = 20261201;
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const types = ["article", "case", "publication", "project", "reference"] as const;
const words = {
  da: ["udbud", "beskæftigelse", "socialøkonomi", "partnerskab", "jobcenter", "virksomhed", "kommune", "frivillig"],
  sv: [
    "upphandling",
    "sysselsättning",
    "socialekonomi",
    "partnerskap",
    "arbetsförmedling",
    "företag",
    "kommun",
    "ideell",
  ],
};

async function ensureDatabase() {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client(admin.toString());
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

async function main() {
  await ensureDatabase();
  await applyMigrations(url);
  const client = createPrismaClient(url, 4);
  const now = new Date();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const yesterday = new Date(today.getTime() - 86_400_000);
  try {
    await client.$executeRawUnsafe(
      `TRUNCATE "Alert", "MailOutbox", "JobLease", "ItemTopic", "Item", "Topic", "RateLimitBucket" CASCADE`,
    );
    const topics = Array.from({ length: TOPICS }, (_, n) => ({
      id: crypto.randomUUID(),
      slug: `emne-${n + 1}`,
      nameDa: `Emne ${n + 1}`,
      nameSv: `Ämne ${n + 1}`,
    }));
    await client.topic.createMany({ data: topics });
    const items = Array.from({ length: ITEMS }, (_, n) => {
      const locale = random() < 0.6 ? ("da" as const) : ("sv" as const);
      const type = pick(types);
      const fresh = n < NEW_ITEMS;
      const publishedAt = fresh
        ? new Date(yesterday.getTime() + Math.floor(random() * 86_000_000))
        : new Date(yesterday.getTime() - Math.floor(random() * 1000) * 86_400_000 - 1000);
      const title = `${pick(words[locale])} ${pick(words[locale])} ${n}`;
      return {
        id: crypto.randomUUID(),
        contentKey: `${locale}/${type}/bench-${n}`,
        type,
        locale,
        slug: `bench-${n}`,
        status: "published" as const,
        publishedAt,
        title,
        summary: `${pick(words[locale])} og ${pick(words[locale])} i praksis`,
        country: random() < 0.5 ? ("DK" as const) : ("SE" as const),
        year: 2015 + Math.floor(random() * 11),
        // A few old items were changed substantially yesterday.
        substantialChangeAt: !fresh && random() < 0.01 ? new Date(yesterday.getTime() + 3_600_000) : null,
      };
    });
    for (let i = 0; i < items.length; i += 1000) await client.item.createMany({ data: items.slice(i, i + 1000) });
    const links = items.flatMap((item) =>
      [pick(topics), pick(topics)].map((t) => ({ itemId: item.id, topicId: t.id })),
    );
    await client.itemTopic.createMany({ data: links, skipDuplicates: true });
    const alerts = Array.from({ length: SUBSCRIBERS }, (_, n) => {
      const locale = random() < 0.6 ? ("da" as const) : ("sv" as const);
      const kind = random();
      const query =
        kind < 0.6
          ? `topic=${pick(topics).slug}`
          : kind < 0.85
            ? `country=${random() < 0.5 ? "DK" : "SE"}&type=${pick(types)}`
            : `q=${encodeURIComponent(pick(words[locale]))}`;
      return {
        email: `subscriber-${n}@example.org`,
        locale,
        query,
        frequency: "daily" as const,
        confirmedAt: new Date(yesterday.getTime() - 86_400_000),
        sentUpTo: yesterday,
      };
    });
    for (let i = 0; i < alerts.length; i += 2000) await client.alert.createMany({ data: alerts.slice(i, i + 2000) });
    await client.$executeRawUnsafe(`ANALYZE`);

    if (global.gc) global.gc();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    const started = performance.now();
    const report = await queueAlertDigests(client, { now });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    const size = await client.$queryRaw<{ avg: number; total: number }[]>`
      SELECT avg(length("textBody"))::float AS avg, count(*)::int AS total FROM "MailOutbox"`;
    console.log(
      `Daily digest for ${SUBSCRIBERS.toLocaleString("en")} subscribers (${ITEMS.toLocaleString("en")} items, ${NEW_ITEMS} new yesterday, ${TOPICS} topics; 60% topic, 25% type+country, 15% search alerts):`,
    );
    console.log(
      `  ${seconds.toFixed(1)} s, ${(report.due / seconds).toFixed(0)} alerts/s; queued ${report.queued} mails (average ${Math.round(size[0]?.avg ?? 0)} characters), ${report.empty} with nothing new, ${report.skipped} skipped`,
    );
    console.log(
      `  memory: RSS ${mb(before.rss)} → peak ${mb(peakRss)} MB, JS heap ${mb(before.heapUsed)} → peak ${mb(peakHeap)} MB`,
    );
    console.log(
      `  machine: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}; PostgreSQL at ${new URL(url).host}`,
    );
  } finally {
    await client.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
