import { describe, expect, it } from "vitest";
import { buildItemMetadata, buildPageMetadata, type SeoItem, type SiteContext } from "@/lib/seo/metadata";

const site: SiteContext = {
  base: "https://kb.example.org",
  name: { da: "Socialøkonomi i kommunerne", sv: "Sociala företag i kommunerna" },
  description: { da: "Dansk beskrivelse", sv: "Svensk beskrivning" },
  feedTitle: { da: "Nyt indhold", sv: "Nytt innehåll" },
};

const swedishCase: SeoItem = {
  type: "case",
  locale: "sv",
  slug: "clean-car-service-goteborg",
  title: "Clean Car Service i Göteborg",
  summary: "Ett samarbete mellan näringsliv, ett socialt företag och staden.",
  publishedAt: "2019-10-01T00:00:00.000Z",
  translation: null,
};

const translated: SeoItem = {
  ...swedishCase,
  translation: { type: "case", locale: "da", slug: "clean-car-service-goeteborg" },
};

describe("item page metadata", () => {
  it("has an absolute canonical URL in the item's own language, whatever the interface language", () => {
    for (const ui of ["da", "sv"] as const) {
      const meta = buildItemMetadata(swedishCase, ui, site);
      expect(meta.alternates?.canonical).toBe("https://kb.example.org/sv/fall/clean-car-service-goteborg");
      expect(meta.openGraph).toMatchObject({ url: "https://kb.example.org/sv/fall/clean-car-service-goteborg" });
    }
  });

  it("gives no hreflang alternates to an item without a translation", () => {
    const meta = buildItemMetadata(swedishCase, "da", site);
    expect(meta.alternates?.languages).toBeUndefined();
    expect(meta.openGraph).not.toHaveProperty("alternateLocale");
  });

  it("links an item and its true translation with hreflang, and nothing else", () => {
    const meta = buildItemMetadata(translated, "sv", site);
    expect(meta.alternates?.languages).toEqual({
      sv: "https://kb.example.org/sv/fall/clean-car-service-goteborg",
      da: "https://kb.example.org/da/cases/clean-car-service-goeteborg",
    });
    expect(meta.openGraph).toMatchObject({ locale: "sv_SE", alternateLocale: ["da_DK"] });
  });

  it("ignores a 'translation' in the item's own language", () => {
    const meta = buildItemMetadata(
      { ...swedishCase, translation: { type: "case", locale: "sv", slug: "other" } },
      "sv",
      site,
    );
    expect(meta.alternates?.languages).toBeUndefined();
  });

  it("has title, description, Open Graph article data and a summary Twitter card", () => {
    const meta = buildItemMetadata(swedishCase, "da", site);
    expect(meta.title).toBe(swedishCase.title);
    expect(meta.description).toBe(swedishCase.summary);
    expect(meta.openGraph).toMatchObject({
      type: "article",
      locale: "sv_SE",
      siteName: "Sociala företag i kommunerna",
      title: swedishCase.title,
      description: swedishCase.summary,
      publishedTime: "2019-10-01T00:00:00.000Z",
    });
    expect(meta.twitter).toMatchObject({ card: "summary", title: swedishCase.title });
  });

  it("advertises the RSS feed of the interface language", () => {
    const meta = buildItemMetadata(swedishCase, "da", site);
    expect(meta.alternates?.types).toEqual({
      "application/rss+xml": [{ url: "https://kb.example.org/da/rss.xml", title: "Nyt indhold" }],
    });
  });
});

describe("page metadata", () => {
  it("gives a page its localized canonical and hreflang for both locales", () => {
    const meta = buildPageMetadata({ locale: "sv", href: "/glossary", title: "Ordlista" }, site);
    expect(meta.alternates?.canonical).toBe("https://kb.example.org/sv/ordlista");
    expect(meta.alternates?.languages).toEqual({
      da: "https://kb.example.org/da/ordliste",
      sv: "https://kb.example.org/sv/ordlista",
    });
    expect(meta.openGraph).toMatchObject({
      type: "website",
      locale: "sv_SE",
      alternateLocale: ["da_DK"],
      url: "https://kb.example.org/sv/ordlista",
      title: "Ordlista",
      siteName: "Sociala företag i kommunerna",
      description: "Svensk beskrivning",
    });
  });

  it("fills dynamic segments of localized paths", () => {
    const meta = buildPageMetadata(
      { locale: "da", href: { pathname: "/topics/[slug]", params: { slug: "partnerskaber" } } },
      site,
    );
    expect(meta.alternates?.languages).toEqual({
      da: "https://kb.example.org/da/emner/partnerskaber",
      sv: "https://kb.example.org/sv/amnen/partnerskaber",
    });
  });

  it("adds x-default only when asked, pointing at the language-picking root", () => {
    expect(buildPageMetadata({ locale: "da", href: "/" }, site).alternates?.languages).toEqual({
      da: "https://kb.example.org/da",
      sv: "https://kb.example.org/sv",
    });
    const home = buildPageMetadata({ locale: "da", href: "/", xDefaultPath: "/" }, site);
    expect(home.alternates?.languages).toMatchObject({ "x-default": "https://kb.example.org/" });
    // Without a title the layout's default (the site's name) stays in force.
    expect(home).not.toHaveProperty("title");
    expect(home.openGraph).toMatchObject({ title: "Socialøkonomi i kommunerne" });
  });
});
