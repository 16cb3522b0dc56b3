// Help when little is found: a corrected query, and items whose titles resemble the query.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { visibleSql } from "@/lib/catalogue/visibility";
import { CANDIDATES } from "./estimated";
import { config, tsquery, type Lang, type Sql } from "./query";
import type { SearchHit } from "./types";

const MAX_SUGGESTION_WORDS = 6;
const SIMILAR_TITLES = 8;

type SuggestionRow = { n: number; word: string; known: boolean; candidate: string | null; similarity: number | null };

// A corrected query: each word that finds nothing and resembles a word of a title or glossary term is replaced
export async function suggestQuery(client: Sql, q: string): Promise<string | null> {
  const tokens = [...q.matchAll(/[\p{L}\p{N}]+/gu)].slice(0, MAX_SUGGESTION_WORDS * 3);
  const words = tokens.filter((t) => Array.from(t[0]).length >= 3).slice(0, MAX_SUGGESTION_WORDS);
  if (!words.length) return null;
  const knownIn = (lang: Lang) => Prisma.sql`(
    numnode(plainto_tsquery(${config[lang]}, w.word)) = 0 OR EXISTS (
      SELECT 1 FROM "Item" i WHERE i.locale = ${lang}::"Locale" AND ${visibleSql("i")}
        AND i."searchVector" @@ search_normalize_query(${config[lang]}, plainto_tsquery(${config[lang]}, w.word))))`;
  const rows = await client.$queryRaw<SuggestionRow[]>`
    SELECT w.n::int AS n, w.word, (${knownIn("da")} OR ${knownIn("sv")}) AS known, best.candidate, best.similarity
    FROM unnest(${words.map((w) => w[0])}::text[]) WITH ORDINALITY AS w(word, n)
    LEFT JOIN LATERAL (
      SELECT c.candidate, c.similarity FROM (
        SELECT s.word AS candidate, similarity(lower(w.word), s.word)::float8 AS similarity
        FROM "SearchWord" s ORDER BY lower(w.word) <-> s.word LIMIT 5
      ) c
      ORDER BY 2 DESC, 1 LIMIT 1
    ) best ON true
    ORDER BY w.n
  `;
  let changed = false;
  const replacement = new Map<number, string>();
  for (const row of rows) {
    if (row.known || !row.candidate || (row.similarity ?? 0) < 0.4) continue;
    if (row.candidate === row.word.toLowerCase()) continue;
    const word = row.word;
    const capital = word.charAt(0) !== word.charAt(0).toLowerCase();
    const candidate = capital ? row.candidate.charAt(0).toUpperCase() + row.candidate.slice(1) : row.candidate;
    replacement.set(row.n - 1, candidate);
    changed = true;
  }
  if (!changed) return null;
  let out = "";
  let at = 0;
  words.forEach((token, i) => {
    const index = token.index ?? 0;
    out += q.slice(at, index) + (replacement.get(i) ?? token[0]);
    at = index + token[0].length;
  });
  return out + q.slice(at);
}

type SimilarRow = Omit<SearchHit, "title" | "snippet"> & { title: string; summary: string };

// Items whose titles resemble the query (trigram word similarity), for a search with no hits: looked
// for among the items that the corrected query finds in their titles or summaries
export async function similarTitles(client: Sql, q: string, suggestion: string): Promise<SearchHit[]> {
  const head = (lang: Lang) =>
    Prisma.sql`(i.locale = ${lang}::"Locale" AND i."searchHead" @@ ${tsquery(lang, "plain", suggestion)})`;
  const rows = await client.$queryRaw<SimilarRow[]>`
    SELECT s.id, s.type, s.locale, s.slug, s.title, s.summary, s.year, s.country,
      to_char(s."publishedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "publishedAt", NULL AS "alsoIn"
    FROM (
      SELECT c.*, word_similarity(${q}, c.title) AS similarity FROM (
        SELECT i.* FROM "Item" i WHERE ${visibleSql("i")} AND (${head("da")} OR ${head("sv")}) LIMIT ${CANDIDATES}
      ) c
      ORDER BY similarity DESC, c.id LIMIT ${SIMILAR_TITLES}
    ) s
    WHERE s.similarity >= 0.35
    ORDER BY s.similarity DESC, s.id
  `;
  return rows.map(({ title, summary, ...rest }) => ({
    ...rest,
    title: [{ text: title, hit: false }],
    snippet: [{ text: summary, hit: false }],
  }));
}
