// Relevance scoring: runs each judged query (tests/fixtures/relevance.ts) through searchCatalogue() and scores the
// first ten results against the items that must appear. Shared by `npm run bench:relevance` and its test.
import type { Db } from "@/lib/database/client";
import { searchCatalogue, type SearchHit, type SearchOptions } from "@/lib/search/search";
import { parseSearchParams } from "@/lib/search/params";
import type { Judged } from "../../tests/fixtures/relevance";

export type Scores = { queries: number; hitsAt5: number; mrr: number; ndcgAt10: number };
export type QueryScore = { judged: Judged; hitsAt5: number; reciprocalRank: number; ndcgAt10: number; top: string[] };
export type Report = { da: Scores; sv: Scores; natural: Scores; all: Scores; perQuery: QueryScore[] };

const key = (h: { locale: string; type: string; slug: string }) => `${h.locale}/${h.type}/${h.slug}`;

// Which expected item a hit stands for (itself, or the translation it is listed for), if any
function judgedAs(hit: SearchHit, expect: Set<string>): string | null {
  if (expect.has(key(hit))) return key(hit);
  if (hit.alsoIn && expect.has(key(hit.alsoIn))) return key(hit.alsoIn);
  return null;
}

/**
 * Per query: hits@5 is the share of the required items found among the first five, the reciprocal rank is
 * 1/rank of the first required item within the first ten (0 when none), nDCG@10 uses binary gains.
 */
export function scoreQuery(judged: Judged, hits: SearchHit[]): QueryScore {
  const expect = new Set(judged.expect);
  const found = hits.slice(0, 10).map((h) => judgedAs(h, expect));
  const seen = new Set<string>();
  const gains = found.map((k) => (k && !seen.has(k) ? (seen.add(k), 1) : 0));
  const inTop5 = new Set(found.slice(0, 5).filter((k): k is string => k !== null));
  const first = gains.indexOf(1);
  const dcg = gains.reduce<number>((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  const ideal = judged.expect.slice(0, 10).reduce<number>((sum, _, i) => sum + 1 / Math.log2(i + 2), 0);
  return {
    judged,
    hitsAt5: inTop5.size / expect.size,
    reciprocalRank: first < 0 ? 0 : 1 / (first + 1),
    ndcgAt10: ideal ? dcg / ideal : 0,
    top: hits.slice(0, 5).map(key),
  };
}

function mean(list: QueryScore[]): Scores {
  const avg = (f: (s: QueryScore) => number) => (list.length ? list.reduce((s, x) => s + f(x), 0) / list.length : 0);
  return {
    queries: list.length,
    hitsAt5: avg((s) => s.hitsAt5),
    mrr: avg((s) => s.reciprocalRank),
    ndcgAt10: avg((s) => s.ndcgAt10),
  };
}

// Search each judged query from its own language's site and score the first page
export async function scoreRelevance(client: Db, set: Judged[], options: SearchOptions = {}): Promise<Report> {
  const perQuery: QueryScore[] = [];
  for (const judged of set) {
    const outcome = await searchCatalogue(parseSearchParams({ q: judged.q }), judged.lang, client, options);
    perQuery.push(scoreQuery(judged, outcome.results));
  }
  return {
    da: mean(perQuery.filter((s) => s.judged.lang === "da")),
    sv: mean(perQuery.filter((s) => s.judged.lang === "sv")),
    natural: mean(perQuery.filter((s) => s.judged.natural)),
    all: mean(perQuery),
    perQuery,
  };
}

// The report as a table
export function formatReport(report: Report): string {
  const f = (n: number) => n.toFixed(3);
  const row = (name: string, s: Scores) =>
    `| ${name.padEnd(9)} | ${String(s.queries).padStart(7)} | ${f(s.hitsAt5)} | ${f(s.mrr)} | ${f(s.ndcgAt10)} |`;
  return [
    "| set       | queries | hits@5 |   MRR | nDCG@10 |",
    "| --------- | ------: | -----: | ----: | ------: |",
    row("Danish", report.da),
    row("Swedish", report.sv),
    row("natural", report.natural),
    row("all", report.all),
  ].join("\n");
}
