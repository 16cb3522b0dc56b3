// RSS 2.0 documents. Written by hand: the format is small, and every value passes through xmlEscape.
import type { Locale } from "@/lib/i18n/routing";

export type RssChannel = {
  title: string;
  /** The home page the feed belongs to. */
  link: string;
  description: string;
  language: Locale;
  /** The feed's own address, for atom:link rel="self". */
  self: string;
};

export type RssItem = {
  title: string;
  link: string;
  description: string;
  /** ISO date; left out of the feed when unknown. */
  publishedAt: string | null;
  category?: string;
  /** The item's own language, given when it differs from the channel's. */
  language: Locale;
};

// Characters XML 1.0 does not allow at all (control characters, lone surrogates, U+FFFE/FFFF).
const invalidXml = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// Escape text for an XML element or attribute value, dropping characters XML cannot hold
export function xmlEscape(text: string): string {
  return text
    .replace(invalidXml, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const rfc822 = (iso: string) => new Date(iso).toUTCString();

// An RSS 2.0 document with atom:link rel="self", a guid and (when known) a pubDate per item
export function buildRss(channel: RssChannel, items: RssItem[]): string {
  const dated = items.map((i) => i.publishedAt).filter((d): d is string => d !== null);
  const newest = dated.sort().at(-1);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
    `<channel>`,
    `<title>${xmlEscape(channel.title)}</title>`,
    `<link>${xmlEscape(channel.link)}</link>`,
    `<description>${xmlEscape(channel.description)}</description>`,
    `<language>${channel.language}</language>`,
    `<atom:link href="${xmlEscape(channel.self)}" rel="self" type="application/rss+xml"/>`,
    ...(newest ? [`<lastBuildDate>${rfc822(newest)}</lastBuildDate>`] : []),
    ...items.map((item) =>
      [
        `<item>`,
        `<title>${xmlEscape(item.title)}</title>`,
        `<link>${xmlEscape(item.link)}</link>`,
        `<guid isPermaLink="true">${xmlEscape(item.link)}</guid>`,
        `<description>${xmlEscape(item.description)}</description>`,
        ...(item.publishedAt ? [`<pubDate>${rfc822(item.publishedAt)}</pubDate>`] : []),
        ...(item.category ? [`<category>${xmlEscape(item.category)}</category>`] : []),
        ...(item.language !== channel.language ? [`<dc:language>${item.language}</dc:language>`] : []),
        `</item>`,
      ].join(""),
    ),
    `</channel>`,
    `</rss>`,
  ];
  return lines.join("\n") + "\n";
}
