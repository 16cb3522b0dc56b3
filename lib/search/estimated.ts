// The estimated path: the page's rows when too many items match to rank them all, and counts scaled from a sample.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/generated/prisma/enums";
import { visibleSql } from "@/lib/catalogue/visibility";
import { PAGE_SIZE, type SearchParams } from "./params";
import { filtersExcept, pageRows, type Parts, type Sql } from "./query";
import type { HitRow } from "./types";

/** Items ranked by relevance when there are too many matches to rank them all. */
export const CANDIDATES = 200;

// The page's rows when there are too many matches to rank them all. By relevance: the first CANDIDATES
// items (in table order) whose title or summary match, ranked on those two fields, then the other
// matches in table order (unranked: ranking them would mean reading all of them). Neither depends on
// the page, so paging is consistent. Newest first: straight from the date index.
export async function boundedPage(client: Sql, params: SearchParams, uiLocale: Locale, p: Parts): Promise<HitRow[]> {
  // Of a translated pair that both match, only the reader's version is listed (unless a language is chosen).
  // Checked row by row through the id indexes (OFFSET 0 keeps PostgreSQL from turning the check into a
  // hash of every match, which costs more than the whole page when only a few rows are read).
  const other = (join: string) => Prisma.sql`EXISTS (SELECT 1 FROM "Item" t WHERE ${Prisma.raw(join)}
    AND t.locale = ${uiLocale}::"Locale" AND ${visibleSql("t")}
    AND t."searchVector" @@ ${uiLocale === "da" ? p.q.da : p.q.sv} OFFSET 0)`;
  const dedupe = (a: string) =>
    params.lang
      ? Prisma.sql`TRUE`
      : Prisma.sql`(${Prisma.raw(a)}.locale = ${uiLocale}::"Locale" OR ((${Prisma.raw(a)}."translationOfId" IS NULL
          OR NOT ${other(`t.id = ${a}."translationOfId"`)}) AND NOT ${other(`t."translationOfId" = ${a}.id`)}))`;
  const headWhere = Prisma.sql`${visibleSql("i")} AND ${filtersExcept(params, undefined, "i")}`;
  const where = Prisma.sql`${p.textMatch} AND ${headWhere} AND ${dedupe("i")}`;
  const want = p.offset + PAGE_SIZE;
  const newest = Prisma.sql`"publishedAt" DESC NULLS LAST, year DESC NULLS LAST, id`;
  const chosen =
    p.sort === "relevance" && p.hasText
      ? Prisma.sql`
        WITH candidates AS MATERIALIZED (
          SELECT i.id, i.locale, i."translationOfId", i."publishedAt", i.year,
            ${p.rank("searchHead", "i")} AS rank
          FROM "Item" i WHERE ${p.headMatch} AND ${headWhere} ${p.monotone ? Prisma.empty : Prisma.sql`AND ${p.textMatch}`}
          LIMIT ${CANDIDATES}
        ), head AS MATERIALIZED (
          SELECT c.id, c."publishedAt", c.year, c.rank FROM candidates c WHERE ${dedupe("c")}
        ), tail AS MATERIALIZED (
          SELECT t.*, row_number() OVER () AS k FROM (
            SELECT i.id, i."publishedAt", i.year, (-1)::real AS rank FROM "Item" i
            WHERE (SELECT count(*) FROM head) < ${want} AND ${where}
              AND NOT EXISTS (SELECT 1 FROM head h WHERE h.id = i.id)
            LIMIT ${want}
          ) t
        )
        SELECT s.id, row_number() OVER (ORDER BY s.rank DESC, s.k, ${newest}) AS n FROM (
          SELECT *, NULL::bigint AS k FROM head UNION ALL SELECT * FROM tail
          ORDER BY rank DESC, k, ${newest} LIMIT ${PAGE_SIZE} OFFSET ${p.offset}
        ) s`
      : // Dated items straight from the date index, then undated ones
        Prisma.sql`
        SELECT s.id, row_number() OVER (ORDER BY ${newest}) AS n FROM (
          SELECT * FROM (
            (SELECT i.id, i."publishedAt", i.year FROM "Item" i WHERE ${where} AND i."publishedAt" IS NOT NULL
              ORDER BY i."publishedAt" DESC, i.year DESC NULLS LAST, i.id LIMIT ${want})
            UNION ALL
            (SELECT i.id, i."publishedAt", i.year FROM "Item" i WHERE ${where} AND i."publishedAt" IS NULL
              ORDER BY i.year DESC NULLS LAST, i.id LIMIT ${want})
          ) u ORDER BY ${newest} LIMIT ${PAGE_SIZE} OFFSET ${p.offset}
        ) s`;
  const [row] = await client.$queryRaw<{ results: HitRow[] }[]>`
    SELECT ${pageRows(p, chosen)} AS results
  `;
  return row?.results ?? [];
}

/** An estimated count, rounded to two significant digits (and never 0 for something seen). */
export function estimate(n: number): number {
  if (n < 1) return n > 0 ? 1 : 0;
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}
