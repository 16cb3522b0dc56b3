// Markdown to safe HTML: GitHub-flavoured Markdown, raw HTML dropped and the result sanitized
// against rehype-sanitize's GitHub-like allow-list, headings given ids (prefixed "user-content-") for the
// table of contents.
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkRehype from "remark-rehype";
import rehypeSanitize from "rehype-sanitize";
import rehypeSlug from "rehype-slug";
import rehypeStringify from "rehype-stringify";
import { visit } from "unist-util-visit";
import type { Root, Element } from "hast";
import { markTerms, type MarkContext } from "@/lib/catalogue/glossary-marks";

export type Heading = { id: string; text: string; depth: 2 | 3 };

// Raise when the pipeline's output changes, so that stored renderings are made again.
export const rendererVersion = 2;

function textOf(node: Element): string {
  let out = "";
  visit(node, "text", (t: { value: string }) => {
    out += t.value;
  });
  return out;
}

function collectHeadings(headings: Heading[]) {
  return () => (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      if ((node.tagName === "h2" || node.tagName === "h3") && typeof node.properties?.id === "string") {
        headings.push({ id: node.properties.id, text: textOf(node), depth: node.tagName === "h2" ? 2 : 3 });
      }
    });
  };
}

const idPrefix = "user-content-";

// In-page links (#baggrund, footnotes' #fn-1) point at the prefixed id when the document has one.
function linkPrefixedTargets() {
  return (tree: Root) => {
    const ids = new Set<string>();
    visit(tree, "element", (node: Element) => {
      if (typeof node.properties?.id === "string") ids.add(node.properties.id);
    });
    visit(tree, "element", (node: Element) => {
      const href = node.tagName === "a" ? node.properties?.href : undefined;
      if (typeof href !== "string" || !href.startsWith("#")) return;
      const target = decodeURIComponentSafe(href.slice(1));
      if (!ids.has(target) && ids.has(idPrefix + target)) node.properties.href = `#${idPrefix}${target}`;
    });
  };
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// Render Markdown to sanitized HTML and list its h2/h3 headings; with `marks`, the glossary's terms are marked for a
// reader of the other language (after the sanitizer: the marks are the site's own markup, not the author's)
export async function renderMarkdown(
  markdown: string,
  marks?: MarkContext,
): Promise<{ html: string; headings: Heading[] }> {
  const headings: Heading[] = [];
  const file = await unified()
    .use(remarkParse)
    .use(remarkGfm)
    // Raw HTML in the Markdown is dropped here, not passed through. Footnote ids are left bare: the
    // sanitizer below prefixes every id once.
    .use(remarkRehype, { clobberPrefix: "" })
    // Slugs first, so that the sanitizer prefixes every id (and name) with "user-content-": no heading
    // can take an id the page itself uses (`## __next_f` would otherwise give id="__next_f").
    .use(rehypeSlug)
    .use(rehypeSanitize)
    .use(linkPrefixedTargets)
    .use(collectHeadings(headings))
    .use(() => (tree: Root) => {
      if (marks) markTerms(tree, marks);
    })
    .use(rehypeStringify)
    .process(markdown);
  return { html: String(file), headings };
}

// The stored rendering of a body, as written beside the Markdown in the Item table
export async function renderedBody(body: string) {
  const { html, headings } = await renderMarkdown(body);
  return { bodyHtml: html, bodyHeadings: headings, bodyRenderer: rendererVersion };
}
