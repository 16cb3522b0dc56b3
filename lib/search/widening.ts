// Glossary widening: the query's words that the glossary knows, searched for with their counterparts in both languages
// (the parses rewritten with ts_rewrite).
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { visibleSql } from "@/lib/catalogue/visibility";
import { parsers, tsquery, type Lang, type Sql } from "./query";
import type { Widening } from "./types";

const MAX_WIDENINGS = 6;
/** Glossary forms shorter than this (e.g. "Af") are too likely to be ordinary words. */
const MIN_FORM_LENGTH = 3;

type Detection = {
  slug: string;
  termDa: string;
  termSv: string;
  synonymsDa: string[];
  synonymsSv: string[];
  form: string;
  lang: Lang;
  target: string;
};

export type GlossaryMatch = { entry: Detection; forms: Detection[]; lexemes: Set<string> };

const sequenceOf = (tsq: string) => [...tsq.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1] ?? "");
const lexemesOf = (tsq: string) => new Set(sequenceOf(tsq));
// The words of part, one after the other, somewhere in whole
const contains = (whole: string[], part: string[]) =>
  part.length > 0 && whole.some((_, i) => part.every((word, j) => whole[i + j] === word));
const isSubset = (a: Set<string>, b: Set<string>) => a.size < b.size && [...a].every((x) => b.has(x));

type GlossaryRow = Pick<Detection, "slug" | "termDa" | "termSv" | "synonymsDa" | "synonymsSv">;
export type Input = { da: string; sv: string; glossary: GlossaryRow[] };

// The query parsed in each language (as tsquery text), and the glossary when it is needed (false friends never widen:
// their two words do not mean the same; nor does a term whose counterpart is not yet known)
export async function parseInput(client: Sql, q: string, withGlossary: boolean): Promise<Input> {
  const glossary = withGlossary
    ? Prisma.sql`(SELECT coalesce(json_agg(json_build_object('slug', g.slug, 'termDa', g."termDa", 'termSv', g."termSv",
        'synonymsDa', g."synonymsDa", 'synonymsSv', g."synonymsSv") ORDER BY g.slug), '[]'::json) FROM "GlossaryTerm" g
        WHERE NOT g."falseFriend" AND g."termDa" <> '' AND g."termSv" <> '')`
    : Prisma.sql`'[]'::json`;
  const [row] = await client.$queryRaw<Input[]>`
    SELECT ${tsquery("da", "websearch", q)}::text AS da, ${tsquery("sv", "websearch", q)}::text AS sv, ${glossary} AS glossary`;
  if (!row) throw new Error("The query could not be parsed.");
  return row;
}

// Each glossary form as the stemmed query it stands for. The stemming is a pure function of the text,
// so it is kept across searches (computed in the database once per form).
const targets = new Map<string, string>();
const MAX_TARGETS = 20_000;
const targetKey = (lang: Lang, form: string) => `${lang}\u0000${form}`;

async function formTargets(client: Sql, forms: { form: string; lang: Lang }[]): Promise<string[]> {
  const missing = forms.filter((f) => !targets.has(targetKey(f.lang, f.form)));
  if (missing.length) {
    const rows = await client.$queryRaw<{ target: string }[]>`
      SELECT search_normalize_query(search_config(x.lang), plainto_tsquery(search_config(x.lang), x.form))::text AS target
      FROM unnest(${missing.map((f) => f.form)}::text[], ${missing.map((f) => f.lang)}::text[]) WITH ORDINALITY AS x(form, lang, n)
      ORDER BY x.n`;
    if (targets.size + missing.length > MAX_TARGETS) targets.clear();
    missing.forEach((f, i) => targets.set(targetKey(f.lang, f.form), rows[i]?.target ?? ""));
  }
  return forms.map((f) => targets.get(targetKey(f.lang, f.form)) ?? "");
}

// Find the glossary entries whose terms or synonyms occur in the query (compared as stemmed lexemes:
// a form is found when the query holds every lexeme of it)
export async function findGlossaryTerms(client: Sql, input: Input): Promise<GlossaryMatch[]> {
  const forms = input.glossary.flatMap((g) =>
    (["da", "sv"] as const).flatMap((lang) =>
      (lang === "da" ? [g.termDa, ...g.synonymsDa] : [g.termSv, ...g.synonymsSv])
        .filter((form) => Array.from(form).length >= MIN_FORM_LENGTH)
        .map((form) => ({ ...g, form, lang })),
    ),
  );
  const found = await formTargets(client, forms);
  const query = { da: sequenceOf(input.da), sv: sequenceOf(input.sv) };
  // A form is found as a whole: its words one after the other in the query, as the glossary writes them
  const rows: Detection[] = forms
    .map((form, i) => ({ ...form, target: found[i] ?? "" }))
    .filter((d) => contains(query[d.lang], sequenceOf(d.target)));
  // A form inside a longer matched form (of any entry) is covered by the longer one.
  const withLexemes = rows.map((row) => ({ row, lexemes: lexemesOf(row.target) }));
  const kept = withLexemes.filter(
    (d) => !withLexemes.some((o) => o.row.lang === d.row.lang && isSubset(d.lexemes, o.lexemes)),
  );
  const bySlug = new Map<string, GlossaryMatch>();
  for (const { row, lexemes } of kept) {
    const match = bySlug.get(row.slug) ?? { entry: row, forms: [], lexemes: new Set<string>() };
    match.forms.push(row);
    lexemes.forEach((l) => match.lexemes.add(l));
    bySlug.set(row.slug, match);
  }
  return [...bySlug.values()].sort((a, b) => b.lexemes.size - a.lexemes.size).slice(0, MAX_WIDENINGS);
}

const formsIn = (entry: Detection, lang: Lang) =>
  lang === "da" ? [entry.termDa, ...entry.synonymsDa] : [entry.termSv, ...entry.synonymsSv];

/**
 * A one-word form found in at least this share of the items (and at least COMMON_MIN of them) is too common to be
 * added by the widening (kontanthjælp is not widened with "ydelse"); typed, it is searched for as any word.
 */
export const COMMON_SHARE = 0.02;
export const COMMON_MIN = 50;
/** How long a form's commonness is remembered (it changes only with the catalogue). */
const COMMON_TTL_MS = 10 * 60_000;
const commonness = new Map<string, { common: boolean; at: number }>();

/** The forms (as lang + form keys) that the widening leaves out because they are common words. */
export type CommonForms = Set<string>;

// The one-word forms the matched entries would add that occur in too many items to be worth adding
export async function commonForms(client: Sql, matches: GlossaryMatch[]): Promise<CommonForms> {
  const candidates = matches.flatMap((match) => {
    const typed = new Set(match.forms.map((f) => targetKey(f.lang, f.form)));
    return (["da", "sv"] as const).flatMap((lang) =>
      formsIn(match.entry, lang)
        .filter((form) => !/\s/.test(form.trim()) && !typed.has(targetKey(lang, form)))
        .map((form) => ({ form, lang })),
    );
  });
  const now = Date.now();
  const unknown = candidates.filter((c) => (commonness.get(targetKey(c.lang, c.form))?.at ?? 0) < now - COMMON_TTL_MS);
  if (unknown.length) {
    const found = await formTargets(client, unknown);
    const rows = await client.$queryRaw<{ common: boolean }[]>`
      WITH cap AS (
        SELECT greatest(${COMMON_MIN}::int, ceil(${COMMON_SHARE}::float8 * greatest(c.reltuples, 0)))::int AS n
        FROM pg_class c WHERE c.oid = '"Item"'::regclass
      )
      SELECT x.target <> '' AND (SELECT count(*) FROM (
        SELECT 1 FROM "Item" i WHERE i.locale = x.lang::"Locale" AND ${visibleSql("i")}
          AND i."searchVector" @@ x.target::tsquery LIMIT (SELECT n FROM cap)
      ) s) >= (SELECT n FROM cap) AS common
      FROM unnest(${found}::text[], ${unknown.map((u) => u.lang)}::text[]) WITH ORDINALITY AS x(target, lang, n)
      ORDER BY x.n`;
    if (commonness.size + unknown.length > MAX_TARGETS) commonness.clear();
    unknown.forEach((u, i) => commonness.set(targetKey(u.lang, u.form), { common: rows[i]?.common ?? false, at: now }));
  }
  return new Set(candidates.map((c) => targetKey(c.lang, c.form)).filter((k) => commonness.get(k)?.common === true));
}

// The forms of an entry in one language that the widening adds
const addedForms = (entry: Detection, lang: Lang, common: CommonForms) =>
  formsIn(entry, lang).filter((form) => !common.has(targetKey(lang, form)));

// The query in one language's parse, each glossary term replaced by "the term OR any of its forms"
function widenedQuery(lang: Lang, q: string, matches: GlossaryMatch[], common: CommonForms): Prisma.Sql {
  // First each term found becomes a placeholder lexeme, then each placeholder becomes "the words typed OR
  // any form of the term". Two passes, so that no rewrite ever applies inside another one's alternatives.
  const placeholder = (i: number) => Prisma.sql`${`'search-glossary-placeholder-${i}'`}::tsquery`;
  let expr = tsquery(lang, "websearch", q);
  matches.forEach((match, i) => {
    for (const { form } of match.forms) {
      // A quoted phrase in the query parses as a phrase, unquoted words as an AND of words.
      const shapes: (keyof typeof parsers)[] = /\s/.test(form.trim()) ? ["phrase", "plain"] : ["plain"];
      for (const shape of shapes)
        expr = Prisma.sql`ts_rewrite(${expr}, ${tsquery(lang, shape, form)}, ${placeholder(i)})`;
    }
  });
  matches.forEach((match, i) => {
    const typed = match.forms.map(({ form }) => tsquery(lang, "plain", form));
    const forms = addedForms(match.entry, lang, common).map((form) => tsquery(lang, "phrase", form));
    expr = Prisma.sql`ts_rewrite(${expr}, ${placeholder(i)}, ${Prisma.join([...typed, ...forms], " || ")})`;
  });
  return expr;
}

export function describeWidening(match: GlossaryMatch, common: CommonForms): Widening {
  const first = match.forms[0] ?? match.entry;
  const other: Lang = first.lang === "da" ? "sv" : "da";
  const matchedForms = new Set(match.forms.map((f) => f.form.toLowerCase()));
  const added = [...addedForms(match.entry, other, common), ...addedForms(match.entry, first.lang, common)].filter(
    (form, i, all) => !matchedForms.has(form.toLowerCase()) && all.indexOf(form) === i,
  );
  return { slug: match.entry.slug, matched: first.form, language: first.lang, added };
}

// The widened queries as tsquery text: ts_rewrite runs once, then both are passed on as constants
export async function resolveQueries(
  client: Sql,
  q: string,
  input: Input,
  matches: GlossaryMatch[],
  common: CommonForms,
) {
  if (!matches.length) return { da: input.da, sv: input.sv };
  const [row] = await client.$queryRaw<{ da: string; sv: string }[]>`
    SELECT ${widenedQuery("da", q, matches, common)}::text AS da, ${widenedQuery("sv", q, matches, common)}::text AS sv`;
  return row ?? { da: input.da, sv: input.sv };
}
