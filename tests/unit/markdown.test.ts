import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/markdown";

describe("Markdown rendering", () => {
  it("renders GitHub-flavoured Markdown with heading ids and a heading list", async () => {
    const { html, headings } = await renderMarkdown(
      "## Baggrund\n\n- én\n- to\n\n### Detaljer\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    );
    expect(html).toContain('<h2 id="user-content-baggrund">Baggrund</h2>');
    expect(html).toContain("<li>én</li>");
    expect(html).toContain("<table>");
    expect(headings).toEqual([
      { id: "user-content-baggrund", text: "Baggrund", depth: 2 },
      { id: "user-content-detaljer", text: "Detaljer", depth: 3 },
    ]);
  });

  it("drops raw HTML, scripts and event handlers", async () => {
    const { html } = await renderMarkdown(
      'Hej <script>alert(1)</script> <img src=x onerror="alert(2)"> <b onclick="x()">fed</b>\n\n<iframe src="https://evil.example"></iframe>',
    );
    expect(html).not.toMatch(/<script|<img|onerror|onclick|<iframe/i);
    expect(html).toContain("<p>Hej");
  });

  it("removes javascript: links but keeps ordinary ones", async () => {
    const { html } = await renderMarkdown("[ond](javascript:alert(1)) og [god](https://example.org/side)");
    expect(html).not.toContain("javascript:");
    expect(html).toContain('href="https://example.org/side"');
  });

  it("prefixes every generated id, so a heading cannot take one of the page's own ids", async () => {
    const { html, headings } = await renderMarkdown(
      "## __next_f\n\n## main-content\n\nSe [baggrund](#baggrund) og en note[^1].\n\n## Baggrund\n\n[^1]: Noten.",
    );
    const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    for (const id of ids) expect(id).toMatch(/^user-content-/);
    expect(html).not.toMatch(/id="__next_f"|id="main-content"/);
    expect(headings.map((h) => h.id)).toContain("user-content-__next_f");
    // The table of contents links to the ids the page has; in-page links and footnotes reach their targets.
    for (const heading of headings) expect(ids).toContain(heading.id);
    const targets = [...html.matchAll(/href="#([^"]*)"/g)].map((m) => m[1]!);
    expect(targets).toContain("user-content-baggrund");
    for (const target of targets) expect(ids).toContain(target);
  });
});
