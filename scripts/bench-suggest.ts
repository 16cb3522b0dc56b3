// Suggestions benchmark (not a test): times what the search field asks while a visitor types, on the 100,000-item
// catalogue that `npm run bench:search` builds (run that first; the same BENCH_DATABASE_URL). Each text is asked
// once to warm up and then timed RUNS times through the same function as GET /api/suggest (glossary and topics
// read once, as the route's data cache keeps them); prints p50 and p95 and the slowest texts.
import pg from "pg";
import { applyMigrations } from "@/lib/database/migrations";
import { createPrismaClient } from "@/lib/database/client";
import { loadVocabulary, suggest } from "@/lib/search/typeahead";

const RUNS = 7;
const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/kb_bench_search";

// What visitors type on the way to a query, two characters on: common beginnings, whole words, two words,
// the other language, capitals and letters of their own
const texts: { q: string; locale: "da" | "sv" }[] = [
  ...["ko", "kom", "kommu", "kommune", "kommunen sam"].map((q) => ({ q, locale: "da" as const })),
  ...["so", "soc", "socialø", "socialøkonomisk", "socialøkonomiske virk"].map((q) => ({ q, locale: "da" as const })),
  ...["sa", "samord", "samordningsför", "samordningsförbund öst"].map((q) => ({ q, locale: "sv" as const })),
  ...["up", "upphandl", "sociala för", "arbetsintegrerande soc"].map((q) => ({ q, locale: "sv" as const })),
  ...["Öst", "ÖSTRA", "Jammerbugt", "jammerbugt part", "clean car", "IOP"].map((q) => ({ q, locale: "da" as const })),
  ...["zz", "xqzv", "2015", "a b c d e f"].map((q) => ({ q, locale: "sv" as const })),
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  await applyMigrations(url);
  const check = new pg.Client(url);
  await check.connect();
  const { rows } = await check.query(`SELECT count(*)::int AS n FROM "Item"`);
  const version = (await check.query(`SHOW server_version`)).rows[0].server_version;
  await check.query(`ANALYZE "Item"`);
  await check.end();
  const client = createPrismaClient(url, 2);
  const times: number[] = [];
  const perText: { text: string; median: number; found: number }[] = [];
  try {
    const vocabulary = await loadVocabulary(client);
    for (const { q, locale } of texts) {
      const found = await suggest(client, { q, locale }, vocabulary);
      const own: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now();
        await suggest(client, { q, locale }, vocabulary);
        own.push(performance.now() - started);
      }
      times.push(...own);
      own.sort((a, b) => a - b);
      perText.push({ text: `${locale} "${q}"`, median: percentile(own, 50), found: found.items.length });
    }
  } finally {
    await client.$disconnect();
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`\nPostgreSQL ${version}, ${rows[0].n.toLocaleString("en")} items, ${texts.length} texts × ${RUNS} runs`);
  console.log(`  p50 ${percentile(sorted, 50).toFixed(1)} ms   p95 ${percentile(sorted, 95).toFixed(1)} ms`);
  console.log("Slowest texts (median ms, titles offered):");
  for (const t of perText.sort((a, b) => b.median - a.median).slice(0, 8))
    console.log(`  ${t.median.toFixed(1).padStart(7)}  ${t.text} (${t.found})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
