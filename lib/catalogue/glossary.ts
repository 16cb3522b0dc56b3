import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import type { Db } from "@/lib/database/client";
import { findFormerSlugs } from "./moved-records";
import { cached } from "@/lib/cache/cached";
import { cacheTags } from "@/lib/cache/tags";
import { Prisma, type Locale } from "@/lib/generated/prisma/client";
import { visibleSql } from "./visibility";

export type GlossaryEntry = {
  slug: string;
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
    formerSlugs: former.get(g.id) ?? [],
    da: { term: g.termDa, synonyms: g.synonymsDa, explanation: g.explanationDa },
    sv: { term: g.termSv, synonyms: g.synonymsSv, explanation: g.explanationSv },
  }));
});

// The glossary sorted by the reader's language and grouped by first letter (that language's alphabet)
export const glossaryByLetter = cache(async (uiLocale: Locale): Promise<GlossaryLetter[]> => {
  const collator = new Intl.Collator(uiLocale, { sensitivity: "base" });
  const entries = [...(await readGlossary())].sort((a, b) => collator.compare(a[uiLocale].term, b[uiLocale].term));
  const letters: GlossaryLetter[] = [];
  for (const entry of entries) {
    const first = entry[uiLocale].term.charAt(0).toLocaleUpperCase(uiLocale);
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

export type ItemTerm = { slug: string; term: string; counterpart: string };

// The glossary terms a published item's text uses (its term or a synonym, in the item's language, matched as search
// matches), each with the counterpart in the other language, in the order of the item language's alphabet.
export async function findItemTerms(client: Db, itemId: string): Promise<ItemTerm[]> {
  const rows = await client.$queryRaw<(ItemTerm & { locale: Locale })[]>(Prisma.sql`
    SELECT g.slug, i.locale::text AS locale,
      CASE WHEN i.locale = 'da' THEN g."termDa" ELSE g."termSv" END AS term,
      CASE WHEN i.locale = 'da' THEN g."termSv" ELSE g."termDa" END AS counterpart
    FROM "Item" i
    CROSS JOIN LATERAL (SELECT CASE WHEN i.locale = 'da' THEN 'pg_catalog.danish'::regconfig
      ELSE 'pg_catalog.swedish'::regconfig END AS cfg) c
    JOIN "GlossaryTerm" g ON EXISTS (
      SELECT 1 FROM unnest(CASE WHEN i.locale = 'da' THEN array_prepend(g."termDa", g."synonymsDa")
        ELSE array_prepend(g."termSv", g."synonymsSv") END) AS w(word)
      WHERE numnode(phraseto_tsquery(c.cfg, w.word)) > 0
        AND i."searchVector" @@ search_normalize_query(c.cfg, phraseto_tsquery(c.cfg, w.word)))
    WHERE i.id = ${itemId}::uuid AND ${visibleSql("i")}`);
  const collator = new Intl.Collator(rows[0]?.locale ?? "da", { sensitivity: "base" });
  return rows
    .map(({ slug, term, counterpart }) => ({ slug, term, counterpart }))
    .sort((a, b) => collator.compare(a.term, b.term));
}

export const getItemTerms = cache(
  cached("itemTerms", [cacheTags.glossary, cacheTags.catalogue], (itemId: string) => findItemTerms(db(), itemId)),
);
