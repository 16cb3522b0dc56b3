// Plain-language checks of an item's Markdown text ("klarsprog", "klarspråk"): LIX with its band, the sentences and
// paragraphs that pull it up, word count and reading time, heading order, vague link texts and links without text.
// Pure and synchronous, so the editor runs it as the editor types and the item list on the server.
//
// Counting (the usual LIX conventions): a word is a run of letters or digits (hyphenated compounds are one word); a
// long word has more than `longWordLetters` letters; a sentence ends at ".", "!", "?" or ":" followed by a capital
// letter, a digit or the end of the block, and every heading, list item and paragraph ends one. LIX = words per
// sentence + 100 × long words / words. Code blocks, images, HTML and bare addresses are not text.
import {
  hardParagraphLix,
  lixBands,
  longParagraphWords,
  longSentenceWords,
  longWordLetters,
  paragraphMinWords,
  vagueLinkTexts,
  wordsPerMinute,
  type LixBand,
} from "./thresholds";

export type SentenceReport = { text: string; words: number; longWords: number; long: boolean };
export type ParagraphReport = {
  index: number;
  sentences: SentenceReport[];
  words: number;
  lix: number;
  hard: boolean;
  long: boolean;
};
export type HeadingIssue = { text: string; level: number; problem: "h1" | "skipped"; expected: number };
export type LinkIssue = { text: string; url: string };

export type PlainLanguageReport = {
  words: number;
  sentences: number;
  longWords: number;
  lix: number;
  band: LixBand;
  readingMinutes: number;
  paragraphs: ParagraphReport[];
  longSentences: SentenceReport[];
  hardParagraphs: ParagraphReport[];
  headingIssues: HeadingIssue[];
  vagueLinks: LinkIssue[];
  emptyLinks: LinkIssue[];
};

const wordPattern = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
const letterPattern = /\p{L}/gu;

// The words of a text and how many of them are long
export function countWords(text: string): { words: number; longWords: number } {
  let words = 0;
  let longWords = 0;
  for (const match of text.matchAll(wordPattern)) {
    words++;
    if ((match[0].match(letterPattern)?.length ?? 0) > longWordLetters) longWords++;
  }
  return { words, longWords };
}

// LIX of counted text, rounded to one decimal; 0 for no text
export function lixOf(words: number, sentences: number, longWords: number): number {
  if (!words) return 0;
  return Math.round((words / Math.max(1, sentences) + (100 * longWords) / words) * 10) / 10;
}

// The band a LIX falls in
export function lixBand(lix: number): LixBand {
  let band: LixBand = lixBands[0].band;
  for (const b of lixBands) if (lix >= b.from) band = b.band;
  return band;
}

// Split one block of text into sentences
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const pattern = /[.!?:]+["'”’)]*\s+(?=["'“(]*[\p{Lu}\p{N}])/gu;
  let start = 0;
  for (const match of text.matchAll(pattern)) {
    const end = match.index + match[0].length;
    out.push(text.slice(start, end).trim());
    start = end;
  }
  out.push(text.slice(start).trim());
  return out.filter((s) => countWords(s).words > 0);
}

type Inline = { text: string; links: LinkIssue[] };

// Markdown inline markup to plain text, with the links it holds
function inlineText(source: string): Inline {
  const links: LinkIssue[] = [];
  let text = source
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g, (_m, label: string, url: string) => {
      const plain = label.replace(/[*_`]/g, "").trim();
      links.push({ text: plain, url });
      return label;
    })
    .replace(/<https?:[^>]*>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(\*\*|__|\*|_|~~)(?=\S)([\s\S]*?\S)\1/g, "$2");
  text = text.replace(/\s+/g, " ").trim();
  return { text, links };
}

type Block = { kind: "heading"; level: number; text: string } | { kind: "paragraph"; segments: string[] };

// The Markdown's headings and paragraphs (list items are segments of their paragraph); code blocks left out
function blocksOf(markdown: string): { blocks: Block[]; links: LinkIssue[] } {
  const blocks: Block[] = [];
  const links: LinkIssue[] = [];
  let segments: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    if (segments.length) blocks.push({ kind: "paragraph", segments });
    segments = [];
  };
  const take = (raw: string) => {
    const inline = inlineText(raw);
    links.push(...inline.links);
    return inline.text;
  };
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const fenceMark = /^\s{0,3}(```|~~~)/.exec(line)?.[1];
    if (fence) {
      if (fenceMark === fence) fence = null;
      continue;
    }
    if (fenceMark) {
      flush();
      fence = fenceMark;
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: "heading", level: heading[1]!.length, text: take(heading[2]!) });
      continue;
    }
    const item = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    const quoted = line.replace(/^\s*>\s?/, "");
    if (item) segments.push(take(item[1]!));
    else if (/^\s*\|/.test(line)) {
      // A table row: each cell is a segment of its own.
      if (/^\s*\|?\s*:?-{3,}/.test(line)) continue;
      for (const cell of line.split("|")) if (cell.trim()) segments.push(take(cell));
    } else if (segments.length) segments[segments.length - 1] += ` ${take(quoted)}`;
    else segments.push(take(quoted));
  }
  flush();
  return { blocks, links };
}

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[.,:;!?»«"'“”()[\]…-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();

// Check one text in Danish or Swedish
export function analyseText(markdown: string, locale: "da" | "sv"): PlainLanguageReport {
  const { blocks, links } = blocksOf(markdown);
  const paragraphs: ParagraphReport[] = [];
  const headingIssues: HeadingIssue[] = [];
  let words = 0;
  let sentences = 0;
  let longWords = 0;
  let previousLevel = 1;
  for (const block of blocks) {
    if (block.kind === "heading") {
      const count = countWords(block.text);
      words += count.words;
      longWords += count.longWords;
      if (count.words) sentences++;
      if (block.level === 1) headingIssues.push({ text: block.text, level: 1, problem: "h1", expected: 2 });
      else if (block.level > previousLevel + 1)
        headingIssues.push({ text: block.text, level: block.level, problem: "skipped", expected: previousLevel + 1 });
      previousLevel = Math.max(block.level, 1);
      continue;
    }
    const found: SentenceReport[] = [];
    for (const segment of block.segments)
      for (const sentence of splitSentences(segment)) {
        const c = countWords(sentence);
        found.push({ text: sentence, words: c.words, longWords: c.longWords, long: c.words > longSentenceWords });
      }
    if (!found.length) continue;
    const pWords = found.reduce((n, s) => n + s.words, 0);
    const pLong = found.reduce((n, s) => n + s.longWords, 0);
    const lix = lixOf(pWords, found.length, pLong);
    words += pWords;
    longWords += pLong;
    sentences += found.length;
    paragraphs.push({
      index: paragraphs.length,
      sentences: found,
      words: pWords,
      lix,
      hard: pWords >= paragraphMinWords && lix >= hardParagraphLix,
      long: pWords > longParagraphWords,
    });
  }
  const vague = new Set(vagueLinkTexts[locale].map(normalise));
  const lix = lixOf(words, sentences, longWords);
  return {
    words,
    sentences,
    longWords,
    lix,
    band: lixBand(lix),
    readingMinutes: words ? Math.max(1, Math.round(words / wordsPerMinute)) : 0,
    paragraphs,
    longSentences: paragraphs.flatMap((p) => p.sentences.filter((s) => s.long)),
    hardParagraphs: paragraphs.filter((p) => p.hard || p.long),
    headingIssues,
    vagueLinks: links.filter((l) => l.text && vague.has(normalise(l.text))),
    emptyLinks: links.filter((l) => !countWords(l.text).words),
  };
}
