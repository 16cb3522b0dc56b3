// Glossary marks in a text of the other language: the first occurrence of a term under each heading, inflected forms
// through the stems, multi-word terms only with spaces between their words, and nothing inside links or code.
import { describe, expect, it } from "vitest";
import { markPlainText, type MarkContext } from "@/lib/catalogue/glossary-marks";
import { renderMarkdown } from "@/lib/markdown";

// Stems as PostgreSQL's Swedish stemmer gives them for these words (checked against the database in
// tests/int/glossary-hints.test.ts)
const stems: Record<string, string> = {
  företag: "företag",
  företagen: "företag",
  företaget: "företag",
  sociala: "social",
  socialt: "socialt",
  upphandling: "upphandling",
  upphandlingen: "upphandling",
};

function context(): MarkContext {
  return {
    terms: [
      { slug: "socialt-foretag", counterpart: "socialøkonomisk virksomhed", variants: [["social", "företag"]] },
      { slug: "foretag", counterpart: "virksomhed", variants: [["företag"]] },
      { slug: "upphandling", counterpart: "udbud", variants: [["upphandling"]] },
    ],
    stemOf: (w) => stems[w] ?? w,
    glossaryPath: "/da/ordliste",
    counterpartLabel: "På dansk:",
    readerLocale: "da",
    counter: { next: 1 },
  };
}

describe("glossary marks", () => {
  it("mark an inflected form once per heading, with the counterpart as the mark's description", async () => {
    const { html } = await renderMarkdown(
      "Upphandlingen gick till företagen. Företaget vann upphandlingen.\n\n## Sedan företagen\n\nFöretagen växte.",
      context(),
    );
    const marks = [
      ...html.matchAll(/<a class="gloss" href="([^"]+)" aria-describedby="(gloss-\d+)"[^>]*>([^<]+)<\/a>/g),
    ];
    expect(marks.map((m) => [m[1], m[3]])).toEqual([
      ["/da/ordliste#upphandling", "Upphandlingen"],
      ["/da/ordliste#foretag", "företagen"],
      ["/da/ordliste#foretag", "Företagen"],
    ]);
    for (const [, , id] of marks)
      expect(html).toMatch(new RegExp(`<span id="${id}" role="tooltip" class="gloss-tip" lang="da" hidden>På dansk: `));
    expect(html).toContain('<span id="gloss-2" role="tooltip" class="gloss-tip" lang="da" hidden>På dansk: virksomhed');
    // The heading itself stays plain
    expect(html).toMatch(/<h2 id="[^"]+">Sedan företagen<\/h2>/);
  });

  it("prefer the longer term, and only when its words stand side by side", async () => {
    const text = markPlainText("Sociala företag och sociala, företag", context());
    expect(text).toContain(
      'href="/da/ordliste#socialt-foretag" aria-describedby="gloss-1" data-gloss="socialt-foretag">Sociala företag</a>',
    );
    expect(text).toContain(">företag</a>");
    expect(text.match(/class="gloss"/g)).toHaveLength(2);
  });

  it("leave links, code and plain words alone, and escape the text", async () => {
    const { html } = await renderMarkdown(
      "[Upphandling](https://example.org) och `företag` <b>x</b>\n\nEtt företag & <script>.",
      context(),
    );
    expect(html).toContain('<a href="https://example.org">Upphandling</a>');
    expect(html).toContain("<code>företag</code>");
    expect(html).toContain('data-gloss="foretag">företag</a>');
    expect(html).not.toContain("<script>");
    expect(markPlainText("<i>företag</i>", context())).toContain("&#x3C;i>");
  });

  it("mark nothing without terms", () => {
    expect(markPlainText("Ett företag", { ...context(), terms: [] })).toBe("Ett företag");
  });
});
