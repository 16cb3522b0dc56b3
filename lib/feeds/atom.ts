// Atom 1.0 documents (RFC 4287). Written by hand like the RSS feed: the format is small, and every value passes
// through the one tested XML escape (lib/seo/rss.ts). tests/fixtures/atom.rng is RFC 4287's schema; the tests
// validate what this writes against it with xmllint.
import { xmlEscape } from "@/lib/seo/rss";
import type { Locale } from "@/lib/i18n/routing";

export type AtomFeed = {
  title: string;
  /** The feed's own address, which is also its id. */
  self: string;
  /** The page the feed follows. */
  alternate: string;
  language: Locale;
  author: string;
};

export type AtomEntry = {
  /** A permanent id: the item's urn:uuid. */
  id: string;
  title: string;
  link: string;
  summary: string;
  /** ISO times. */
  published: string | null;
  updated: string;
  category: { term: string; label: string };
  /** The entry's own language, marked when it differs from the feed's. */
  language: Locale;
};

// A time as RFC 3339 requires it (xsd:dateTime with a zone)
const rfc3339 = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, "Z");

/** The time an empty feed names as its last update. */
export const EPOCH = "1970-01-01T00:00:00Z";

// An Atom feed document with its entries
export function buildAtom(feed: AtomFeed, entries: AtomEntry[]): string {
  const updated =
    entries
      .map((e) => rfc3339(e.updated))
      .sort()
      .at(-1) ?? EPOCH;
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feed.language}">`,
    `<id>${xmlEscape(feed.self)}</id>`,
    `<title type="text">${xmlEscape(feed.title)}</title>`,
    `<updated>${updated}</updated>`,
    `<author><name>${xmlEscape(feed.author)}</name></author>`,
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(feed.self)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlEscape(feed.alternate)}"/>`,
    ...entries.map((entry) =>
      [
        entry.language === feed.language ? `<entry>` : `<entry xml:lang="${entry.language}">`,
        `<id>${xmlEscape(entry.id)}</id>`,
        `<title type="text">${xmlEscape(entry.title)}</title>`,
        `<link rel="alternate" type="text/html" href="${xmlEscape(entry.link)}"/>`,
        ...(entry.published ? [`<published>${rfc3339(entry.published)}</published>`] : []),
        `<updated>${rfc3339(entry.updated)}</updated>`,
        `<category term="${xmlEscape(entry.category.term)}" label="${xmlEscape(entry.category.label)}"/>`,
        `<summary type="text">${xmlEscape(entry.summary)}</summary>`,
        `</entry>`,
      ].join(""),
    ),
    `</feed>`,
  ];
  return lines.join("\n") + "\n";
}
