import "server-only";
import type { Db } from "@/lib/database/client";
import type { Locale } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";
import { MAX_PAGE, PAGE_SIZE, type SearchParams } from "./params";
import { toSegments } from "./highlight";
import { boundedPage, estimate } from "./estimated";
import { countAndRank, EXACT_LIMIT } from "./exact";
import { parts, type Sql } from "./query";
import { similarTitles, suggestQuery } from "./suggestions";
import { describeWidening, findGlossaryTerms, parseInput, resolveQueries } from "./widening";
import type { MainRow, SearchFacetValue, SearchOutcome } from "./types";

// PostgreSQL full-text search over the published catalogue. Each item's stored vector is built with
// its own language's configuration (see the search migration), so a query is parsed twice, once per
// language, and each item is matched with the parse of its own language. Terms found in the glossary
// are widened with their counterparts in both languages by rewriting those parses (ts_rewrite).
// The parts live beside this file: query.ts (query building), widening.ts (glossary widening), exact.ts and
// estimated.ts (the two ways to count and rank), suggestions.ts (typo help); this file runs them in one transaction.

export type { SearchFacetCounts, SearchFacetValue, SearchHit, SearchOutcome, Widening } from "./types";
export { EXACT_LIMIT };

/** With fewer hits than this, a 'did you mean' is looked for. */
const FEW_HITS = 3;

// Count and rank exactly; when more matched than could be counted, take the page by the estimated path
async function runSearch(...args: Parameters<typeof countAndRank>): Promise<MainRow> {
  const [client, params, uiLocale, p] = args;
  const row = await countAndRank(...args);
  if (!row.sampled) return row;
  const results = await boundedPage(client, params, uiLocale, p);
  const scaled = <F extends SearchFacetValue>(f: F): F => ({ ...f, count: estimate(f.count * row.scale) });
  // A first page that is not full lists every hit: then the total is known exactly. Otherwise the
  // estimate is at least what has been listed, and one more when the page is full.
  const exactTotal = params.page === 1 && results.length < PAGE_SIZE ? results.length : null;
  const listed = p.offset + results.length + (results.length === PAGE_SIZE ? 1 : 0);
  return {
    ...row,
    results,
    sampled: exactTotal === null,
    total: exactTotal ?? Math.max(estimate(row.total * row.scale), listed),
    type: row.type.map(scaled),
    topic: row.topic.map(scaled),
    country: row.country.map(scaled),
    lang: row.lang.map(scaled),
    year: row.year.map(scaled),
  };
}

// Search the published catalogue: ranked, highlighted hits of one page, facet counts, glossary widening, typo help
export async function searchCatalogue(
  params: SearchParams,
  uiLocale: Locale,
  client: Db = db(),
  { exactLimit = EXACT_LIMIT }: { exactLimit?: number } = {},
): Promise<SearchOutcome> {
  return client.$transaction((tx) => search(tx, params, uiLocale, exactLimit));
}

// The query without repeated words: "a a" asks for nothing more than "a" but costs once per copy in
// every match and rank. Left as typed when it holds OR (where a repeat can matter); quoted phrases and
// negated words are always kept.
export function withoutRepeats(q: string): string {
  const tokens = q.match(/"[^"]*"?|\S+/g) ?? [];
  if (tokens.some((t) => t.toLowerCase() === "or")) return q;
  const seen = new Set<string>();
  return tokens
    .filter((t) => {
      if (t.startsWith('"') || t.startsWith("-")) return true;
      const key = t.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .join(" ");
}

async function search(client: Sql, raw: SearchParams, uiLocale: Locale, exactLimit: number): Promise<SearchOutcome> {
  const params = { ...raw, q: withoutRepeats(raw.q) };
  // For this search's transaction only: no JIT compilation (compiling costs far more than these
  // statements take), table scans from the first block and without parallel workers (the estimate of
  // a large match set reads the order in which the sample was found).
  await client.$queryRaw`SELECT set_config('jit', 'off', true), set_config('synchronize_seqscans', 'off', true),
    set_config('max_parallel_workers_per_gather', '0', true), set_config('random_page_cost', '1.1', true)`;
  const hasText = params.q.length > 0;
  const widen = hasText && !params.narrow;
  const input = hasText ? await parseInput(client, params.q, widen) : { da: "", sv: "", glossary: [] };
  const matches = widen ? await findGlossaryTerms(client, input) : [];
  const text = hasText ? await resolveQueries(client, params.q, input, matches) : input;
  const row = await runSearch(client, params, uiLocale, parts(params, text), exactLimit);
  const noSearchableWords = hasText && row.nodes === 0;
  const suggestion = hasText && !noSearchableWords && row.total < FEW_HITS ? await suggestQuery(client, raw.q) : null;
  const similar = suggestion && row.total === 0 ? await similarTitles(client, raw.q, suggestion) : [];
  const topicName = (t: { nameDa: string; nameSv: string }) => (uiLocale === "da" ? t.nameDa : t.nameSv);
  return {
    query: raw.q,
    capped: params.capped,
    narrow: params.narrow,
    noSearchableWords,
    approximate: row.sampled,
    total: row.total,
    page: params.page,
    pageCount: Math.min(MAX_PAGE, Math.max(1, Math.ceil(row.total / PAGE_SIZE))),
    results: row.results.map(({ titleHeadline, snippetHeadline, ...hit }) => ({
      ...hit,
      title: toSegments(titleHeadline),
      snippet: toSegments(snippetHeadline),
    })),
    facets: {
      type: row.type,
      topic: row.topic.map(({ nameDa, nameSv, ...f }) => ({ ...f, label: topicName({ nameDa, nameSv }) })),
      country: row.country,
      lang: row.lang,
      year: row.year.sort((a, b) => Number(b.value) - Number(a.value)),
    },
    widened: matches.map(describeWidening),
    suggestion,
    similar,
  };
}
