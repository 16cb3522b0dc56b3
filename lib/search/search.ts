import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/database/client";
import type { Country, ItemType, Locale } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";
import { visibleSql } from "@/lib/catalogue/visibility";
import { filterKeys, MAX_PAGE, PAGE_SIZE, type FilterKey, type SearchParams } from "./params";
import { START_MARK, STOP_MARK, toSegments, type Segment } from "./highlight";

// PostgreSQL full-text search over the published catalogue. Each item's stored vector is built with
// its own language's configuration (see the search migration), so a query is parsed twice, once per
// language, and each item is matched with the parse of its own language. Terms found in the glossary
// are widened with their counterparts in both languages by rewriting those parses (ts_rewrite).

export type SearchFacetValue = { value: string; count: number; label?: string };
export type SearchFacetCounts = Record<FilterKey, SearchFacetValue[]>;

export type SearchHit = {
  id: string;
  type: ItemType;
  locale: Locale;
  slug: string;
  title: Segment[];
  snippet: Segment[];
  publishedAt: string | null;
  year: number | null;
  country: Country | null;
  /** The same item in the other language, when it is published. */
  alsoIn: { locale: Locale; type: ItemType; slug: string; title: string } | null;
};

export type Widening = {
  slug: string;
  /** The words of the query that the glossary knows, as the glossary writes them. */
  matched: string;
  language: Locale;
  /** What was searched for as well: the other language's terms first, then synonyms. */
  added: string[];
};

export type SearchOutcome = {
  query: string;
  capped: boolean;
  narrow: boolean;
  /** A query was typed but holds no word that can be searched for (only operators, stop words, emoji). */
  noSearchableWords: boolean;
  /** More items matched than could be counted at once: total and facet counts are estimates. */
  approximate: boolean;
  total: number;
  page: number;
  pageCount: number;
  results: SearchHit[];
  facets: SearchFacetCounts;
  widened: Widening[];
  /** A corrected query worth trying, when there are few or no hits. */
  suggestion: string | null;
  /** Items whose titles resemble the query, offered when nothing matched. */
  similar: SearchHit[];
};

type Lang = "da" | "sv";
/** A client or the transaction a search runs in. */
type Sql = Prisma.TransactionClient;
const config = { da: Prisma.sql`'pg_catalog.danish'::regconfig`, sv: Prisma.sql`'pg_catalog.swedish'::regconfig` };
const parsers = {
  websearch: Prisma.raw("websearch_to_tsquery"),
  phrase: Prisma.raw("phraseto_tsquery"),
  plain: Prisma.raw("plainto_tsquery"),
};

/** With fewer hits than this, a 'did you mean' is looked for. */
const FEW_HITS = 3;
const MAX_WIDENINGS = 6;
/** Glossary forms shorter than this (e.g. "Af") are too likely to be ordinary words. */
const MIN_FORM_LENGTH = 3;
const MAX_SUGGESTION_WORDS = 6;
const SIMILAR_TITLES = 8;

function tsquery(lang: Lang, parser: keyof typeof parsers, text: string) {
  return Prisma.sql`search_normalize_query(${config[lang]}, ${parsers[parser]}(${config[lang]}, ${text}))`;
}

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

type GlossaryMatch = { entry: Detection; forms: Detection[]; lexemes: Set<string> };

const lexemesOf = (tsq: string) => new Set([...tsq.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1] ?? ""));
const isSubset = (a: Set<string>, b: Set<string>) => a.size < b.size && [...a].every((x) => b.has(x));

type GlossaryRow = Pick<Detection, "slug" | "termDa" | "termSv" | "synonymsDa" | "synonymsSv">;
type Input = { da: string; sv: string; glossary: GlossaryRow[] };

// The query parsed in each language (as tsquery text), and the glossary when it is needed
async function parseInput(client: Sql, q: string, withGlossary: boolean): Promise<Input> {
  const glossary = withGlossary
    ? Prisma.sql`(SELECT coalesce(json_agg(json_build_object('slug', g.slug, 'termDa', g."termDa", 'termSv', g."termSv",
        'synonymsDa', g."synonymsDa", 'synonymsSv', g."synonymsSv") ORDER BY g.slug), '[]'::json) FROM "GlossaryTerm" g)`
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
async function findGlossaryTerms(client: Sql, input: Input): Promise<GlossaryMatch[]> {
  const forms = input.glossary.flatMap((g) =>
    (["da", "sv"] as const).flatMap((lang) =>
      (lang === "da" ? [g.termDa, ...g.synonymsDa] : [g.termSv, ...g.synonymsSv])
        .filter((form) => Array.from(form).length >= MIN_FORM_LENGTH)
        .map((form) => ({ ...g, form, lang })),
    ),
  );
  const found = await formTargets(client, forms);
  const query = { da: lexemesOf(input.da), sv: lexemesOf(input.sv) };
  const rows: Detection[] = forms
    .map((form, i) => ({ ...form, target: found[i] ?? "" }))
    .filter((d) => {
      const lexemes = lexemesOf(d.target);
      return lexemes.size > 0 && [...lexemes].every((l) => query[d.lang].has(l));
    });
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

// The query in one language's parse, each glossary term replaced by "the term OR any of its forms"
function widenedQuery(lang: Lang, q: string, matches: GlossaryMatch[]): Prisma.Sql {
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
    const forms = formsIn(match.entry, lang).map((form) => tsquery(lang, "phrase", form));
    expr = Prisma.sql`ts_rewrite(${expr}, ${placeholder(i)}, ${Prisma.join([...typed, ...forms], " || ")})`;
  });
  return expr;
}

function describeWidening(match: GlossaryMatch): Widening {
  const first = match.forms[0] ?? match.entry;
  const other: Lang = first.lang === "da" ? "sv" : "da";
  const matchedForms = new Set(match.forms.map((f) => f.form.toLowerCase()));
  const added = [...formsIn(match.entry, other), ...formsIn(match.entry, first.lang)].filter(
    (form, i, all) => !matchedForms.has(form.toLowerCase()) && all.indexOf(form) === i,
  );
  return { slug: match.entry.slug, matched: first.form, language: first.lang, added };
}

function filterCondition(key: FilterKey, params: SearchParams, alias: string): Prisma.Sql | null {
  const a = Prisma.raw(alias);
  switch (key) {
    case "type":
      return params.type ? Prisma.sql`${a}.type = ${params.type}::"ItemType"` : null;
    case "country":
      return params.country ? Prisma.sql`${a}.country = ${params.country}::"Country"` : null;
    case "lang":
      return params.lang ? Prisma.sql`${a}.locale = ${params.lang}::"Locale"` : null;
    case "year":
      return params.year !== undefined ? Prisma.sql`${a}.year = ${params.year}` : null;
    case "topic":
      return params.topic
        ? Prisma.sql`EXISTS (SELECT 1 FROM "ItemTopic" it JOIN "Topic" tp ON tp.id = it."topicId"
            WHERE it."itemId" = ${a}.id AND tp.slug = ${params.topic})`
        : null;
  }
}

// Every active filter but one (facet counts say what choosing a value of that facet would give)
function filtersExcept(params: SearchParams, except?: FilterKey, alias = "m"): Prisma.Sql {
  const conditions = filterKeys
    .filter((key) => key !== except)
    .map((key) => filterCondition(key, params, alias))
    .filter((c): c is Prisma.Sql => c !== null);
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

type HitRow = Omit<SearchHit, "title" | "snippet"> & { titleHeadline: string; snippetHeadline: string };
type TopicFacetRow = SearchFacetValue & { nameDa: string; nameSv: string };
type MainRow = {
  nodes: number;
  /** More items matched than were counted: counts below come from a sample. */
  sampled: boolean;
  /** How much larger the whole match set is than the sample (1 when nothing was left out). */
  scale: number;
  total: number;
  results: HitRow[];
  type: SearchFacetValue[];
  topic: TopicFacetRow[];
  country: SearchFacetValue[];
  lang: SearchFacetValue[];
  year: SearchFacetValue[];
};

const titleOptions = `HighlightAll=true, StartSel=${START_MARK}, StopSel=${STOP_MARK}`;
const snippetOptions = `MaxFragments=2, MaxWords=28, MinWords=12, ShortWord=2, FragmentDelimiter=" … ", StartSel=${START_MARK}, StopSel=${STOP_MARK}`;

/**
 * Up to this many matches, everything is exact: all matches are ranked and counted. Beyond it, counts
 * are estimated from the first matches (in the table's own order) and only a bounded set is ranked.
 */
export const EXACT_LIMIT = 300;

type Parts = {
  hasText: boolean;
  /** The query in each language's parse, widened: tsquery constants the planner can estimate. */
  q: { da: Prisma.Sql; sv: Prisma.Sql };
  /** Neither parse negates a word, so a headline match implies a full match. */
  monotone: boolean;
  /** Nodes in both parses (0: nothing to search for). */
  nodes: number;
  /** The item (alias i) matches the query in its own language. */
  textMatch: Prisma.Sql;
  /** The item's headline (title, summary) alone matches. */
  headMatch: Prisma.Sql;
  sort: "relevance" | "newest";
  offset: number;
};

// The widened queries as tsquery text: ts_rewrite runs once, then both are passed on as constants
async function resolveQueries(client: Sql, q: string, input: Input, matches: GlossaryMatch[]) {
  if (!matches.length) return { da: input.da, sv: input.sv };
  const [row] = await client.$queryRaw<{ da: string; sv: string }[]>`
    SELECT ${widenedQuery("da", q, matches)}::text AS da, ${widenedQuery("sv", q, matches)}::text AS sv`;
  return row ?? { da: input.da, sv: input.sv };
}

const countNodes = (tsq: string) => tsq.match(/'(?:[^']|'')*'/g)?.length ?? 0;

function parts(params: SearchParams, text: { da: string; sv: string }): Parts {
  const hasText = params.q.length > 0;
  const q = { da: Prisma.sql`${text.da}::tsquery`, sv: Prisma.sql`${text.sv}::tsquery` };
  // One index scan for both languages (the two parses OR-ed, or one when they are the same), then
  // each item is held to the parse of its own language (a CASE, which the planner does not split into
  // one index scan per language ANDed with a scan of the locale index).
  const match = (column: string) => {
    const c = Prisma.raw(`i."${column}"`);
    const either = text.da === text.sv ? q.da : Prisma.sql`(${q.da} || ${q.sv})`;
    return text.da === text.sv
      ? Prisma.sql`${c} @@ ${q.da}`
      : Prisma.sql`(${c} @@ ${either} AND CASE WHEN i.locale = 'da' THEN ${c} @@ ${q.da} ELSE ${c} @@ ${q.sv} END)`;
  };
  // Without negation, a match in title and summary is a match in the whole item too.
  const negated = (tsq: string) => tsq.replace(/'(?:[^']|'')*'/g, "").includes("!");
  return {
    hasText,
    q,
    monotone: !negated(text.da) && !negated(text.sv),
    nodes: countNodes(text.da) + countNodes(text.sv),
    textMatch: hasText ? match("searchVector") : Prisma.sql`TRUE`,
    headMatch: hasText ? match("searchHead") : Prisma.sql`TRUE`,
    sort: params.sort ?? (hasText ? "relevance" : "newest"),
    offset: (params.page - 1) * PAGE_SIZE,
  };
}

const order = (sort: Parts["sort"], alias: string) =>
  Prisma.raw(
    sort === "relevance"
      ? `${alias}.rank DESC, ${alias}."publishedAt" DESC NULLS LAST, ${alias}.id`
      : `${alias}."publishedAt" DESC NULLS LAST, ${alias}.year DESC NULLS LAST, ${alias}.rank DESC, ${alias}.id`,
  );

// The rows of one page, given as (id, rank, n): highlighted for those rows only
function pageRows(p: Parts, chosen: Prisma.Sql): Prisma.Sql {
  const snippetText = p.hasText
    ? Prisma.sql`p.summary || E'\n' || left(regexp_replace(regexp_replace(p.body, '!?\\[([^\\]]*)\\]\\([^)]*\\)', '\\1', 'g'), '[#*_>|\`]+', ' ', 'g'), 8000)`
    : Prisma.sql`p.summary`;
  const own = Prisma.sql`CASE WHEN p.locale = 'da' THEN ${p.q.da} ELSE ${p.q.sv} END`;
  return Prisma.sql`(SELECT coalesce(json_agg(r ORDER BY r.n), '[]'::json) FROM (
    SELECT p.n, p.id, p.type, p.locale, p.slug, p.year, p.country,
      to_char(p."publishedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "publishedAt",
      ${p.hasText ? Prisma.sql`ts_headline(search_config(p.locale::text), p.title, ${own}, ${titleOptions})` : Prisma.sql`p.title`} AS "titleHeadline",
      ${p.hasText ? Prisma.sql`ts_headline(search_config(p.locale::text), ${snippetText}, ${own}, ${snippetOptions})` : snippetText} AS "snippetHeadline",
      (SELECT json_build_object('locale', t.locale, 'type', t.type, 'slug', t.slug, 'title', t.title)
        FROM "Item" t WHERE (t.id = p."translationOfId" OR t."translationOfId" = p.id) AND ${visibleSql("t")}
        LIMIT 1) AS "alsoIn"
    FROM (SELECT c.n, i.* FROM (${chosen}) c JOIN "Item" i ON i.id = c.id) p
  ) r)`;
}

// Counts and facets from the matches (all of them, or the first ones when there are more than limit),
// and, when all were seen, the page's rows ranked among all of them
async function countAndRank(
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
  const rank = p.hasText
    ? Prisma.sql`ts_rank(i."searchVector", CASE WHEN i.locale = 'da' THEN ${p.q.da} ELSE ${p.q.sv} END, 1)`
    : Prisma.sql`0::real`;
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

/** Items ranked by relevance when there are too many matches to rank them all. */
const CANDIDATES = 200;

// The page's rows when there are too many matches to rank them all. By relevance: the first CANDIDATES
// items (in table order) whose title or summary match, ranked on those two fields, then the other
// matches in table order (unranked: ranking them would mean reading all of them). Neither depends on
// the page, so paging is consistent. Newest first: straight from the date index.
async function boundedPage(client: Sql, params: SearchParams, uiLocale: Locale, p: Parts): Promise<HitRow[]> {
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
            ts_rank(i."searchHead", CASE WHEN i.locale = 'da' THEN ${p.q.da} ELSE ${p.q.sv} END, 1) AS rank
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

async function runSearch(
  client: Sql,
  params: SearchParams,
  uiLocale: Locale,
  p: Parts,
  limit: number,
): Promise<MainRow> {
  const row = await countAndRank(client, params, uiLocale, p, limit);
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

/** An estimated count, rounded to two significant digits (and never 0 for something seen). */
function estimate(n: number): number {
  if (n < 1) return n > 0 ? 1 : 0;
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

type SuggestionRow = { n: number; word: string; known: boolean; candidate: string | null; similarity: number | null };

// A corrected query: each word that finds nothing and resembles a word of a title or glossary term is replaced
async function suggestQuery(client: Sql, q: string): Promise<string | null> {
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
async function similarTitles(client: Sql, q: string, suggestion: string): Promise<SearchHit[]> {
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
