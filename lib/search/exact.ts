// The exact path: every match counted and ranked, up to a limit; beyond it the counts come from a sample.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/generated/prisma/enums";
import { visibleSql } from "@/lib/catalogue/visibility";
import { PAGE_SIZE, type FilterKey, type SearchParams } from "./params";
import { filtersExcept, order, pageRows, type Parts, type Sql } from "./query";
import type { MainRow } from "./types";

/**
 * Up to this many matches, everything is exact: all matches are ranked and counted. Beyond it, counts
 * are estimated from the first matches (in the table's own order) and only a bounded set is ranked.
 */
export const EXACT_LIMIT = 300;

// Counts and facets from the matches (all of them, or the first ones when there are more than limit),
// and, when all were seen, the page's rows ranked among all of them
export async function countAndRank(
  client: Sql,
  params: SearchParams,
  uiLocale: Locale,
  p: Parts,
  limit: number,
): Promise<MainRow> {
  // Of a translated pair that both match, only the reader's version is listed (unless a language is chosen).
  const dedupe = params.lang
    ? Prisma.sql`TRUE`
    : Prisma.sql`(m.locale = ${uiLocale}::"Locale"
        OR (NOT EXISTS (SELECT 1 FROM matched_all t WHERE t.locale = ${uiLocale}::"Locale" AND t.id = m."translationOfId")
        AND NOT EXISTS (SELECT 1 FROM matched_all t WHERE t.locale = ${uiLocale}::"Locale" AND t."translationOfId" = m.id)))`;
  const facet = (column: string, key: FilterKey, from = "matched") =>
    Prisma.sql`(SELECT coalesce(json_agg(json_build_object('value', f.value, 'count', f.count) ORDER BY f.count DESC, f.value), '[]'::json)
      FROM (SELECT ${Prisma.raw(`m.${column}`)}::text AS value, count(*)::int AS count FROM ${Prisma.raw(from)} m
            WHERE ${Prisma.raw(`m.${column}`)} IS NOT NULL AND ${filtersExcept(params, key)} GROUP BY 1) f)`;
  const rank = p.rank("searchVector", "i");
  // The page's rows are chosen first, so that text is read for those rows only. Ranking reads every
  // match's vector, so it runs only when all matches were seen (a one-time filter skips it otherwise).
  const ranked = p.hasText
    ? Prisma.sql`SELECT h.*, ${rank} AS rank FROM hits h JOIN "Item" i ON i.id = h.id`
    : Prisma.sql`SELECT h.*, 0::real AS rank FROM hits h`;
  const chosen = Prisma.sql`
    SELECT s.id, row_number() OVER (ORDER BY ${order(p.sort, "s")}) AS n FROM (
      SELECT x.* FROM (${ranked}) x WHERE (SELECT n FROM seen) <= ${limit}
      ORDER BY ${order(p.sort, "x")} LIMIT ${PAGE_SIZE} OFFSET ${p.offset}
    ) s`;
  const [row] = await client.$queryRaw<MainRow[]>`
    WITH matched_all AS MATERIALIZED (
      SELECT i.id, i.type, i.locale, i.country, i.year, i."publishedAt", i."translationOfId",
        (i.ctid::text::point)[0]::int AS block
      FROM "Item" i
      WHERE ${visibleSql("i")} AND ${p.textMatch}
      LIMIT ${limit + 1}
    ),
    seen AS MATERIALIZED (SELECT count(*)::int AS n, max(block) AS last FROM matched_all),
    matched AS MATERIALIZED (SELECT m.* FROM matched_all m WHERE ${dedupe}),
    hits AS MATERIALIZED (SELECT m.* FROM matched m WHERE ${filtersExcept(params)})
    SELECT
      ${p.nodes}::int AS nodes,
      (SELECT n > ${limit} FROM seen) AS sampled,
      (SELECT CASE WHEN n > ${limit}
        THEN greatest(1.0, (pg_relation_size('"Item"') / current_setting('block_size')::int)::float8 / (last + 1))
        ELSE 1.0 END FROM seen)::float8 AS scale,
      (SELECT count(*)::int FROM hits) AS total,
      ${facet("type", "type")} AS type,
      ${facet("country", "country")} AS country,
      ${facet("locale", "lang", "matched_all")} AS lang,
      ${facet("year", "year")} AS year,
      (SELECT coalesce(json_agg(json_build_object('value', f.slug, 'count', f.count, 'nameDa', f."nameDa", 'nameSv', f."nameSv")
              ORDER BY f.count DESC, f.slug), '[]'::json)
        FROM (SELECT tp.slug, tp."nameDa", tp."nameSv", count(*)::int AS count
              FROM matched m JOIN "ItemTopic" it ON it."itemId" = m.id JOIN "Topic" tp ON tp.id = it."topicId"
              WHERE ${filtersExcept(params, "topic")} GROUP BY tp.id) f) AS topic,
      ${pageRows(p, chosen)} AS results
  `;
  if (!row) throw new Error("The search query returned no row.");
  return row;
}
