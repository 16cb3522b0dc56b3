// Glossary hints in a text of the other language: the first occurrence of each glossary term under each heading is
// marked with a link to its glossary entry and a tooltip that gives the counterpart in the reader's language. Words
// are compared by their stems (PostgreSQL's Danish or Swedish stemmer, the search's own, looked up by the caller), so
// inflected forms are found. Nothing is marked inside a link, code or a heading (a heading starts a new section, and
// the text under it gets the marks).
import type { Element, ElementContent, Root, RootContent, Text } from "hast";
import { unified } from "unified";
import rehypeStringify from "rehype-stringify";

export type MarkTerm = {
  slug: string;
  /** The counterpart in the reader's language */
  counterpart: string;
  /** The term and its synonyms in the text's language, each as the stems of its words */
  variants: string[][];
  /** The tooltip's whole text instead of the counterpart (a false friend's explanation) */
  note?: string;
};

export type MarkContext = {
  terms: MarkTerm[];
  /** The stem of a lower-cased word (a stop word or an unknown word is itself) */
  stemOf: (word: string) => string;
  /** The glossary page's path in the reader's language */
  glossaryPath: string;
  /** What the tooltip says before the counterpart, e.g. "Dansk:" */
  counterpartLabel: string;
  readerLocale: string;
  /** Shared by the title, summary and body of a page, so that ids stay unique */
  counter: { next: number };
};

const word = /[\p{L}\p{N}]+/gu;
const skipped = new Set(["a", "code", "pre", "kbd", "samp", "script", "style", "button"]);
const sectionStarts = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

// The words of a text with their places
export function wordsOf(text: string): { word: string; start: number; end: number }[] {
  return [...text.matchAll(word)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
}

type Found = { term: MarkTerm; start: number; end: number };

// The first term that starts at word i, the longest variant first
function termAt(
  words: { word: string; start: number; end: number }[],
  stems: string[],
  text: string,
  i: number,
  terms: MarkTerm[],
): Found | null {
  let best: Found | null = null;
  for (const term of terms) {
    for (const variant of term.variants) {
      if (!variant.length || i + variant.length > words.length) continue;
      if (best && best.end - best.start >= words[i + variant.length - 1]!.end - words[i]!.start) continue;
      let ok = true;
      for (let k = 0; k < variant.length && ok; k++) {
        ok = stems[i + k] === variant[k];
        // The words of a term stand side by side, with only spaces between them
        if (ok && k > 0 && text.slice(words[i + k - 1]!.end, words[i + k]!.start).trim() !== "") ok = false;
      }
      if (ok) best = { term, start: words[i]!.start, end: words[i + variant.length - 1]!.end };
    }
  }
  return best;
}

function mark(text: string, term: MarkTerm, context: MarkContext): Element {
  const id = `gloss-${context.counter.next++}`;
  return {
    type: "element",
    tagName: "span",
    properties: { className: ["gloss-wrap"] },
    children: [
      {
        type: "element",
        tagName: "a",
        properties: {
          className: ["gloss"],
          href: `${context.glossaryPath}#${term.slug}`,
          ariaDescribedBy: [id],
          dataGloss: term.slug,
        },
        children: [{ type: "text", value: text }],
      },
      {
        type: "element",
        tagName: "span",
        properties: { id, role: "tooltip", className: ["gloss-tip"], lang: context.readerLocale, hidden: true },
        children: [{ type: "text", value: term.note ?? `${context.counterpartLabel} ${term.counterpart}` }],
      },
    ],
  };
}

// Split one text node around the terms not yet marked in its section
function markText(node: Text, marked: Set<string>, context: MarkContext): ElementContent[] {
  const text = node.value;
  const words = wordsOf(text);
  if (!words.length) return [node];
  const stems = words.map((w) => context.stemOf(w.word.toLowerCase()));
  const out: ElementContent[] = [];
  let at = 0;
  for (let i = 0; i < words.length; i++) {
    const found = termAt(
      words,
      stems,
      text,
      i,
      context.terms.filter((t) => !marked.has(t.slug)),
    );
    if (!found) continue;
    marked.add(found.term.slug);
    if (found.start > at) out.push({ type: "text", value: text.slice(at, found.start) });
    out.push(mark(text.slice(found.start, found.end), found.term, context));
    at = found.end;
    while (i + 1 < words.length && words[i + 1]!.start < found.end) i++;
  }
  if (!out.length) return [node];
  if (at < text.length) out.push({ type: "text", value: text.slice(at) });
  return out;
}

// Mark the terms in a tree: each heading starts a section in which each term is marked once
export function markTerms(tree: Root, context: MarkContext) {
  if (!context.terms.length) return;
  let marked = new Set<string>();
  const walk = (parent: Root | Element) => {
    const children: (RootContent | ElementContent)[] = [];
    for (const child of parent.children) {
      if (child.type === "text") {
        children.push(...markText(child, marked, context));
        continue;
      }
      if (child.type === "element") {
        if (sectionStarts.has(child.tagName)) marked = new Set();
        else if (!skipped.has(child.tagName)) walk(child);
      }
      children.push(child);
    }
    parent.children = children as typeof parent.children;
  };
  walk(tree);
}

// A line of plain text (a title, a summary) as HTML with its terms marked
export function markPlainText(text: string, context: MarkContext): string {
  const tree: Root = { type: "root", children: [{ type: "text", value: text }] };
  markTerms(tree, context);
  return unified().use(rehypeStringify).stringify(tree);
}
