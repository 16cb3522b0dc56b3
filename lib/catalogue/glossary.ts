import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import type { Db } from "@/lib/database/client";
import { findFormerSlugs } from "./moved-records";
import { cached } from "@/lib/cache/cached";
import { cacheTags } from "@/lib/cache/tags";
import { Prisma, type Locale } from "@/lib/generated/prisma/client";
import { visibleSql } from "./visibility";
import { getTranslations } from "next-intl/server";
import { getPathname } from "@/lib/i18n/navigation";
import { renderMarkdown } from "@/lib/markdown";
import { markPlainText, wordsOf, type MarkContext, type MarkTerm } from "./glossary-marks";

export type GlossaryEntry = {
  slug: string;
  falseFriend: boolean;
  /** Slugs the term had before an admin renamed it: old links to the glossary still land on the entry */
  formerSlugs: string[];
  da: { term: string; synonyms: string[]; explanation: string };
  sv: { term: string; synonyms: string[]; explanation: string };
};

export type GlossaryLetter = { letter: string; entries: GlossaryEntry[] };

const readGlossary = cached("glossary", [cacheTags.glossary], async (): Promise<GlossaryEntry[]> => {
  const [rows, former] = await Promise.all([db().glossaryTerm.findMany(), findFormerSlugs(db(), "glossary")]);
  return rows.map((g) => ({
    slug: g.slug,
    falseFriend: g.falseFriend,
    formerSlugs: former.get(g.id) ?? [],
    da: { term: g.termDa, synonyms: g.synonymsDa, explanation: g.explanationDa },
    sv: { term: g.termSv, synonyms: g.synonymsSv, explanation: g.explanationSv },
  }));
});

// The glossary sorted by the reader's language and grouped by first letter (that language's alphabet)
export const glossaryByLetter = cache(async (uiLocale: Locale): Promise<GlossaryLetter[]> => {
  const collator = new Intl.Collator(uiLocale, { sensitivity: "base" });
  // A term without a word in the reader's language yet files under its other language's word
  const key = (entry: GlossaryEntry) => entry[uiLocale].term || entry[uiLocale === "da" ? "sv" : "da"].term;
  const entries = [...(await readGlossary())].sort((a, b) => collator.compare(key(a), key(b)));
  const letters: GlossaryLetter[] = [];
  for (const entry of entries) {
    const first = key(entry).charAt(0).toLocaleUpperCase(uiLocale);
    // É files under E, but Æ, Ø, Å, Ä and Ö stay letters of their own, as the language's collation says.
    const base = first.normalize("NFD").charAt(0);
    const letter = collator.compare(first, base) === 0 ? base : first;
    const last = letters.at(-1);
    if (last && collator.compare(last.letter, letter) === 0) last.entries.push(entry);
    else letters.push({ letter, entries: [entry] });
  }
  return letters;
});

export type GlossaryUsage = Record<string, Partial<Record<Locale, number>>>;

// Per glossary term and language: how many published texts in that language use the term or one of its synonyms.
// Matched as search matches (PostgreSQL's stemming of the item's language, a phrase for a term of several words), so
// "virksomhederne" counts for "virksomhed".
export async function findGlossaryUsage(client: Db): Promise<GlossaryUsage> {
  const rows = await client.$queryRaw<{ term: string; locale: Locale; count: number }[]>(Prisma.sql`
    WITH languages(locale, cfg) AS (
      VALUES ('da'::"Locale", 'pg_catalog.danish'::regconfig), ('sv'::"Locale", 'pg_catalog.swedish'::regconfig)
    )
    SELECT g.slug AS term, l.locale::text AS locale, count(DISTINCT i.id)::int AS count
    FROM "GlossaryTerm" g
    CROSS JOIN languages l
    CROSS JOIN LATERAL unnest(
      CASE WHEN l.locale = 'da' THEN array_prepend(g."termDa", g."synonymsDa")
        ELSE array_prepend(g."termSv", g."synonymsSv") END
    ) AS w(word)
    JOIN "Item" i ON i.locale = l.locale AND ${visibleSql("i")}
      AND i."searchVector" @@ search_normalize_query(l.cfg, phraseto_tsquery(l.cfg, w.word))
    WHERE numnode(phraseto_tsquery(l.cfg, w.word)) > 0
    GROUP BY g.slug, l.locale`);
  const usage: GlossaryUsage = {};
  for (const row of rows) (usage[row.term] ??= {})[row.locale] = row.count;
  return usage;
}

export const glossaryUsage = cache(
  cached("glossaryUsage", [cacheTags.glossary, cacheTags.catalogue], () => findGlossaryUsage(db())),
);

export type ItemTerm = {
  slug: string;
  term: string;
  counterpart: string;
  /** A false friend, with its explanation in the reader's language (the editors' own text) */
  falseFriend: boolean;
  explanation: string;
};

// The glossary terms a published item's text uses (its term or a synonym, in the item's language, matched as search
// matches), each with the counterpart in the other language, in the order of the item language's alphabet.
export async function findItemTerms(client: Db, itemId: string): Promise<ItemTerm[]> {
  const rows = await client.$queryRaw<(ItemTerm & { locale: Locale })[]>(Prisma.sql`
    SELECT g.slug, i.locale::text AS locale, g."falseFriend",
      CASE WHEN i.locale = 'da' THEN g."termDa" ELSE g."termSv" END AS term,
      CASE WHEN i.locale = 'da' THEN g."termSv" ELSE g."termDa" END AS counterpart,
      CASE WHEN i.locale = 'da' THEN g."explanationSv" ELSE g."explanationDa" END AS explanation
    FROM "Item" i
    CROSS JOIN LATERAL (SELECT CASE WHEN i.locale = 'da' THEN 'pg_catalog.danish'::regconfig
      ELSE 'pg_catalog.swedish'::regconfig END AS cfg) c
    JOIN "GlossaryTerm" g ON EXISTS (
      SELECT 1 FROM unnest(CASE WHEN i.locale = 'da' THEN array_prepend(g."termDa", g."synonymsDa")
        ELSE array_prepend(g."termSv", g."synonymsSv") END) AS w(word)
      WHERE numnode(phraseto_tsquery(c.cfg, w.word)) > 0
        AND i."searchVector" @@ search_normalize_query(c.cfg, phraseto_tsquery(c.cfg, w.word)))
    WHERE i.id = ${itemId}::uuid AND ${visibleSql("i")}
      -- A term whose counterpart is not yet known explains nothing to the reader
      AND (CASE WHEN i.locale = 'da' THEN g."termSv" ELSE g."termDa" END) <> ''`);
  const collator = new Intl.Collator(rows[0]?.locale ?? "da", { sensitivity: "base" });
  return rows
    .map(({ slug, term, counterpart, falseFriend, explanation }) => ({
      slug,
      term,
      counterpart,
      falseFriend,
      explanation,
    }))
    .sort((a, b) => collator.compare(a.term, b.term));
}

export const getItemTerms = cache(
  cached("itemTerms", [cacheTags.glossary, cacheTags.catalogue], (itemId: string) => findItemTerms(db(), itemId)),
);

// The stems of lower-cased words as the search makes them: PostgreSQL's stemmer of the language, then the search's
// own second step (search_lexeme: Danish stemmed again, Swedish without a definite "-et"); a stop word is itself
export async function stemsOf(client: Db, locale: Locale, words: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(words.map((w) => w.toLowerCase()))];
  if (!unique.length) return new Map();
  const dictionary = locale === "da" ? "danish_stem" : "swedish_stem";
  const config = locale === "da" ? "pg_catalog.danish" : "pg_catalog.swedish";
  const rows = await client.$queryRaw<{ w: string; stem: string }[]>(Prisma.sql`
    SELECT w, search_lexeme(${config}::regconfig, COALESCE((ts_lexize(${dictionary}::regdictionary, w))[1], w)) AS stem
    FROM unnest(${unique}::text[]) AS w`);
  return new Map(rows.map((r) => [r.w, r.stem]));
}

export type ItemHints = { titleHtml: string; summaryHtml: string; bodyHtml: string };
export type HintWords = { glossaryPath: string; counterpartLabel: string; falseFriendLabel: string };
type GlossaryRow = Awaited<ReturnType<Db["glossaryTerm"]["findMany"]>>[number];

// Marking for a text of one language read in the other: the glossary rows as terms, compared by the search's stems
async function markContext(
  client: Db,
  textLocale: Locale,
  text: string,
  rows: GlossaryRow[],
  words: HintWords,
): Promise<() => MarkContext> {
  const own = textLocale === "da" ? "Da" : "Sv";
  const other = textLocale === "da" ? "Sv" : "Da";
  const variantsOf = (r: GlossaryRow) => [r[`term${own}`], ...r[`synonyms${own}`]].filter(Boolean);
  const stems = await stemsOf(client, textLocale, [
    ...wordsOf(text).map((w) => w.word),
    ...rows.flatMap((r) => variantsOf(r).flatMap((v) => wordsOf(v).map((w) => w.word))),
  ]);
  const stemOf = (word: string) => stems.get(word) ?? word;
  const terms: MarkTerm[] = rows
    .filter((r) => r[`term${other}`] !== "")
    .map((r) => ({
      slug: r.slug,
      counterpart: r[`term${other}`],
      variants: variantsOf(r).map((v) => wordsOf(v).map((w) => stemOf(w.word.toLowerCase()))),
      ...(r.falseFriend ? { note: `${words.falseFriendLabel} ${r[`explanation${other}`]}` } : {}),
    }));
  const counter = { next: 1 };
  return () => ({
    terms,
    stemOf,
    glossaryPath: words.glossaryPath,
    counterpartLabel: words.counterpartLabel,
    readerLocale: textLocale === "da" ? "sv" : "da",
    counter,
  });
}

// A visible item's title, summary and body with the glossary's terms marked for a reader of the other language, or
// null when it uses none
export async function findItemHints(
  client: Db,
  itemId: string,
  readerLocale: Locale,
  words: HintWords,
): Promise<ItemHints | null> {
  const item = await client.item.findFirst({
    where: { id: itemId },
    select: { locale: true, title: true, summary: true, body: true },
  });
  if (!item || item.locale === readerLocale) return null;
  const used = new Set((await findItemTerms(client, itemId)).map((t) => t.slug));
  if (!used.size) return null;
  const rows = await client.glossaryTerm.findMany({ where: { slug: { in: [...used] } } });
  const context = await markContext(client, item.locale, `${item.title} ${item.summary} ${item.body}`, rows, words);
  return {
    titleHtml: markPlainText(item.title, context()),
    summaryHtml: markPlainText(item.summary, context()),
    bodyHtml: (await renderMarkdown(item.body, context())).html,
  };
}

// The editor's preview as readers of the other language will see it: a text not yet saved, marked with every
// glossary term it holds
export async function previewHints(
  client: Db,
  textLocale: Locale,
  text: { title: string; summary: string; body: string },
  words: HintWords,
): Promise<ItemHints> {
  const rows = await client.glossaryTerm.findMany();
  const context = await markContext(client, textLocale, `${text.title} ${text.summary} ${text.body}`, rows, words);
  return {
    titleHtml: markPlainText(text.title, context()),
    summaryHtml: markPlainText(text.summary, context()),
    bodyHtml: (await renderMarkdown(text.body, context())).html,
  };
}

// The words of the marks in the reader's language
export async function hintWords(readerLocale: Locale): Promise<HintWords> {
  const t = await getTranslations({ locale: readerLocale, namespace: "ItemPage" });
  return {
    glossaryPath: getPathname({ locale: readerLocale, href: "/glossary" }),
    counterpartLabel: t("termCounterpart"),
    falseFriendLabel: t("falseFriend"),
  };
}

export const getItemHints = cache(
  cached("itemHints", [cacheTags.glossary, cacheTags.catalogue], async (itemId: string, readerLocale: Locale) =>
    findItemHints(db(), itemId, readerLocale, await hintWords(readerLocale)),
  ),
);
