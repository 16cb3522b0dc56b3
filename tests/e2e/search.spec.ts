import { expect, test, type Page } from "@playwright/test";

// Search across the two languages, in both interfaces, with and without JavaScript. The site runs on
// the real content/ catalogue and glossary.
const searchPath = { da: "/da/soeg", sv: "/sv/sok" } as const;
const languageLabel = { da: "Sprog", sv: "Språk" } as const;

async function searchFor(page: Page, locale: "da" | "sv", query: string, language?: "da" | "sv") {
  await page.goto(searchPath[locale]);
  // The page's own search box (the header holds another one); a combobox once the script has run
  const box = page.getByRole("main").locator("#search-q");
  await box.fill(query);
  if (language) await page.getByRole("combobox", { name: languageLabel[locale], exact: true }).selectOption(language);
  await box.press("Enter");
  await page.waitForURL((url) => url.searchParams.get("q") === query);
  await expect(page.getByTestId("results-heading")).toBeVisible();
}

function crossLanguageTests() {
  for (const locale of ["da", "sv"] as const) {
    // Every Swedish case has a Danish version, which the Danish interface shows in its place: there the reader
    // asks for Swedish items with the language filter.
    test(`in ${locale}, the Danish query 'udbud' finds Swedish cases about upphandling`, async ({ page }) => {
      await searchFor(page, locale, "udbud", locale === "da" ? "sv" : undefined);
      expect(new URL(page.url()).pathname).toBe(searchPath[locale]);
      const swedishCase = page.locator('[data-testid="search-hit"][data-locale="sv"][data-type="case"]');
      await expect(swedishCase.first()).toBeVisible();
      await expect(swedishCase.first().locator("h3")).toHaveAttribute("lang", "sv");
      await expect(swedishCase.first().locator("mark").first()).toHaveText(/upphandling/i);
      await expect(page.getByTestId("widened")).toContainText("upphandling");
    });

    test(`in ${locale}, the Swedish query 'partnerskapsavtal' finds Danish cases`, async ({ page }) => {
      await searchFor(page, locale, "partnerskapsavtal", "da");
      const danishCase = page.locator('[data-testid="search-hit"][data-locale="da"][data-type="case"]');
      await expect(danishCase.first()).toBeVisible();
      await expect(danishCase.first().locator("h3")).toHaveAttribute("lang", "da");
      await expect(danishCase.first().locator("h3")).toContainText(/partnerskabsaftale/i);
    });

    test(`in ${locale}, the narrow search drops the other language's terms`, async ({ page }) => {
      await searchFor(page, locale, "udbud");
      await page.getByTestId("narrow-link").click();
      await expect(page.getByTestId("narrow-active")).toBeVisible();
      await expect(page.locator('[data-testid="search-hit"][data-locale="sv"]')).toHaveCount(0);
    });
  }
}

test.describe("search with JavaScript", () => {
  crossLanguageTests();

  test("a facet link narrows the results to the count it shows", async ({ page }) => {
    await page.goto("/da/soeg?q=socialøkonomisk+virksomhed");
    const facet = page.locator('[data-facet="type"]').first();
    const count = Number(await facet.locator("xpath=..").getByTestId("facet-count").textContent());
    await facet.click();
    await expect(page.getByTestId("results-heading")).toContainText(`${count} resultat`);
  });

  test("a typo gets a 'did you mean' link that finds items", async ({ page }) => {
    await page.goto("/da/soeg?q=virksomhde");
    await page.getByTestId("did-you-mean").getByRole("link").click();
    await expect(page).toHaveURL(/q=virksomhed/);
    await expect(page.getByTestId("search-hit").first()).toBeVisible();
  });
});

test.describe("search without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  crossLanguageTests();

  for (const [name, query] of [
    ["a 10,000-character query", "socialøkonomisk ".repeat(625)],
    ["NUL bytes and control characters", "virk\u0000somhed\u0007\u202e"],
    ["lone operators and quotes", '" OR - "'],
    ["SQL", `'; DROP TABLE "Item"; --`],
    ["emoji and right-to-left text", "🙂 שלום شركة"],
  ] as const) {
    test(`answers ${name} with a page`, async ({ page }) => {
      const response = await page.goto(`/sv/sok?q=${encodeURIComponent(query)}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sök");
      await expect(page.getByTestId("results-heading")).toBeVisible();
    });
  }

  test("the empty search page offers examples and the whole catalogue", async ({ page }) => {
    await page.goto("/da/soeg");
    await expect(page.getByRole("link", { name: "socialøkonomisk virksomhed" })).toBeVisible();
    await expect(page.getByTestId("search-hit").first()).toBeVisible();
    await expect(page.getByTestId("pagination")).toBeVisible();
  });
});
