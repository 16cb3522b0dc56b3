// Query building: the parsed query per language, the filters, and the page's rows highlighted.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { visibleSql } from "@/lib/catalogue/visibility";
import { filterKeys, PAGE_SIZE, type FilterKey, type SearchParams } from "./params";
import { START_MARK, STOP_MARK } from "./highlight";
import { positiveGroups, relaxable, relaxedQuery } from "./relaxed";

export type Lang = "da" | "sv";
/** A client or the transaction a search runs in. */
export type Sql = Prisma.TransactionClient;
export const config = {
  da: Prisma.sql`'pg_catalog.danish'::regconfig`,
  sv: Prisma.sql`'pg_catalog.swedish'::regconfig`,
};
export const parsers = {
  websearch: Prisma.raw("websearch_to_tsquery"),
  phrase: Prisma.raw("phraseto_tsquery"),
  plain: Prisma.raw("plainto_tsquery"),
};

export function tsquery(lang: Lang, parser: keyof typeof parsers, text: string) {
  return Prisma.sql`search_normalize_query(${config[lang]}, ${parsers[parser]}(${config[lang]}, ${text}))`;
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
export function filtersExcept(params: SearchParams, except?: FilterKey, alias = "m"): Prisma.Sql {
  const conditions = filterKeys
    .filter((key) => key !== except)
    .map((key) => filterCondition(key, params, alias))
    .filter((c): c is Prisma.Sql => c !== null);
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

const titleOptions = `HighlightAll=true, StartSel=${START_MARK}, StopSel=${STOP_MARK}`;
const snippetOptions = `MaxFragments=2, MaxWords=28, MinWords=12, ShortWord=2, FragmentDelimiter=" … ", StartSel=${START_MARK}, StopSel=${STOP_MARK}`;

export type Parts = {
  hasText: boolean;
  /** The query in each language's parse, widened: tsquery constants the planner can estimate. */
  q: { da: Prisma.Sql; sv: Prisma.Sql };
  /** Any of the query's groups (the relaxed form), for finding the PDF page that holds some of the words. */
  anyQ: { da: Prisma.Sql; sv: Prisma.Sql };
  /** Neither parse negates a word, so a headline match implies a full match. */
  monotone: boolean;
  /** Nodes in both parses (0: nothing to search for). */
  nodes: number;
  /** The item (alias i) matches the query in its own language. */
  textMatch: Prisma.Sql;
  /** The item's headline (title, summary) alone matches. */
  headMatch: Prisma.Sql;
  /** The relevance of the item (alias) on one of its vectors: see rankOn. */
  rank: (column: "searchVector" | "searchHead", alias: string) => Prisma.Sql;
  /** Items holding only some of the query's words match too (relaxed matching). */
  relaxed: boolean;
  sort: "relevance" | "newest";
  offset: number;
};

const countNodes = (tsq: string) => tsq.match(/'(?:[^']|'')*'/g)?.length ?? 0;

export type QueryTexts = { da: string; sv: string };
export type PartsOptions = {
  /** The parse of exactly the words typed (before glossary and compound widening), when it differs from text. */
  typed?: QueryTexts;
  /** Match any of the query's groups instead of all of them, ranked by how many an item holds. */
  relaxed?: boolean;
};

/** How much a match of the words as typed counts beside a match of the widened query (see rankOn). */
export const TYPED_WEIGHT = 1;

// The relevance of an item on one vector: ts_rank of the whole (widened) query, plus TYPED_WEIGHT times ts_rank of
// the words as typed, so that an item found only through a glossary counterpart or a compound part ranks below one
// holding the typed words; relaxed, plus the number of the query's groups the item holds, first of all.
function rankOn(
  column: string,
  alias: string,
  q: { da: Prisma.Sql; sv: Prisma.Sql },
  typed: { da: Prisma.Sql; sv: Prisma.Sql } | null,
  groups: { da: string[]; sv: string[] } | null,
): Prisma.Sql {
  const c = Prisma.raw(`${alias}."${column}"`);
  const locale = Prisma.raw(`${alias}.locale`);
  const own = (x: { da: Prisma.Sql; sv: Prisma.Sql }) =>
    Prisma.sql`CASE WHEN ${locale} = 'da' THEN ${x.da} ELSE ${x.sv} END`;
  let rank = Prisma.sql`ts_rank(${c}, ${own(q)}, 1)`;
  if (typed) rank = Prisma.sql`${rank} + ${TYPED_WEIGHT}::real * ts_rank(${c}, ${own(typed)}, 1)`;
  if (groups) {
    const held = (list: string[]) =>
      Prisma.sql`(${Prisma.join(
        list.map((g) => Prisma.sql`(${c} @@ ${g}::tsquery)::int`),
        " + ",
      )})`;
    rank = Prisma.sql`(CASE WHEN ${locale} = 'da' THEN ${held(groups.da)} ELSE ${held(groups.sv)} END + ${rank})`;
  }
  return Prisma.sql`(${rank})::real`;
}

export function parts(params: SearchParams, full: QueryTexts, options: PartsOptions = {}): Parts {
  const hasText = params.q.length > 0;
  const relaxed = hasText && !!options.relaxed && (relaxable(full.da) || relaxable(full.sv));
  const loosen = (tsq: string) => (relaxed && relaxable(tsq) ? relaxedQuery(tsq) : tsq);
  const text = { da: loosen(full.da), sv: loosen(full.sv) };
  const q = { da: Prisma.sql`${text.da}::tsquery`, sv: Prisma.sql`${text.sv}::tsquery` };
  const anyText = (tsq: string) => (relaxable(tsq) ? relaxedQuery(tsq) : tsq);
  const anyQ = { da: Prisma.sql`${anyText(text.da)}::tsquery`, sv: Prisma.sql`${anyText(text.sv)}::tsquery` };
  const typed =
    options.typed && (options.typed.da !== full.da || options.typed.sv !== full.sv)
      ? { da: Prisma.sql`${options.typed.da}::tsquery`, sv: Prisma.sql`${options.typed.sv}::tsquery` }
      : null;
  const groupsOf = (tsq: string) => (relaxable(tsq) ? positiveGroups(tsq) : [tsq]);
  const groups = relaxed ? { da: groupsOf(full.da), sv: groupsOf(full.sv) } : null;
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
    anyQ,
    monotone: !negated(text.da) && !negated(text.sv),
    nodes: countNodes(text.da) + countNodes(text.sv),
    textMatch: hasText ? match("searchVector") : Prisma.sql`TRUE`,
    headMatch: hasText ? match("searchHead") : Prisma.sql`TRUE`,
    rank: (column, alias) => (hasText ? rankOn(column, alias, q, typed, groups) : Prisma.sql`0::real`),
    relaxed,
    sort: params.sort ?? (hasText ? "relevance" : "newest"),
    offset: (params.page - 1) * PAGE_SIZE,
  };
}

export const order = (sort: Parts["sort"], alias: string) =>
  Prisma.raw(
    sort === "relevance"
      ? `${alias}.rank DESC, ${alias}."publishedAt" DESC NULLS LAST, ${alias}.id`
      : `${alias}."publishedAt" DESC NULLS LAST, ${alias}.year DESC NULLS LAST, ${alias}.rank DESC, ${alias}.id`,
  );
// Where a hit was found when the item's own text (title, summary, body: weights A to C) does not hold the query:
// the first page of its extracted PDFs that holds the query (or failing that, some of its words), with an excerpt.
// Only for the rows of the page shown, and only for items with PDF words.
function pdfSource(p: Parts, own: Prisma.Sql): Prisma.Sql {
  if (!p.hasText) return Prisma.sql`NULL::json`;
  const any = Prisma.sql`CASE WHEN p.locale = 'da' THEN ${p.anyQ.da} ELSE ${p.anyQ.sv} END`;
  // The own text's share of the rank, with weight D counted as nothing: zero when the own text does not hold the
  // query (a word in the body and another only in a PDF gives zero too). Cheaper than ts_filter, which copies the vector.
  return Prisma.sql`CASE WHEN p."pdfVector" IS NOT NULL AND ts_rank('{0,1,1,1}', p."searchVector", ${own}) < 1e-10 THEN (
      SELECT json_build_object('title', a.title, 'page', t.page,
        'excerpt', ts_headline(search_config(t.locale::text), t.text, ${own}, ${snippetOptions}))
      FROM "AttachmentText" t JOIN "Attachment" a ON a.id = t."attachmentId"
      WHERE a."itemId" = p.id AND a."textStatus" = 'done' AND t."searchVector" @@ ${any}
      ORDER BY (t."searchVector" @@ ${own}) DESC, a.position, a.id, t.page
      LIMIT 1) END`;
}

// The rows of one page, given as (id, rank, n): highlighted for those rows only
export function pageRows(p: Parts, chosen: Prisma.Sql): Prisma.Sql {
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
        LIMIT 1) AS "alsoIn",
      ${pdfSource(p, own)} AS "pdf"
    FROM (SELECT c.n, i.* FROM (${chosen}) c JOIN "Item" i ON i.id = c.id) p
  ) r)`;
}
