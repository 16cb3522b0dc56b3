// Suggestions while typing: titles of published items, glossary terms and topics whose words begin with what
// the visitor has typed so far. Titles are matched on "Item"."titleWords" (the title's words as written, GIN
// index; see the title_words migration), glossary terms and topics on their few rows.
import "server-only";
import { z } from "zod";
import type { ItemType, Locale } from "@/lib/generated/prisma/enums";
import type { Db } from "@/lib/database/client";
import { visibleSql } from "@/lib/catalogue/visibility";
import { locales } from "@/lib/content/schema";
import { cleanQuery } from "./params";

/** Fewer characters than this ask for nothing (the browser does not even send them). */
export const MIN_SUGGEST_CHARS = 2;
/** Longest text looked up; the rest is ignored. */
export const MAX_SUGGEST_CHARS = 100;
const MAX_WORDS = 6;
export const SUGGESTED_TITLES = 5;
export const SUGGESTED_TERMS = 3;
export const SUGGESTED_TOPICS = 3;
/** Title matches ranked: the first this many in table order (a bounded read, however common the words). */
const TITLE_CANDIDATES = 60;

// The route's query string: q (what was typed), locale (the visitor's language)
export const suggestParamsSchema = z.object({
  q: z
    .string()
    .max(MAX_SUGGEST_CHARS * 4)
    .transform((q) => cleanQuery(q.slice(0, MAX_SUGGEST_CHARS)).q),
  locale: z.enum(locales),
});

export type SuggestParams = z.infer<typeof suggestParamsSchema>;

export type TitleSuggestion = { kind: "item"; id: string; type: ItemType; locale: Locale; slug: string; label: string };
export type TermSuggestion = { kind: "term"; slug: string; locale: Locale; label: string };
export type TopicSuggestion = { kind: "topic"; slug: string; label: string };
export type Suggestions = { items: TitleSuggestion[]; terms: TermSuggestion[]; topics: TopicSuggestion[] };

export const noSuggestions: Suggestions = { items: [], terms: [], topics: [] };

// The words of the typed text, lower case (letters and digits only, so they are safe in a tsquery)
export function typedWords(q: string): string[] {
  return [...q.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]).slice(0, MAX_WORDS);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const wordsOf = (text: string) =>
  [
    ...text
      .normalize("NFC")
      .toLowerCase()
      .matchAll(/[\p{L}\p{N}]+/gu),
  ].map((m) => m[0]);
// Every typed word begins a word of the text (the last one may be unfinished; so may the others)
const beginsWords = (typed: string[], text: string) => {
  const words = wordsOf(text);
  return typed.every((t) => words.some((w) => w.startsWith(t)));
};

/** The glossary's forms and the topics' names: few rows, read once and kept (see lib/data/search.ts). */
export type Vocabulary = {
  terms: { slug: string; forms: { form: string; locale: Locale }[] }[];
  topics: { slug: string; nameDa: string; nameSv: string }[];
};

// Read every glossary form (term first, then synonyms, in each language) and every topic name
export async function loadVocabulary(client: Db): Promise<Vocabulary> {
  const [terms, topics] = await Promise.all([
    client.glossaryTerm.findMany({
      select: { slug: true, termDa: true, termSv: true, synonymsDa: true, synonymsSv: true },
      orderBy: { slug: "asc" },
    }),
    client.topic.findMany({ select: { slug: true, nameDa: true, nameSv: true }, orderBy: { slug: "asc" } }),
  ]);
  return {
    terms: terms.map((g) => ({
      slug: g.slug,
      forms: [
        { form: g.termDa, locale: "da" as const },
        { form: g.termSv, locale: "sv" as const },
        ...g.synonymsDa.map((form) => ({ form, locale: "da" as const })),
        ...g.synonymsSv.map((form) => ({ form, locale: "sv" as const })),
      ].filter((f) => f.form !== ""),
    })),
    topics,
  };
}

const byFit = (typed: string) => (a: { label: string; own: boolean }, b: { label: string; own: boolean }) =>
  Number(b.own) - Number(a.own) ||
  Number(b.label.toLowerCase().startsWith(typed)) - Number(a.label.toLowerCase().startsWith(typed)) ||
  a.label.length - b.label.length ||
  a.label.localeCompare(b.label);

// Glossary terms and topics whose words begin with the typed words: one form per term (the visitor's language
// first, the term before its synonyms), topics by the name in the visitor's language
export function matchVocabulary(vocabulary: Vocabulary, q: string, locale: Locale) {
  const typed = wordsOf(q).slice(0, MAX_WORDS);
  const phrase = typed.join(" ");
  if (!typed.length) return { terms: [], topics: [] };
  const terms = vocabulary.terms
    .flatMap((term) => {
      const fits = term.forms.filter((f) => beginsWords(typed, f.form));
      const best = fits.find((f) => f.locale === locale) ?? fits[0];
      return best ? [{ slug: term.slug, locale: best.locale, label: best.form, own: best.locale === locale }] : [];
    })
    .sort(byFit(phrase))
    .slice(0, SUGGESTED_TERMS)
    .map((t): TermSuggestion => ({ kind: "term", slug: t.slug, locale: t.locale, label: t.label }));
  const topics = vocabulary.topics
    .filter((t) => beginsWords(typed, t.nameDa) || beginsWords(typed, t.nameSv))
    .map((t) => ({ slug: t.slug, label: locale === "sv" ? t.nameSv : t.nameDa, own: true }))
    .sort(byFit(phrase))
    .slice(0, SUGGESTED_TOPICS)
    .map((t): TopicSuggestion => ({ kind: "topic", slug: t.slug, label: t.label }));
  return { terms, topics };
}

// A word in lower case, with a capital first letter, and in capitals (the same word once where they agree)
export function caseForms(word: string): string[] {
  const lower = word.toLowerCase();
  const first = Array.from(lower);
  const capital = (first[0] ?? "").toUpperCase() + first.slice(1).join("");
  return [...new Set([lower, capital, word.toUpperCase()])];
}

// Published titles whose words begin with the typed words, the visitor's language first, then titles that begin
// with what was typed, then the closest
export async function suggestTitles(client: Db, q: string, locale: Locale): Promise<TitleSuggestion[]> {
  // A word of one character begins most titles' words: it narrows nothing and costs a walk through the whole index.
  const words = [...q.normalize("NFC").matchAll(/[\p{L}\p{N}]+/gu)]
    .map((m) => m[0])
    .filter((w) => Array.from(w).length >= 2)
    .slice(0, MAX_WORDS);
  if (!words.length) return [];
  // Parsed by the 'simple' configuration itself, so the words are lower-cased exactly as the titles were. Where the
  // database lower-cases only ASCII letters (a "C" locale), a capital Å, Æ, Ø, Ä or Ö stays one in the titles'
  // words: each word is also looked for with its other letters in capitals, as a name or an abbreviation has them.
  const anyCase = (w: string) => caseForms(w).map((f) => `${f}:*`);
  const tsq = words.map((w) => `(${anyCase(w).join(" | ")})`).join(" & ");
  const phrase = words.join(" ").toLowerCase();
  // The first TITLE_CANDIDATES matches in table order, then ranked: a common beginning ("ko") is found in the first
  // rows read, a rarer one through the title words' index, as the planner judges; either way few rows are ranked.
  const rows = await client.$queryRaw<(Omit<TitleSuggestion, "kind" | "label"> & { title: string })[]>`
    SELECT c.id, c.type, c.locale, c.slug, c.title FROM (
      SELECT i.id, i.type, i.locale, i.slug, i.title FROM "Item" i
      WHERE i."titleWords" @@ to_tsquery('simple'::regconfig, ${tsq}) AND ${visibleSql("i")}
      LIMIT ${TITLE_CANDIDATES}
    ) c
    ORDER BY (c.locale = ${locale}::"Locale") DESC, lower(c.title) LIKE ${`${escapeLike(phrase)}%`} DESC,
      word_similarity(${phrase}, lower(c.title)) DESC, length(c.title), c.title, c.id
    LIMIT ${SUGGESTED_TITLES}`;
  return rows.map(({ title, ...t }) => ({ kind: "item", ...t, label: title }));
}

// Titles, glossary terms and topics for what has been typed (nothing for fewer than MIN_SUGGEST_CHARS characters)
export async function suggest(client: Db, { q, locale }: SuggestParams, vocabulary?: Vocabulary): Promise<Suggestions> {
  if (Array.from(q.trim()).length < MIN_SUGGEST_CHARS || !typedWords(q).length) return noSuggestions;
  const [items, words] = await Promise.all([suggestTitles(client, q, locale), vocabulary ?? loadVocabulary(client)]);
  return { items, ...matchVocabulary(words, q, locale) };
}
