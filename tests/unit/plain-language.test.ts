import { describe, expect, it } from "vitest";
import { analyseText, countWords, lixBand, lixOf, splitSentences } from "@/lib/plain-language/analyse";
import { longSentenceWords, wordsPerMinute } from "@/lib/plain-language/thresholds";

// Scores below are counted by hand: words per sentence + 100 × words of more than six letters / words.
describe("plain-language checks", () => {
  it("gives the LIX of a Danish text counted by hand (7 words, 2 sentences, 4 long: 3.5 + 57.1 = 60.6)", () => {
    // Kommunen* køber ind. Virksomheden* ansætter* ledige borgere*.
    const report = analyseText("Kommunen køber ind. Virksomheden ansætter ledige borgere.", "da");
    expect(report).toMatchObject({ words: 7, sentences: 2, longWords: 4, lix: 60.6, band: "veryHard" });
  });

  it("gives the LIX of an easy Swedish text (11 words, 3 sentences, no long word: 3.7)", () => {
    const report = analyseText("Vi har en plan. Den är bra. Alla kan läsa den.", "sv");
    expect(report).toMatchObject({ words: 11, sentences: 3, longWords: 0, lix: 3.7, band: "veryEasy" });
  });

  it("counts six letters as short and seven as long, and a hyphenated compound as one word", () => {
    expect(countWords("ledige borgere")).toEqual({ words: 2, longWords: 1 });
    expect(countWords("EU-midler og 2026")).toEqual({ words: 3, longWords: 1 });
  });

  it("counts a heading as a sentence of its own", () => {
    // "Om planen" (2 words) + "Vi har en plan" (4) + "Den er god" (3): 9 words, 3 sentences, no long word.
    const report = analyseText("## Om planen\n\nVi har en plan. Den er god.", "da");
    expect(report).toMatchObject({ words: 9, sentences: 3, lix: 3 });
  });

  it("ends sentences only before a capital or a digit, so abbreviations do not split them", () => {
    expect(splitSentences("Det gælder f.eks. kommunerne. Og regionerne.")).toEqual([
      "Det gælder f.eks. kommunerne.",
      "Og regionerne.",
    ]);
    expect(splitSentences("Husk: Planen gælder nu. Husk følgende: planen gælder.")).toHaveLength(3);
  });

  it("marks a sentence over the limit to shorten and leaves one at the limit", () => {
    const words = (n: number) => Array.from({ length: n }, () => "ord").join(" ");
    const report = analyseText(
      `${words(longSentenceWords + 1)}. ${words(longSentenceWords).replace(/^o/, "O")}.`,
      "da",
    );
    expect(report.sentences).toBe(2);
    expect(report.longSentences).toHaveLength(1);
    expect(report.longSentences[0]!.words).toBe(longSentenceWords + 1);
  });

  it("marks the paragraph that pulls the text up, with its own LIX (20 words, 2 sentences, 10 long: 60)", () => {
    const hard =
      "Socialøkonomiske virksomheder skaber arbejdspladser for mennesker på kanten af arbejdsmarkedet. " +
      "Socialøkonomiske virksomheder skaber arbejdspladser for mennesker på kanten af arbejdsmarkedet.";
    const report = analyseText(`Vi har en plan. Den er god.\n\n${hard}`, "da");
    expect(report.paragraphs.map((p) => p.lix)).toEqual([3.5, 60]);
    expect(report.hardParagraphs.map((p) => p.index)).toEqual([1]);
    // The whole: 27 words, 4 sentences, 10 long: 6.75 + 37.04 = 43.8.
    expect(report.lix).toBe(43.8);
    expect(report.band).toBe("medium");
  });

  it("gives the word count and the reading time", () => {
    const text = Array.from({ length: wordsPerMinute * 2 }, () => "ord").join(" ");
    expect(analyseText(text, "da")).toMatchObject({ words: wordsPerMinute * 2, readingMinutes: 2 });
    expect(analyseText("", "da")).toMatchObject({ words: 0, lix: 0, readingMinutes: 0 });
  });

  it("finds a level-1 heading and a skipped level", () => {
    const report = analyseText("# Titel\n\n## Del\n\n#### Detalje\n\n### Ok", "da");
    expect(report.headingIssues).toEqual([
      { text: "Titel", level: 1, problem: "h1", expected: 2 },
      { text: "Detalje", level: 4, problem: "skipped", expected: 3 },
    ]);
  });

  it("finds vague link texts in each language and links without text", () => {
    const da = analyseText("[Klik her](https://a.dk) og [**Læs mere**](/b) om [planen for 2026](/c). [](/d)", "da");
    expect(da.vagueLinks.map((l) => l.url)).toEqual(["https://a.dk", "/b"]);
    expect(da.emptyLinks.map((l) => l.url)).toEqual(["/d"]);
    const sv = analyseText("[Läs mer.](/a) och [här](/b), men [klik her](/c) är danska.", "sv");
    expect(sv.vagueLinks.map((l) => l.url)).toEqual(["/a", "/b"]);
  });

  it("leaves code blocks, images and bare addresses out of the text", () => {
    const report = analyseText(
      "Vi har en plan.\n\n```\nSocialøkonomiske virksomheder\n```\n\n![Diagram](/x.png) https://eksempel.dk/side",
      "da",
    );
    expect(report).toMatchObject({ words: 4, sentences: 1, longWords: 0 });
  });

  it("names the bands by their usual limits", () => {
    expect([0, 24.9, 25, 34.9, 35, 44.9, 45, 54.9, 55].map(lixBand)).toEqual([
      "veryEasy",
      "veryEasy",
      "easy",
      "easy",
      "medium",
      "medium",
      "hard",
      "hard",
      "veryHard",
    ]);
    expect(lixOf(10, 0, 5)).toBe(60);
  });
});
