import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { JsonLd } from "@/components/seo/json-ld";
import {
  buildBreadcrumbs,
  buildHomeJsonLd,
  buildItemJsonLd,
  buildItemNode,
  serializeJsonLd,
  type JsonLdItem,
} from "@/lib/seo/json-ld";
import type { SiteContext } from "@/lib/seo/metadata";

const site: SiteContext = {
  base: "https://kb.example.org",
  name: { da: "Socialøkonomi i kommunerne", sv: "Sociala företag i kommunerna" },
  description: { da: "Dansk beskrivelse", sv: "Svensk beskrivning" },
  feedTitle: { da: "Nyt indhold", sv: "Nytt innehåll" },
};

const base: JsonLdItem = {
  type: "article",
  locale: "da",
  slug: "eksempel",
  title: "Titel",
  summary: "Resumé",
  publishedAt: "2026-11-22T13:05:44.000Z",
  sourceDate: "2021-01",
  translation: null,
  pages: null,
  isbn: null,
  periodStart: null,
  periodEnd: null,
  budget: null,
  sourceUrl: null,
  topics: [{ slug: "partnerskaber", name: "Partnerskaber" }],
  places: [{ slug: "jammerbugt", name: "Jammerbugt", country: "DK" }],
  organisations: [],
};

const org = (name: string) => ({ "@type": "Organization", name });
type Node = Record<string, unknown>;
const node = (item: Partial<JsonLdItem>) => buildItemNode({ ...base, ...item }, site) as unknown as Node;

describe("JSON-LD per item type", () => {
  it("describes an article as an Article in its language, with the site as author and publisher", () => {
    const n = node({});
    expect(n).toMatchObject({
      "@type": "Article",
      headline: "Titel",
      description: "Resumé",
      inLanguage: "da",
      datePublished: "2021-01",
      url: "https://kb.example.org/da/artikler/eksempel",
      keywords: "Partnerskaber",
      author: { "@type": "Organization", name: "Socialøkonomi i kommunerne" },
      publisher: { "@type": "Organization", name: "Socialøkonomi i kommunerne" },
    });
  });

  it("describes a case as an Article about the organisation that runs it", () => {
    const n = node({
      type: "case",
      locale: "sv",
      slug: "clean-car",
      organisations: [
        { slug: "ccs", name: "Clean Car Service", role: "owner" },
        { slug: "gbg", name: "Göteborgs stad", role: "partner" },
      ],
    });
    expect(n["@type"]).toBe("Article");
    expect(n.url).toBe("https://kb.example.org/sv/fall/clean-car");
    expect(n.about).toEqual(org("Clean Car Service"));
    expect(n.mentions).toEqual(org("Göteborgs stad"));
  });

  it("describes a case without an owner as about every organisation it names", () => {
    const n = node({
      type: "case",
      organisations: [
        { slug: "a", name: "A", role: "partner" },
        { slug: "b", name: "B", role: "commissioner" },
      ],
    });
    expect(n.about).toEqual([org("A"), org("B")]);
  });

  it("describes a publication as a Report, and as a Book when it has pages or an ISBN", () => {
    const organisations = [
      { slug: "star", name: "STAR", role: "publisher" as const },
      { slug: "rambøll", name: "Rambøll", role: "author" as const },
      { slug: "skr", name: "SKR", role: "commissioner" as const },
    ];
    expect(node({ type: "publication", organisations })).toMatchObject({
      "@type": "Report",
      publisher: org("STAR"),
      author: org("Rambøll"),
      sponsor: org("SKR"),
      inLanguage: "da",
      datePublished: "2021-01",
    });
    const printed = node({ type: "publication", organisations, pages: 64, isbn: "978-87-93072-00-0" });
    expect(printed).toMatchObject({ "@type": ["Report", "Book"], numberOfPages: 64, isbn: "978-87-93072-00-0" });
    expect(node({ type: "publication" })).not.toHaveProperty("numberOfPages");
  });

  it("describes a project as a Project with funder, partners, period and budget", () => {
    const n = node({
      type: "project",
      locale: "sv",
      slug: "natverk",
      periodStart: "2021-01-01",
      periodEnd: "2022-12-31",
      budget: { amount: 14662758, currency: "SEK" },
      organisations: [
        { slug: "skr", name: "SKR", role: "owner" },
        { slug: "esf", name: "Europeiska socialfonden", role: "funder" },
        { slug: "udd", name: "Uddevalla kommun", role: "partner" },
        { slug: "x", name: "X kommun", role: "partner" },
      ],
    });
    expect(n).toMatchObject({
      "@type": "Project",
      name: "Titel",
      url: "https://kb.example.org/sv/projekt/natverk",
      parentOrganization: org("SKR"),
      funder: org("Europeiska socialfonden"),
      member: [org("Uddevalla kommun"), org("X kommun")],
      foundingDate: "2021-01-01",
      dissolutionDate: "2022-12-31",
      funding: {
        "@type": "MonetaryGrant",
        amount: { "@type": "MonetaryAmount", value: 14662758, currency: "SEK" },
        funder: org("Europeiska socialfonden"),
      },
    });
    // Article properties that schema.org does not define for a Project stay out.
    expect(n).not.toHaveProperty("headline");
    expect(n).not.toHaveProperty("inLanguage");
  });

  it("leaves the budget out of a project that has none", () => {
    expect(node({ type: "project" })).not.toHaveProperty("funding");
  });

  it("describes a reference document as a DigitalDocument issued by its issuer", () => {
    const n = node({
      type: "reference",
      locale: "sv",
      slug: "lag",
      sourceUrl: "https://www.riksdagen.se/lag",
      organisations: [{ slug: "riksdag", name: "Sveriges riksdag", role: "issuer" }],
    });
    expect(n).toMatchObject({
      "@type": "DigitalDocument",
      url: "https://kb.example.org/sv/dokument/lag",
      publisher: org("Sveriges riksdag"),
      author: org("Sveriges riksdag"),
      isBasedOn: "https://www.riksdagen.se/lag",
      inLanguage: "sv",
    });
  });

  it("dates the item by its source, as precisely as the source does, never by the site's publishing time", () => {
    expect(node({ sourceDate: "2016" })).toMatchObject({ datePublished: "2016" });
    expect(node({ sourceDate: "2019-10-01" })).toMatchObject({ datePublished: "2019-10-01" });
    expect(node({ sourceDate: null })).not.toHaveProperty("datePublished");
  });

  it("leaves out properties without a value", () => {
    const n = node({ topics: [], places: [], sourceDate: null });
    expect(n).not.toHaveProperty("keywords");
    expect(n).not.toHaveProperty("spatialCoverage");
    expect(n).not.toHaveProperty("datePublished");
  });
});

describe("JSON-LD graphs", () => {
  it("puts the item and its breadcrumb trail in one graph", () => {
    const crumbs = [
      { name: "Forside", url: "https://kb.example.org/da" },
      { name: "Vejledninger", url: "https://kb.example.org/da/artikler" },
      { name: "Titel", url: "https://kb.example.org/da/artikler/eksempel" },
    ];
    const graph = buildItemJsonLd(base, site, crumbs);
    expect(graph["@context"]).toBe("https://schema.org");
    expect(graph["@graph"].map((n) => n["@type"])).toEqual(["Article", "BreadcrumbList"]);
    expect(buildBreadcrumbs(crumbs).itemListElement).toEqual([
      { "@type": "ListItem", position: 1, name: "Forside", item: "https://kb.example.org/da" },
      { "@type": "ListItem", position: 2, name: "Vejledninger", item: "https://kb.example.org/da/artikler" },
      { "@type": "ListItem", position: 3, name: "Titel", item: "https://kb.example.org/da/artikler/eksempel" },
    ]);
  });

  it("describes the home page as a WebSite published by the Organization behind it", () => {
    const graph = buildHomeJsonLd("sv", site);
    const [website, organization] = graph["@graph"] as unknown as Node[];
    expect(website).toMatchObject({
      "@type": "WebSite",
      url: "https://kb.example.org/sv",
      name: "Sociala företag i kommunerna",
      alternateName: ["Socialøkonomi i kommunerne"],
      inLanguage: "sv",
      publisher: { "@id": "https://kb.example.org/#organization" },
    });
    expect(organization).toMatchObject({
      "@type": "Organization",
      "@id": "https://kb.example.org/#organization",
      url: "https://kb.example.org/",
    });
  });
});

describe("safe JSON-LD serialization", () => {
  const hostile = { "@type": "Article", headline: `</script><script>alert(1)</script> <!-- & \u2028` };

  it("escapes <, >, & and line separators so that data cannot leave the script element", () => {
    const text = serializeJsonLd(hostile);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(text).toContain("\\u003c/script\\u003e");
    expect(JSON.parse(text)).toEqual(hostile);
  });

  it("renders one script element whose content parses back to the data", () => {
    const html = renderToStaticMarkup(createElement(JsonLd, { data: hostile }));
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    const body = html.match(/^<script type="application\/ld\+json">([\s\S]*)<\/script>$/)?.[1];
    expect(body).toBeDefined();
    expect(JSON.parse(body!)).toEqual(hostile);
  });
});
