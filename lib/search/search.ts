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
import { commonForms, describeWidening, findGlossaryTerms, parseInput, resolveQueries } from "./widening";
import { findCompounds, withCompounds } from "./compounds";
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

/**
 * Longest a statement of one search may run on PostgreSQL before it is cancelled and the page offers a narrower
 * search. (The embedded database runs one statement at a time and has no timer: there it never fires.)
 */
export const STATEMENT_TIMEOUT_MS = 2_000;

const TIMEOUT_CODE = "57014";
// Whether an error is PostgreSQL cancelling a statement at its statement_timeout (query_canceled)
export function isStatementTimeout(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): boolean => {
    if (value === null || typeof value !== "object" || seen.has(value) || depth > 6) return false;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (record.code === TIMEOUT_CODE || record.originalCode === TIMEOUT_CODE) return true;
    if (typeof record.message === "string" && /canceling statement due to statement timeout/.test(record.message))
      return true;
    return ["meta", "cause", "driverAdapterError"].some((k) => visit(record[k], depth + 1));
  };
  return visit(error, 0);
}

export type SearchOptions = {
  /** How many matches are counted and ranked exactly (fewer forces the estimated path). */
  exactLimit?: number;
  statementTimeoutMs?: number;
  /** Relaxed matching and compound words can be turned off, to measure what each brings (bench:relevance). */
  relax?: boolean;
  compounds?: boolean;
};

// Search the published catalogue: ranked, highlighted hits of one page, facet counts, glossary widening, typo help.
// A search cancelled at the statement timeout comes back empty and marked timedOut.
export async function searchCatalogue(
  params: SearchParams,
  uiLocale: Locale,
  client: Db = db(),
  options: SearchOptions = {},
): Promise<SearchOutcome> {
  const settings = {
    exactLimit: options.exactLimit ?? EXACT_LIMIT,
    statementTimeoutMs: options.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS,
    relax: options.relax ?? true,
    compounds: options.compounds ?? true,
  };
  try {
    return await client.$transaction((tx) => search(tx, params, uiLocale, settings));
  } catch (error) {
    if (!isStatementTimeout(error)) throw error;
    return timedOut(params);
  }
}

// The outcome of a search cancelled at the statement timeout: nothing found, nothing counted
function timedOut(params: SearchParams): SearchOutcome {
  return {
    query: params.q,
    capped: params.capped,
    narrow: params.narrow,
    all: params.all,
    relaxed: false,
    strictTotal: 0,
    timedOut: true,
    noSearchableWords: false,
    approximate: false,
    total: 0,
    page: params.page,
    pageCount: 1,
    results: [],
    facets: { type: [], topic: [], country: [], lang: [], year: [] },
    widened: [],
    suggestion: null,
    similar: [],
  };
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

async function search(
  client: Sql,
  raw: SearchParams,
  uiLocale: Locale,
  { exactLimit, statementTimeoutMs, relax, compounds: withCompoundWords }: Required<SearchOptions>,
): Promise<SearchOutcome> {
  const params = { ...raw, q: withoutRepeats(raw.q) };
  // For this search's transaction only: no JIT compilation (compiling costs far more than these
  // statements take), table scans from the first block and without parallel workers (the estimate of
  // a large match set reads the order in which the sample was found), and a statement timeout.
  await client.$queryRaw`SELECT set_config('jit', 'off', true), set_config('synchronize_seqscans', 'off', true),
    set_config('max_parallel_workers_per_gather', '0', true), set_config('random_page_cost', '1.1', true),
    set_config('statement_timeout', ${String(Math.max(1, Math.round(statementTimeoutMs)))}, true)`;
  const hasText = params.q.length > 0;
  const widen = hasText && !params.narrow;
  const input = hasText ? await parseInput(client, params.q, widen) : { da: "", sv: "", glossary: [] };
  const matches = widen ? await findGlossaryTerms(client, input) : [];
  const common = matches.length ? await commonForms(client, matches) : new Set<string>();
  const glossed = hasText ? await resolveQueries(client, params.q, input, matches, common) : input;
  const typed = { da: input.da, sv: input.sv };
  // Compound words: the query's words also in the catalogue's compounds, and its compounds also as their parts
  const compounds = widen && withCompoundWords ? await findCompounds(client, typed) : new Map<string, string[]>();
  const text = { da: withCompounds("da", glossed.da, compounds), sv: withCompounds("sv", glossed.sv, compounds) };
  const strict = await runSearch(client, params, uiLocale, parts(params, text, { typed }), exactLimit);
  const noSearchableWords = hasText && strict.nodes === 0;
  const few = hasText && !noSearchableWords && strict.total < FEW_HITS;
  // Too few items hold every word: list those holding most of them (never a blank page when some word occurs)
  const loose = few && relax && !params.all ? parts(params, text, { typed, relaxed: true }) : null;
  const relaxedRow = loose?.relaxed ? await runSearch(client, params, uiLocale, loose, exactLimit) : null;
  const relaxed = relaxedRow !== null && relaxedRow.total > strict.total;
  const row = relaxed ? relaxedRow : strict;
  const suggestion = few ? await suggestQuery(client, raw.q) : null;
  const similar = suggestion && row.total === 0 ? await similarTitles(client, raw.q, suggestion) : [];
  const topicName = (t: { nameDa: string; nameSv: string }) => (uiLocale === "da" ? t.nameDa : t.nameSv);
  return {
    query: raw.q,
    capped: params.capped,
    narrow: params.narrow,
    all: params.all,
    relaxed,
    strictTotal: strict.total,
    timedOut: false,
    noSearchableWords,
    approximate: row.sampled,
    total: row.total,
    page: params.page,
    pageCount: Math.min(MAX_PAGE, Math.max(1, Math.ceil(row.total / PAGE_SIZE))),
    results: row.results.map(({ titleHeadline, snippetHeadline, pdf, ...hit }) => ({
      ...hit,
      title: toSegments(titleHeadline),
      snippet: toSegments(snippetHeadline),
      pdf: pdf ? { title: pdf.title, page: pdf.page, excerpt: toSegments(pdf.excerpt) } : null,
    })),
    facets: {
      type: row.type,
      topic: row.topic.map(({ nameDa, nameSv, ...f }) => ({ ...f, label: topicName({ nameDa, nameSv }) })),
      country: row.country,
      lang: row.lang,
      year: row.year.sort((a, b) => Number(b.value) - Number(a.value)),
    },
    widened: matches.map((m) => describeWidening(m, common)),
    suggestion,
    similar,
  };
}
