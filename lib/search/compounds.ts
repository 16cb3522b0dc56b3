// Compound words. Danish and Swedish write compounds as one word, which the stemmers do not split: a query word is
// widened with the catalogue's compounds that hold it (marked: arbejdsmarkedsintegrerende), and a compound typed
// with its two parts when both are words of the catalogue (samordningsförbund: samordning & förbund). The parts come
// from the catalogue's own vocabulary and the glossary (the materialized view "SearchLexeme"), compared as the
// search's lexemes (stemmed, letters never folded: å, ä, æ, ø, ö are letters of their own). The alternatives rank
// below the words as typed (see rankOn in query.ts).
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Lang, QueryTexts, Sql } from "./query";

/** Shortest word or part considered: shorter pieces are too often endings or ordinary short words. */
export const MIN_PART = 4;
/** Most compounds added for one query word (the ones in most items). */
export const MAX_COMPOUNDS = 4;
/**
 * Only words in at most this share of the items (or RARE_MIN of them) are widened: a common word finds plenty by
 * itself, and its compounds would only make a large match set larger and slower.
 */
export const RARE_SHARE = 0.01;
export const RARE_MIN = 20;
/** Most query words looked up, per language. */
const MAX_WORDS = 8;
/** Letters the stemmer may have cut from a first part, plus a linking s or e (beskæftigelse|s|indsats). */
const SLACK = 5;

/** The highest code point: a string beginning with w sorts below w + TOP in byte order. */
const TOP = "\u{10FFFF}";
const MIN = Prisma.raw(String(MIN_PART));
const MAX = Prisma.raw(String(MAX_COMPOUNDS));
const SLACK_SQL = Prisma.raw(String(SLACK));

const lexemePattern = /(!?)'((?:[^']|'')*)'(:\*?[A-D]*)?/g;

// A lexeme next to a phrase operator (<-> or <N>): a phrase asks for its words as typed, and alternatives inside a
// phrase make every match a costly recheck of positions
const inPhrase = (tsq: string, at: number, length: number) =>
  tsq.slice(0, at).trimEnd().endsWith(">") ||
  tsq
    .slice(at + length)
    .trimStart()
    .startsWith("<");

// The plain lexemes of a parse: not negated, not prefix, not in a phrase
export function plainLexemes(tsq: string): string[] {
  const out = new Set<string>();
  for (const m of tsq.matchAll(lexemePattern)) {
    const lexeme = (m[2] ?? "").replace(/''/g, "'");
    if (m[1] || m[3] || inPhrase(tsq, m.index, m[0].length)) continue;
    if (Array.from(lexeme).length >= MIN_PART && !lexeme.includes("\\")) out.add(lexeme);
  }
  return [...out].slice(0, MAX_WORDS);
}

type Row = { lang: Lang; word: string; alternatives: string[] };
export type CompoundMatches = Map<string, string[]>;
const key = (lang: Lang, word: string) => `${lang}\u0000${word}`;

// Look up, for each query word, the compounds that hold it and a split of it into two known parts
export async function findCompounds(client: Sql, typed: QueryTexts): Promise<CompoundMatches> {
  const words = (["da", "sv"] as const).flatMap((lang) => plainLexemes(typed[lang]).map((word) => ({ lang, word })));
  const found: CompoundMatches = new Map();
  if (!words.length) return found;
  const reversed = (s: string) => Array.from(s).reverse().join("");
  // Compounds beginning with the word need a known last part after it (with room for the letters the stemmer
  // cut and a linking letter); compounds ending with it need a known first part before it. A split of the word
  // itself takes the most even cut whose last part is a known word and whose first part begins with one.
  const rows = await client.$queryRaw<Row[]>`
    WITH w AS (
      SELECT * FROM unnest(${words.map((w) => w.lang)}::text[], ${words.map((w) => w.word)}::text[],
        ${words.map((w) => reversed(w.word))}::text[]) AS w(lang, word, rev)
    ), cap AS (
      SELECT greatest(${RARE_MIN}::int, ${RARE_SHARE}::float8 * greatest(c.reltuples, 0)) AS n
      FROM pg_class c WHERE c.oid = '"Item"'::regclass
    )
    SELECT w.lang, w.word, array(
      SELECT x.alt FROM (
        (SELECT search_quote_lexeme(c.lexeme) AS alt, c.ndoc FROM "SearchLexeme" c
          WHERE c.lang = w.lang AND c.lexeme ~>=~ w.word AND c.lexeme ~<~ (w.word || ${TOP}::text)
            AND char_length(c.lexeme) >= char_length(w.word) + ${MIN}
            AND EXISTS (SELECT 1 FROM "SearchLexeme" t WHERE t.lang = w.lang AND t.lexeme IN (
              SELECT right(c.lexeme, k) FROM generate_series(${MIN},
                char_length(c.lexeme) - char_length(w.word)) k
              WHERE k >= char_length(c.lexeme) - char_length(w.word) - ${SLACK_SQL}))
          ORDER BY c.ndoc DESC, c.lexeme LIMIT ${MAX})
        UNION ALL
        (SELECT search_quote_lexeme(c.lexeme), c.ndoc FROM "SearchLexeme" c
          WHERE c.lang = w.lang AND reverse(c.lexeme) ~>=~ w.rev AND reverse(c.lexeme) ~<~ (w.rev || ${TOP}::text)
            AND char_length(c.lexeme) >= char_length(w.word) + ${MIN}
            AND EXISTS (SELECT 1 FROM "SearchLexeme" t WHERE t.lang = w.lang AND t.lexeme IN (
              SELECT left(c.lexeme, k) FROM generate_series(${MIN},
                char_length(c.lexeme) - char_length(w.word)) k
              WHERE k >= char_length(c.lexeme) - char_length(w.word) - ${SLACK_SQL}))
          ORDER BY c.ndoc DESC, c.lexeme LIMIT ${MAX})
        UNION ALL
        (SELECT search_quote_lexeme(f.lexeme) || ' & ' || search_quote_lexeme(b.lexeme), 0
          FROM generate_series(${MIN}, char_length(w.word) - ${MIN}) cut
          JOIN "SearchLexeme" b ON b.lang = w.lang AND b.lexeme = substr(w.word, cut + 1)
          CROSS JOIN LATERAL (
            SELECT t.lexeme FROM "SearchLexeme" t WHERE t.lang = w.lang AND t.lexeme IN (
              SELECT left(w.word, k) FROM generate_series(greatest(${MIN}, cut - ${SLACK_SQL}), cut) k)
            ORDER BY char_length(t.lexeme) DESC LIMIT 1
          ) f
          ORDER BY least(char_length(f.lexeme), char_length(b.lexeme)) DESC, cut LIMIT 1)
      ) x ORDER BY x.ndoc DESC
    ) AS alternatives
    FROM w
    WHERE coalesce((SELECT l.ndoc FROM "SearchLexeme" l WHERE l.lang = w.lang AND l.lexeme = w.word), 0)
      <= (SELECT n FROM cap)
  `;
  for (const row of rows) if (row.alternatives.length) found.set(key(row.lang, row.word), row.alternatives);
  return found;
}

// The parse with each query word found in compounds replaced by "the word OR its compounds OR its parts"
export function withCompounds(lang: Lang, tsq: string, found: CompoundMatches): string {
  if (!found.size) return tsq;
  return tsq.replace(lexemePattern, (whole, neg: string, raw: string, suffix: string | undefined, at: number) => {
    if (neg || suffix || inPhrase(tsq, at, whole.length)) return whole;
    const alternatives = found.get(key(lang, raw.replace(/''/g, "'")));
    return alternatives ? `( ${[whole, ...alternatives].join(" | ")} )` : whole;
  });
}
