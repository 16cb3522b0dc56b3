// Relevance benchmark (not a test): imports content/ into a fresh embedded database (or the database named by
// RELEVANCE_DATABASE_URL, whose catalogue it replaces), runs the judged queries of tests/fixtures/relevance.ts and
// prints hits@5, MRR and nDCG@10 per language, for the natural phrasings and overall.
//
//   npm run bench:relevance              the table
//   npm run bench:relevance -- --misses  also every query whose required items are not all in the top 5
//   npm run bench:relevance -- --parts   also the figures without compound words, without relaxed matching and
//                                        without either (what each brings)
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { applyMigrations } from "@/lib/database/migrations";
import { createPrismaClient } from "@/lib/database/client";
import { startEmbeddedDatabase } from "@/lib/database/embedded";
import { refreshSearchWords } from "@/lib/search/words";
import { relevanceSet } from "../tests/fixtures/relevance";
import { formatReport, scoreRelevance } from "./bench/relevance";

const external = process.env.RELEVANCE_DATABASE_URL;
const embedded = external ? null : await startEmbeddedDatabase();
const url = external ?? embedded!.url;
const client = createPrismaClient(url, 2);
try {
  await applyMigrations(url);
  await importCatalogue(client, await loadCatalogue());
  await refreshSearchWords(client);
  const report = await scoreRelevance(client, relevanceSet);
  console.log(
    `Relevance on ${external ? "RELEVANCE_DATABASE_URL" : "the embedded database"}, ${relevanceSet.length} judged queries:\n`,
  );
  console.log(formatReport(report));
  if (process.argv.includes("--parts")) {
    const variants = [
      { name: "without compound words", options: { compounds: false } },
      { name: "without relaxed matching", options: { relax: false } },
      { name: "without either", options: { compounds: false, relax: false } },
    ];
    for (const v of variants) {
      console.log(`\n${v.name}:\n`);
      console.log(formatReport(await scoreRelevance(client, relevanceSet, v.options)));
    }
  }
  if (process.argv.includes("--misses")) {
    console.log("\nQueries with required items missing from the top 5:");
    for (const s of report.perQuery.filter((x) => x.hitsAt5 < 1))
      console.log(
        `- [${s.judged.lang}] ${s.judged.q}: want ${s.judged.expect.join(", ")}; got ${s.top.join(", ") || "nothing"}`,
      );
  }
} finally {
  await client.$disconnect();
  await embedded?.stop();
}
