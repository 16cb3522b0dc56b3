// Every threshold of the plain-language checks, in one place (docs/admin.md, "Plain language").

/** A word with more letters than this is a long word (LIX). */
export const longWordLetters = 6;

/** LIX bands (Björnsson), the lower bound of each: 0–24 very easy, 25–34 easy, 35–44 medium, 45–54 hard, 55+ very hard. */
export const lixBands = [
  { band: "veryEasy", from: 0 },
  { band: "easy", from: 25 },
  { band: "medium", from: 35 },
  { band: "hard", from: 45 },
  { band: "veryHard", from: 55 },
] as const;

export type LixBand = (typeof lixBands)[number]["band"];

/** The LIX a text for the general public should stay under (the "medium" band's upper end). */
export const targetLix = 45;

/** A sentence with more words than this is marked as one to shorten. */
export const longSentenceWords = 25;

/** A paragraph is marked as pulling the text up when its own LIX is at least this (and it has enough words to judge)… */
export const hardParagraphLix = 55;
/** …and at least this many words. */
export const paragraphMinWords = 20;
/** A paragraph with more words than this is marked as too long to read in one go. */
export const longParagraphWords = 120;

/** Reading speed for the reading time: words per minute of an adult reading a screen. */
export const wordsPerMinute = 200;

/** Link texts that say nothing about where the link leads, compared lower-case with the punctuation trimmed. */
export const vagueLinkTexts: Record<"da" | "sv", readonly string[]> = {
  da: [
    "klik her",
    "klik",
    "her",
    "læs mere",
    "læs mere her",
    "læs her",
    "mere",
    "se mere",
    "se her",
    "link",
    "linket",
    "dette link",
    "denne side",
    "hent",
    "download",
  ],
  sv: [
    "klicka här",
    "klicka",
    "här",
    "läs mer",
    "läs mer här",
    "läs här",
    "mer",
    "se mer",
    "se här",
    "länk",
    "länken",
    "denna länk",
    "den här sidan",
    "ladda ner",
    "hämta",
  ],
};
