import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/markdown";

describe("Markdown rendering", () => {
  it("renders GitHub-flavoured Markdown with heading ids and a heading list", async () => {
    const { html, headings } = await renderMarkdown(
      "## Baggrund\n\n- én\n- to\n\n### Detaljer\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    );
    expect(html).toContain('<h2 id="baggrund">Baggrund</h2>');
    expect(html).toContain("<li>én</li>");
    expect(html).toContain("<table>");
    expect(headings).toEqual([
      { id: "baggrund", text: "Baggrund", depth: 2 },
      { id: "detaljer", text: "Detaljer", depth: 3 },
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
});
