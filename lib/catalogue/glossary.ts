import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { cached } from "@/lib/cache/cached";
import { cacheTags } from "@/lib/cache/tags";
import type { Locale } from "@/lib/generated/prisma/client";

export type GlossaryEntry = {
  slug: string;
  da: { term: string; synonyms: string[]; explanation: string };
  sv: { term: string; synonyms: string[]; explanation: string };
};

export type GlossaryLetter = { letter: string; entries: GlossaryEntry[] };

const readGlossary = cached("glossary", [cacheTags.glossary], async (): Promise<GlossaryEntry[]> => {
  const rows = await db().glossaryTerm.findMany();
  return rows.map((g) => ({
    slug: g.slug,
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
