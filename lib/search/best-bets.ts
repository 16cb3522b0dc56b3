// Best bets: items editors pinned for a query term (at most three per term and language), listed first on the
// search page and labelled. A query matches a term when its stemmed words are the term's, in any order
// (search_term_key in the best_bets migration: the term's words as the item vectors stem them).
import "server-only";
import type { Locale } from "@/lib/generated/prisma/enums";
import type { Db } from "@/lib/database/client";
import { visibleSql } from "@/lib/catalogue/visibility";
import type { SearchParams } from "./params";
import { filtersExcept } from "./query";
import type { SearchHit, SearchOutcome } from "./types";

/** Items an editor may pin for one term in one language. */
export const MAX_PINNED = 3;

type Row = Omit<SearchHit, "title" | "snippet"> & { title: string; summary: string };

// A query that excludes words (-word) asks for something narrower than any term: no best bets for it.
const excludes = (q: string) => /(^|\s)-[\p{L}\p{N}]/u.test(q);

// The published items pinned for the query (in either language's term), those of a term in the reader's language
// first, each once; held to the search's filters, so that a filtered search lists only what it asked for
export async function findBestBets(client: Db, params: SearchParams, uiLocale: Locale): Promise<SearchHit[]> {
  if (!params.q || excludes(params.q)) return [];
  const rows = await client.$queryRaw<Row[]>`
    WITH keys AS (
      SELECT search_term_key('pg_catalog.danish'::regconfig, ${params.q}) AS da,
        search_term_key('pg_catalog.swedish'::regconfig, ${params.q}) AS sv
    )
    SELECT x.id, x.type, x.locale, x.slug, x.title, x.summary, x.year, x.country, x."publishedAt", x."alsoIn"
    FROM (
      SELECT i.id, i.type, i.locale, i.slug, i.title, i.summary, i.year, i.country,
        to_char(i."publishedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "publishedAt",
        (SELECT json_build_object('locale', t.locale, 'type', t.type, 'slug', t.slug, 'title', t.title)
          FROM "Item" t WHERE (t.id = i."translationOfId" OR t."translationOfId" = i.id) AND ${visibleSql("t")}
          LIMIT 1) AS "alsoIn",
        row_number() OVER (ORDER BY (b.locale = ${uiLocale}::"Locale") DESC, b.locale, bi.position) AS rank
      FROM keys k
      JOIN "BestBet" b ON (b.locale = 'da' AND b."termKey" = k.da AND k.da <> '')
        OR (b.locale = 'sv' AND b."termKey" = k.sv AND k.sv <> '')
      JOIN "BestBetItem" bi ON bi."bestBetId" = b.id
      JOIN "Item" i ON i.id = bi."itemId"
      WHERE ${visibleSql("i")} AND ${filtersExcept(params, undefined, "i")}
    ) x
    ORDER BY x.rank`;
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .slice(0, MAX_PINNED)
    .map(({ title, summary, ...hit }) => ({
      ...hit,
      title: [{ text: title, hit: false }],
      snippet: [{ text: summary, hit: false }],
    }));
}

// The search's results without the pinned items, which are listed above them (never twice on a page)
export function withoutPinned(outcome: SearchOutcome, pinned: SearchHit[]): SearchOutcome {
  if (!pinned.length) return outcome;
  const ids = new Set(pinned.map((p) => p.id));
  return { ...outcome, results: outcome.results.filter((hit) => !ids.has(hit.id)) };
}
