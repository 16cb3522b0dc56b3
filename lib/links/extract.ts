// The external addresses an item links to: links and images in its Markdown text, its source address (reference
// documents' sourceUrl, and any url a source in `sources` names) and attachments kept at an outside address.
// Only http and https count; the fragment is dropped (the server never sees it), so one address is checked once.
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import { visit } from "unist-util-visit";

export type LinkOrigin = "body" | "source" | "attachment";
export type ExtractedLink = { url: string; origin: LinkOrigin; label: string };

export type LinkSource = {
  body: string;
  sourceUrl?: string | null;
  sources?: unknown;
  attachments?: { title: string; location: string }[];
};

const maxUrlLength = 2048;

// The address as it is checked: absolute http(s), no fragment, no user name or password; null for anything else
export function normalizeLinkUrl(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^https?:\/\//i.test(trimmed) || trimmed.length > maxUrlLength) return null;
  try {
    const url = new URL(trimmed);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (!url.hostname || url.username || url.password) return null;
    url.hash = "";
    return url.href;
  } catch {
    return null;
  }
}

type MdNode = {
  type: string;
  value?: string;
  url?: string;
  alt?: string | null;
  label?: string | null;
  children?: MdNode[];
};

function textOf(node: MdNode): string {
  if (typeof node.value === "string") return node.value;
  if (node.type === "image") return node.alt ?? "";
  return (node.children ?? []).map(textOf).join("");
}

const parser = unified().use(remarkParse).use(remarkGfm);

// Every external link of a Markdown text, with its text (a bare address has itself as text)
export function markdownLinks(markdown: string): { url: string; label: string }[] {
  const tree = parser.parse(markdown) as MdNode;
  const found: { url: string; label: string }[] = [];
  visit(tree as never, (node: MdNode) => {
    if ((node.type === "link" || node.type === "image" || node.type === "definition") && node.url) {
      const label = node.type === "definition" ? (node.label ?? "") : textOf(node);
      found.push({ url: node.url, label: label.replace(/\s+/g, " ").trim() });
    }
  });
  return found;
}

// The external links of one item, each address once per origin (the first text wins)
export function extractItemLinks(item: LinkSource): ExtractedLink[] {
  const out = new Map<string, ExtractedLink>();
  const add = (raw: string | null | undefined, origin: LinkOrigin, label: string) => {
    const url = raw ? normalizeLinkUrl(raw) : null;
    if (!url) return;
    const key = `${origin} ${url}`;
    if (!out.has(key)) out.set(key, { url, origin, label: label.slice(0, 300) });
  };
  for (const link of markdownLinks(item.body)) add(link.url, "body", link.label);
  add(item.sourceUrl, "source", "");
  if (Array.isArray(item.sources)) {
    for (const source of item.sources as unknown[]) {
      if (source && typeof source === "object") {
        const { url, title } = source as { url?: unknown; title?: unknown };
        if (typeof url === "string") add(url, "source", typeof title === "string" ? title : "");
      }
    }
  }
  for (const attachment of item.attachments ?? []) add(attachment.location, "attachment", attachment.title);
  return [...out.values()];
}
