import { describe, expect, it } from "vitest";
import { buildRss, xmlEscape, type RssChannel, type RssItem } from "@/lib/seo/rss";

const channel: RssChannel = {
  title: "Socialøkonomi i kommunerne: nyt indhold",
  link: "https://kb.example.org/da",
  description: "Vejledning & cases",
  language: "da",
  self: "https://kb.example.org/da/rss.xml",
};

const items: RssItem[] = [
  {
    title: `Kommuner <og> "socialøkonomi" & 'partnerskaber'`,
    link: "https://kb.example.org/da/cases/a?x=1&y=2",
    description: "Resumé med </description> indeni",
    publishedAt: "2021-01-01T00:00:00.000Z",
    category: "Case",
    language: "da",
  },
  {
    title: "Ett svenskt exempel",
    link: "https://kb.example.org/da/cases/b",
    description: "Sammanfattning",
    publishedAt: null,
    language: "sv",
  },
];

describe("RSS feed", () => {
  const xml = buildRss(channel, items);

  it("escapes the five XML special characters and drops characters XML cannot hold", () => {
    expect(xmlEscape(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    expect(xmlEscape("a\u0000b\u0008c\uFFFEd")).toBe("abcd");
    expect(xmlEscape("emoji 🙂 stays")).toBe("emoji 🙂 stays");
  });

  it("is an RSS 2.0 document with the channel's language and an atom:link to itself", () => {
    expect(xml.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"`)).toBe(true);
    expect(xml).toContain(`xmlns:atom="http://www.w3.org/2005/Atom"`);
    expect(xml).toContain(
      `<atom:link href="https://kb.example.org/da/rss.xml" rel="self" type="application/rss+xml"/>`,
    );
    expect(xml).toContain("<language>da</language>");
    expect(xml).toContain("<description>Vejledning &amp; cases</description>");
    expect(xml).toContain("<lastBuildDate>Fri, 01 Jan 2021 00:00:00 GMT</lastBuildDate>");
  });

  it("gives every item a guid, and a pubDate in RFC 822 form when its date is known", () => {
    const entries = xml.match(/<item>.*?<\/item>/g)!;
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain(`<guid isPermaLink="true">https://kb.example.org/da/cases/a?x=1&amp;y=2</guid>`);
    expect(entries[0]).toContain("<pubDate>Fri, 01 Jan 2021 00:00:00 GMT</pubDate>");
    expect(entries[0]).toContain(
      "<title>Kommuner &lt;og&gt; &quot;socialøkonomi&quot; &amp; &apos;partnerskaber&apos;</title>",
    );
    expect(entries[0]).toContain("<description>Resumé med &lt;/description&gt; indeni</description>");
    expect(entries[0]).toContain("<category>Case</category>");
    expect(entries[1]).toContain(`<guid isPermaLink="true">https://kb.example.org/da/cases/b</guid>`);
    expect(entries[1]).not.toContain("<pubDate>");
  });

  it("marks only the items written in another language than the channel's", () => {
    const entries = xml.match(/<item>.*?<\/item>/g)!;
    expect(entries[0]).not.toContain("dc:language");
    expect(entries[1]).toContain("<dc:language>sv</dc:language>");
  });
});
