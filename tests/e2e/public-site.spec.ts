import { axeViolations } from "../helpers/axe";
import { expect, test, type Page } from "@playwright/test";
import { loadCatalogue, type Catalogue } from "../../lib/content/load";
import { routing, type Locale } from "../../lib/i18n/routing";
import { sections } from "../../lib/catalogue/sections";
import type { ItemData } from "../../lib/content/schema";

type Type = ItemData["type"];

function path(locale: Locale, internal: keyof typeof routing.pathnames, slug?: string) {
  const pattern = routing.pathnames[internal];
  const localized = typeof pattern === "string" ? pattern : pattern[locale];
  return `/${locale}${slug ? localized.replace("[slug]", slug) : localized}`.replace(/\/$/, "");
}

const listingPath = (locale: Locale, type: Type) => path(locale, `/${sections[type]}`);
const itemPath = (item: ItemData) => path(item.locale, `/${sections[item.type]}/[slug]`, item.slug);

// What a reader in `locale` is offered of one type: published items, of a translated pair only the reader's version
function offered(catalogue: Catalogue, locale: Locale, type: Type) {
  const published = catalogue.items.filter((i) => i.type === type && i.data.status === "published");
  const pairOf = new Map<string, string>();
  for (const i of published) {
    if (i.data.translationOf) {
      pairOf.set(i.key, i.data.translationOf);
      pairOf.set(i.data.translationOf, i.key);
    }
  }
  return published.filter((i) => {
    const partner = pairOf.get(i.key);
    return i.locale === locale || !partner || !published.some((p) => p.key === partner && p.locale === locale);
  });
}

async function resultCount(page: Page) {
  const text = (await page.getByTestId("result-count").textContent()) ?? "";
  return Number(text.match(/\d+/)?.[0] ?? 0);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    for (const locale of routing.locales) {
      test(`${locale}: home → listing → facet → item → adviser and translation, by keyboard`, async ({ page }) => {
        const catalogue = await loadCatalogue();
        await page.goto(`/${locale}`);
        // The skip link is the first stop and leads into the main content.
        await page.keyboard.press("Tab");
        await expect(page.getByRole("link", { name: /indhold|innehåll/i })).toBeFocused();

        // Reach the cases listing from the main navigation with the keyboard.
        const casesLink = page
          .getByRole("navigation", { name: /menu|meny/i })
          .getByRole("link")
          .nth(1);
        await casesLink.focus();
        await page.keyboard.press("Enter");
        await expect(page).toHaveURL(new RegExp(`${listingPath(locale, "case")}$`));
        const cases = offered(catalogue, locale, "case");
        expect(await resultCount(page)).toBe(cases.length);

        // Filter by country with the GET form: the URL carries the filter, and the count follows.
        const swedish = cases.filter((c) => c.data.country === "SE");
        await page.getByLabel(/^Land$/).selectOption("SE");
        await page.getByRole("button", { name: /Vis resultater|Visa resultat/ }).press("Enter");
        await expect(page).toHaveURL(/\?country=SE$/);
        expect(await resultCount(page)).toBe(swedish.length);
        const titles = await page.getByTestId("item-list").locator("h2").allTextContents();
        expect(titles.sort()).toEqual(swedish.map((c) => c.data.title).sort());

        // The state survives a reload and going back.
        await page.reload();
        expect(await resultCount(page)).toBe(swedish.length);

        // Open the first case and find its adviser and its translation status.
        const first = page.getByTestId("item-list").locator("h2 a").first();
        const title = (await first.textContent())!.trim();
        await first.focus();
        await page.keyboard.press("Enter");
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
        const item = swedish.find((c) => c.data.title === title)!;
        await expect(page.getByTestId("translation")).toBeVisible();
        if (item.data.adviser) {
          await expect(page.getByTestId("adviser")).toContainText(
            catalogue.advisers.find((a) => a.slug === item.data.adviser)!.name,
          );
        }
        await page.goBack();
        await expect(page).toHaveURL(/\?country=SE$/);
      });
    }
  });
}

test("every listing counts what content/ publishes for the reader, in both languages", async ({ page }) => {
  const catalogue = await loadCatalogue();
  for (const locale of routing.locales) {
    for (const type of Object.keys(sections) as Type[]) {
      await page.goto(listingPath(locale, type));
      expect(await resultCount(page), `${locale} ${type}`).toBe(offered(catalogue, locale, type).length);
    }
  }
});

test("the year and language facets filter and count together; a bad filter value is ignored", async ({ page }) => {
  const catalogue = await loadCatalogue();
  const references = offered(catalogue, "sv", "reference");
  const year = references.find((r) => r.data.year)!.data.year!;
  const expected = references.filter((r) => r.data.year === year && r.locale === "sv");
  await page.goto(`${listingPath("sv", "reference")}?year=${year}&lang=sv&country=XX&topic=`);
  // Bad and empty values are dropped and the address made canonical.
  await expect(page).toHaveURL(new RegExp(`\\?year=${year}&lang=sv$`));
  expect(await resultCount(page)).toBe(expected.length);
  await expect(page.getByLabel(/^År$/)).toHaveValue(String(year));
  // The year select offers the other years with their counts, given the other filters.
  const option = page.getByLabel(/^År$/).locator(`option[value="${year}"]`);
  await expect(option).toHaveText(new RegExp(`\\(${expected.length}\\)$`));
  // Each chosen filter can be removed by a link.
  await page.getByRole("link", { name: /Ta bort filter: År/ }).click();
  await expect(page).toHaveURL(/\?lang=sv$/);
});

test("the document library pages by 20, with page links that keep the filters", async ({ page }) => {
  const catalogue = await loadCatalogue();
  const total = offered(catalogue, "sv", "reference").length;
  expect(total).toBeGreaterThan(20);
  await page.goto(listingPath("sv", "reference"));
  const firstPage = await page.getByTestId("item-list").locator("h2").allTextContents();
  expect(firstPage).toHaveLength(20);
  await page.getByRole("navigation", { name: "Sidor" }).getByRole("link", { name: "Sida 2" }).click();
  await expect(page).toHaveURL(/\?page=2$/);
  const secondPage = await page.getByTestId("item-list").locator("h2").allTextContents();
  expect(secondPage.length).toBe(Math.min(20, total - 20));
  expect(secondPage.filter((t) => firstPage.includes(t))).toEqual([]);
  await expect(page.getByRole("navigation", { name: "Sidor" }).locator('[aria-current="page"]')).toContainText("2");
});

test("a topic page lists every item about the topic and the topic's advisers", async ({ page }) => {
  const catalogue = await loadCatalogue();
  const counts = new Map<string, number>();
  for (const locale of ["da"] as const) {
    for (const type of Object.keys(sections) as Type[]) {
      for (const item of offered(catalogue, locale, type)) {
        for (const topic of item.data.topics ?? []) counts.set(topic, (counts.get(topic) ?? 0) + 1);
      }
    }
  }
  const [slug, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  const topic = catalogue.topics.find((t) => t.slug === slug)!;
  await page.goto(path("da", "/topics"));
  await page.getByRole("link", { name: topic.name.da, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(topic.name.da);
  expect(await resultCount(page)).toBe(count);
});

test("the glossary sets each Danish term beside its Swedish one, A to Z", async ({ page }) => {
  const catalogue = await loadCatalogue();
  for (const locale of routing.locales) {
    await page.goto(path(locale, "/glossary"));
    for (const entry of catalogue.glossary) {
      const row = page.locator(`[id="${entry.slug}"]`);
      await expect(row.locator('[lang="da"] [data-testid="term"]')).toContainText(entry.da.term);
      await expect(row.locator('[lang="sv"] [data-testid="term"]')).toContainText(entry.sv.term);
    }
    const letters = await page
      .getByRole("navigation", { name: /Bogstaver|Bokstäver/ })
      .getByRole("link")
      .allTextContents();
    const sorted = [...letters].sort(new Intl.Collator(locale).compare);
    expect(letters).toEqual(sorted);
  }
});

test("false friends are marked as such on the glossary, with the editors' explanation, and never widen a search", async ({
  page,
}) => {
  const catalogue = await loadCatalogue();
  const falseFriends = catalogue.glossary.filter((g) => g.falseFriend);
  expect(falseFriends.length).toBeGreaterThan(0);
  for (const [locale, badge] of [
    ["da", "Falsk ven"],
    ["sv", "Falsk vän"],
  ] as const) {
    await page.goto(path(locale, "/glossary"));
    for (const entry of catalogue.glossary) {
      const note = page.locator(`[id="${entry.slug}"] [data-testid="false-friend"]`);
      if (entry.falseFriend) await expect(note).toContainText(badge);
      else await expect(note).toHaveCount(0);
    }
    const entry = falseFriends.find((g) => g.da.term !== g.sv.term)!;
    await page.goto(`${path(locale, "/search")}?q=${encodeURIComponent(entry[locale].term)}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("widened")).toHaveCount(0);
  }
});

test("the glossary says how many texts in each language use a term, leading to a search for it", async ({ page }) => {
  for (const [locale, words] of [
    ["da", /^Bruges i \d+ (dansk tekst|danske tekster|svensk tekst|svenske tekster)$/],
    ["sv", /^Används i \d+ (dansk text|danska texter|svensk text|svenska texter)$/],
  ] as const) {
    await page.goto(path(locale, "/glossary"));
    const usages = page.getByTestId("term-usage");
    expect(await usages.count()).toBeGreaterThan(0);
    const link = usages.first().getByRole("link");
    await expect(link).toHaveText(words);
    await link.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/narrow=1/);
    await expect(page.getByTestId("search-results").first().locator("li").first()).toBeVisible();
  }
});

// A published text of one language whose text (as `textOf` picks it) holds a glossary term as written, and the term:
// a term with a word in both languages, not a false friend
function itemWithTerm(catalogue: Catalogue, locale: Locale, textOf: (item: Catalogue["items"][number]) => string) {
  const terms = catalogue.glossary.filter((g) => !g.falseFriend && g.da.term && g.sv.term);
  for (const item of catalogue.items) {
    const visible =
      item.data.status === "published" &&
      (!item.data.publishedAt || new Date(String(item.data.publishedAt)) <= new Date());
    if (item.locale !== locale || !visible) continue;
    const text = textOf(item).toLowerCase();
    const entry = terms.find((g) => text.includes(g[locale].term.toLowerCase()));
    if (entry) return { item, entry };
  }
  throw new Error(`no ${locale} text holds a glossary term`);
}

test("a text in the other language lists the glossary's words it uses with their counterparts, without JavaScript too", async ({
  browser,
}) => {
  const catalogue = await loadCatalogue();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const [ui, heading, suffix] of [
    ["da", "Svenske ord i denne tekst", "i ordlisten"],
    ["sv", "Danska ord i den här texten", "i ordlistan"],
  ] as const) {
    const other = ui === "da" ? "sv" : "da";
    const { item, entry } = itemWithTerm(catalogue, other, (i) => `${i.data.title} ${i.data.summary} ${i.body}`);
    await page.goto(path(ui, `/${sections[item.type]}/[slug]`, item.slug));
    const region = page.getByRole("region", { name: heading });
    await expect(region.locator(`dt[lang="${other}"]`, { hasText: entry[other].term }).first()).toBeVisible();
    const link = region.getByRole("link", { name: `${entry[ui].term} ${suffix}`, exact: true });
    await expect(link).toHaveAttribute("href", `${path(ui, "/glossary")}#${entry.slug}`);
    await link.focus();
    await page.keyboard.press("Enter");
    await expect(page.locator(`[id="${entry.slug}"]`)).toBeVisible();
    // In its own language the text lists nothing.
    await page.goto(itemPath(item));
    await expect(page.getByTestId("item-terms")).toHaveCount(0);
  }
  await context.close();
});

test("a text in the other language marks the glossary's words where they stand, explained in the reader's language, by keyboard", async ({
  page,
}) => {
  const catalogue = await loadCatalogue();
  for (const [ui, label] of [
    ["da", "På dansk:"],
    ["sv", "På svenska:"],
  ] as const) {
    const other = ui === "da" ? "sv" : "da";
    const found = itemWithTerm(catalogue, other, (i) => i.body);
    const { entry } = found;
    await page.goto(path(ui, `/${sections[found.item.type]}/[slug]`, found.item.slug));
    const article = page.locator("article");
    const marks = article.locator(`a.gloss[data-gloss="${entry.slug}"]`);
    await expect(marks.first()).toBeVisible();
    const mark = marks.first();
    await expect(mark).toHaveAttribute("href", `${path(ui, "/glossary")}#${entry.slug}`);
    // Announced with the counterpart, and shown while it has the focus; Escape hides it
    await expect(mark).toHaveAccessibleDescription(`${label} ${entry[ui].term}`);
    const tip = page.locator(`[id="${await mark.getAttribute("aria-describedby")}"]`);
    await expect(tip).toBeHidden();
    await mark.focus();
    await expect(tip).toBeVisible();
    await expect(tip).toHaveAttribute("role", "tooltip");
    await expect(tip).toHaveAttribute("lang", ui);
    await page.keyboard.press("Escape");
    await expect(tip).toBeHidden();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    await expect(mark).toBeFocused();
    await expect(tip).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    // Its own language's readers see no marks
    await page.goto(itemPath(found.item));
    await expect(page.locator("a.gloss")).toHaveCount(0);
  }
});

test("the adviser directory shows every adviser with a way to write to them", async ({ page }) => {
  const catalogue = await loadCatalogue();
  for (const locale of routing.locales) {
    await page.goto(path(locale, "/advisers"));
    const cards = page.getByTestId("adviser-cards").locator("li");
    await expect(cards).toHaveCount(catalogue.advisers.length);
    for (const adviser of catalogue.advisers) {
      await expect(page.getByRole("heading", { name: adviser.name })).toBeVisible();
      const contact = page
        .locator(`#adviser-${adviser.slug}`)
        .getByRole("link", { name: new RegExp(adviser.name) })
        .last();
      await expect(contact).toHaveAttribute("href", new RegExp(`adviser=${adviser.slug}`));
    }
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  for (const [url, heading] of [
    ["/da/findes/ikke", "Siden findes ikke"],
    ["/sv/fall/finns-inte", "Sidan finns inte"],
    ["/da/artikler/findes-ikke", "Siden findes ikke"],
  ] as const) {
    test(`${url} shows the localized not-found page with status 404`, async ({ page }) => {
      const response = await page.goto(url);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      await expect(page.getByRole("link", { name: /forsiden|startsidan/ })).toBeVisible();
    });
  }
});

test("an item page prints without navigation, search and footer", async ({ page }) => {
  const catalogue = await loadCatalogue();
  const publication = catalogue.items.find((i) => i.type === "publication" && i.locale === "da")!;
  await page.goto(itemPath(publication));
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("header").first()).toBeHidden();
  await expect(page.locator("footer").first()).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator(".prose-body")).toBeVisible();
});

test("pages make no request to any other host", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith("http") && url.origin !== origin) foreign.push(request.url());
  });
  const catalogue = await loadCatalogue();
  const item = catalogue.items.find((i) => i.type === "case")!;
  for (const url of ["/da", listingPath("sv", "case"), itemPath(item), path("da", "/glossary")]) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
  }
  expect(foreign).toEqual([]);
});

test("a cached page is served from the page cache on its second request", async ({ request }) => {
  await request.get("/sv/ordlista");
  const response = await request.get("/sv/ordlista");
  expect(response.headers()["x-nextjs-cache"]).toBe("HIT");
  // Shareable, with an ETag that a proxy cache revalidates (the one-second shared lifetime is nginx's: tests/multi).
  expect(response.headers()["cache-control"]).toMatch(/s-maxage=\d+/);
  expect(response.headers()["etag"]).toBeTruthy();
});
