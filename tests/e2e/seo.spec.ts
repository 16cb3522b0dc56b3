import { expect, test, type Page } from "@playwright/test";
import { loadCatalogue } from "../../lib/content/load";
import { routing } from "../../lib/i18n/routing";
import { sections } from "../../lib/catalogue/sections";
import type { ItemData } from "../../lib/content/schema";

// The published catalogue as content/ holds it; the site under test imported exactly that.
type CatalogueItem = ItemData;
const locales = routing.locales;

function itemPath(item: Pick<CatalogueItem, "type" | "slug">, locale: "da" | "sv") {
  const pattern = routing.pathnames[`/${sections[item.type]}/[slug]`][locale];
  return `/${locale}${pattern.replace("[slug]", item.slug)}`;
}

async function catalogue() {
  const { items } = await loadCatalogue();
  const now = Date.now();
  const published = items.filter(
    (i) => i.data.status === "published" && (!i.data.publishedAt || Date.parse(i.data.publishedAt) <= now),
  );
  const byKey = new Map(published.map((i) => [i.key, i]));
  // Translation pairs, both directions.
  const translationOf = new Map<string, CatalogueItem>();
  for (const item of published) {
    const original = item.data.translationOf && byKey.get(item.data.translationOf);
    if (original) {
      translationOf.set(item.key, original);
      translationOf.set(original.key, item);
    }
  }
  return { published, translationOf };
}

// Parse XML in the browser; a document that is not well-formed yields a <parsererror>.
async function parseXml<T>(page: Page, xml: string, read: (doc: Document) => T): Promise<T> {
  await page.goto("about:blank");
  return page.evaluate(
    ({ xml, read }) => {
      const doc = new DOMParser().parseFromString(xml, "application/xml");
      if (doc.getElementsByTagName("parsererror").length) throw new Error("XML is not well-formed");
      return new Function("doc", `return (${read})(doc)`)(doc) as T;
    },
    { xml, read: read.toString() },
  );
}

test("robots.txt allows crawling, keeps crawlers out of admin and API, and names the sitemap", async ({
  request,
  baseURL,
}) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(text).toMatch(/^User-Agent: \*$/m);
  expect(text).toMatch(/^Allow: \/$/m);
  for (const path of ["/admin", "/api", "/da/admin", "/sv/admin"]) {
    expect(text).toMatch(new RegExp(`^Disallow: ${path}$`, "m"));
  }
  expect(text).toMatch(new RegExp(`^Sitemap: ${baseURL}/sitemap.xml$`, "m"));
});

test("sitemap.xml lists every published item once, with hreflang only between translations", async ({
  page,
  request,
  baseURL,
}) => {
  const response = await request.get("/sitemap.xml");
  expect(response.status()).toBe(200);
  const entries = await parseXml(page, await response.text(), (doc) =>
    Array.from(doc.getElementsByTagName("url")).map((url) => ({
      loc: url.getElementsByTagName("loc")[0]?.textContent ?? "",
      lastmod: url.getElementsByTagName("lastmod")[0]?.textContent ?? null,
      alternates: Object.fromEntries(
        Array.from(url.getElementsByTagName("xhtml:link")).map((l) => [
          l.getAttribute("hreflang"),
          l.getAttribute("href"),
        ]),
      ) as Record<string, string>,
    })),
  );
  const byLoc = new Map(entries.map((e) => [e.loc, e]));
  expect(byLoc.size).toBe(entries.length);

  const { published, translationOf } = await catalogue();
  for (const item of published) {
    const entry = byLoc.get(`${baseURL}${itemPath(item, item.locale)}`);
    expect(entry, `${item.key} is missing from the sitemap`).toBeDefined();
    expect(Number.isNaN(Date.parse(entry!.lastmod ?? ""))).toBe(false);
    const translation = translationOf.get(item.key);
    if (translation) {
      expect(entry!.alternates).toEqual({
        [item.locale]: `${baseURL}${itemPath(item, item.locale)}`,
        [translation.locale]: `${baseURL}${itemPath(translation, translation.locale)}`,
      });
    } else {
      expect(entry!.alternates, `${item.key} has no translation`).toEqual({});
    }
    // The same item under the other interface's path is not canonical and stays out.
    const other = item.locale === "da" ? "sv" : "da";
    if (itemPath(item, other).slice(3) !== itemPath(item, item.locale).slice(3)) {
      expect(byLoc.has(`${baseURL}${itemPath(item, other)}`)).toBe(false);
    }
  }

  // Pages that exist in both locales carry both, and the home page an x-default.
  expect(byLoc.get(`${baseURL}/da`)!.alternates).toEqual({
    da: `${baseURL}/da`,
    sv: `${baseURL}/sv`,
    "x-default": `${baseURL}/`,
  });
  for (const [da, sv] of [
    ["/da/ordliste", "/sv/ordlista"],
    ["/da/privatliv", "/sv/integritet"],
    ["/da/tilgaengelighed", "/sv/tillganglighet"],
    ["/da/raadgivere", "/sv/radgivare"],
    ["/da/kontakt", "/sv/kontakt"],
    ["/da/publikationer", "/sv/publikationer"],
    ["/da/cases", "/sv/fall"],
    ["/da/emner/partnerskaber", "/sv/amnen/partnerskaber"],
  ]) {
    for (const loc of [da, sv]) {
      expect(byLoc.get(`${baseURL}${loc}`)?.alternates, loc).toEqual({ da: `${baseURL}${da}`, sv: `${baseURL}${sv}` });
    }
  }
});

for (const locale of locales) {
  test(`the ${locale} RSS feed is RSS 2.0 with the newest items first`, async ({ page, request, baseURL }) => {
    const response = await request.get(`/${locale}/rss.xml`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/rss+xml");
    const feed = await parseXml(page, await response.text(), (doc) => ({
      version: doc.documentElement.getAttribute("version"),
      language: doc.querySelector("channel > language")?.textContent,
      self: doc.getElementsByTagName("atom:link")[0]?.getAttribute("href"),
      selfRel: doc.getElementsByTagName("atom:link")[0]?.getAttribute("rel"),
      items: Array.from(doc.getElementsByTagName("item")).map((i) => ({
        title: i.getElementsByTagName("title")[0]?.textContent ?? "",
        link: i.getElementsByTagName("link")[0]?.textContent ?? "",
        guid: i.getElementsByTagName("guid")[0]?.textContent ?? "",
        pubDate: i.getElementsByTagName("pubDate")[0]?.textContent ?? null,
      })),
    }));
    expect(feed.version).toBe("2.0");
    expect(feed.language).toBe(locale);
    expect(feed).toMatchObject({ self: `${baseURL}/${locale}/rss.xml`, selfRel: "self" });
    expect(feed.items.length).toBeGreaterThan(0);
    for (const item of feed.items) {
      expect(item.guid).toBe(item.link);
      expect(item.link.startsWith(`${baseURL}/${locale}/`)).toBe(true);
    }

    // Newest first: the first item carries the newest publication date in the catalogue.
    const dates = feed.items.flatMap((i) => (i.pubDate ? [Date.parse(i.pubDate)] : []));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const { published } = await catalogue();
    const newest = Math.max(...published.flatMap((i) => (i.data.publishedAt ? [Date.parse(i.data.publishedAt)] : [])));
    expect(dates[0]).toBe(newest);
    const newestTitles = published
      .filter((i) => i.data.publishedAt && Date.parse(i.data.publishedAt) === newest)
      .map((i) => i.data.title);
    expect(newestTitles).toContain(feed.items[0]!.title);

    // The feed is advertised on the pages of its locale.
    await page.goto(`/${locale}`);
    await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute(
      "href",
      `${baseURL}/${locale}/rss.xml`,
    );
  });
}

async function head(page: Page) {
  return page.evaluate(() => {
    const attr = (selector: string, name: string) => document.querySelector(selector)?.getAttribute(name) ?? null;
    return {
      canonical: attr('link[rel="canonical"]', "href"),
      hreflang: Object.fromEntries(
        Array.from(document.querySelectorAll('link[rel="alternate"][hreflang]')).map((l) => [
          l.getAttribute("hreflang"),
          l.getAttribute("href"),
        ]),
      ),
      og: Object.fromEntries(
        Array.from(document.querySelectorAll('meta[property^="og:"]')).map((m) => [
          m.getAttribute("property"),
          m.getAttribute("content"),
        ]),
      ),
      twitterCard: attr('meta[name="twitter:card"]', "content"),
      description: attr('meta[name="description"]', "content"),
      jsonLd: Array.from(document.querySelectorAll('script[type="application/ld+json"]')).map((s) =>
        JSON.parse(s.textContent ?? ""),
      ),
    };
  });
}

const expectedType = {
  article: "Article",
  case: "Article",
  publication: "Report",
  project: "Project",
  reference: "DigitalDocument",
};

test("a translated item page has canonical, hreflang to its translation, Open Graph and JSON-LD in both locales", async ({
  page,
  baseURL,
}) => {
  const { published, translationOf } = await catalogue();
  const item = published.find((i) => i.type === "case" && translationOf.has(i.key))!;
  const translation = translationOf.get(item.key)!;
  for (const current of [item, translation]) {
    const url = `${baseURL}${itemPath(current, current.locale)}`;
    await page.goto(url);
    const tags = await head(page);
    expect(tags.canonical).toBe(url);
    expect(tags.hreflang).toEqual({
      [item.locale]: `${baseURL}${itemPath(item, item.locale)}`,
      [translation.locale]: `${baseURL}${itemPath(translation, translation.locale)}`,
    });
    const ogLocale = { da: "da_DK", sv: "sv_SE" };
    expect(tags.og).toMatchObject({
      "og:type": "article",
      "og:url": url,
      "og:title": current.data.title,
      "og:description": current.data.summary,
      "og:locale": ogLocale[current.locale],
      "og:locale:alternate": ogLocale[current.locale === "da" ? "sv" : "da"],
    });
    expect(tags.description).toBe(current.data.summary);
    expect(tags.twitterCard).toBe("summary");
    expect(tags.jsonLd).toHaveLength(1);
    const [main, breadcrumbs] = tags.jsonLd[0]["@graph"];
    expect(main).toMatchObject({ "@type": "Article", url, headline: current.data.title, inLanguage: current.locale });
    expect(breadcrumbs["@type"]).toBe("BreadcrumbList");
    expect(breadcrumbs.itemListElement.at(-1)).toMatchObject({ name: current.data.title, item: url });
  }
});

test("an item without a translation has no hreflang, and its page in the other interface points to it as canonical", async ({
  page,
  baseURL,
}) => {
  const { published, translationOf } = await catalogue();
  const item =
    published.find((i) => i.locale === "sv" && i.type === "project" && !translationOf.has(i.key)) ??
    published.find((i) => i.locale === "sv" && !translationOf.has(i.key))!;
  const canonical = `${baseURL}${itemPath(item, "sv")}`;
  for (const path of [itemPath(item, "sv"), itemPath(item, "da")]) {
    await page.goto(path);
    const tags = await head(page);
    expect(tags.canonical).toBe(canonical);
    expect(tags.hreflang).toEqual({});
    expect(tags.og).toMatchObject({ "og:url": canonical, "og:locale": "sv_SE" });
    expect(tags.og).not.toHaveProperty("og:locale:alternate");
    expect(tags.jsonLd[0]["@graph"][0]).toMatchObject({ "@type": expectedType[item.type], url: canonical });
  }
});

for (const locale of locales) {
  test(`the ${locale} home page has canonical, hreflang with x-default, and WebSite JSON-LD`, async ({
    page,
    baseURL,
  }) => {
    await page.goto(`/${locale}`);
    const tags = await head(page);
    expect(tags.canonical).toBe(`${baseURL}/${locale}`);
    expect(tags.hreflang).toEqual({ da: `${baseURL}/da`, sv: `${baseURL}/sv`, "x-default": `${baseURL}/` });
    expect(tags.og).toMatchObject({ "og:type": "website", "og:url": `${baseURL}/${locale}` });
    const types = tags.jsonLd[0]["@graph"].map((n: { "@type": string }) => n["@type"]);
    expect(types).toEqual(["WebSite", "Organization"]);
  });
}

test("no page claims an hreflang alternate in an HTTP Link header", async ({ request }) => {
  for (const url of [
    "/da",
    "/sv/fall",
    "/da/publikationer/erfaringsopsamling-pulje-kommuner-og-socialoekonomiske-virksomheder",
  ]) {
    const response = await request.get(url);
    expect(response.status()).toBe(200);
    expect(response.headers()["link"] ?? "", url).not.toContain("hreflang");
  }
});
