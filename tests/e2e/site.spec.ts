import { expect, test } from "@playwright/test";
import { loadCatalogue } from "../../lib/content/load";
import { routing } from "../../lib/i18n/routing";
import { sections } from "../../lib/catalogue/sections";
import type { ItemData } from "../../lib/content/schema";

// The published catalogue, read from content/ as the site imported it.
function itemPath(item: Pick<ItemData, "type" | "slug">, locale: "da" | "sv") {
  const pattern = routing.pathnames[`/${sections[item.type]}/[slug]`][locale];
  return `/${locale}${pattern.replace("[slug]", item.slug)}`;
}

test.describe("locale negotiation at /", () => {
  for (const [header, expected] of [
    ["sv-SE,sv;q=0.9,en;q=0.5", "/sv"],
    ["da-DK,da;q=0.9", "/da"],
    ["en-US,en;q=0.9", "/da"],
  ] as const) {
    test(`Accept-Language "${header}" leads to ${expected}`, async ({ request }) => {
      const response = await request.get("/", { headers: { "Accept-Language": header }, maxRedirects: 0 });
      expect(response.status()).toBe(307);
      expect(new URL(response.headers()["location"]!, "http://x").pathname).toBe(expected);
    });
  }
});

test("another spelling of a page leads to the reader's own, keeping the query", async ({ request }) => {
  for (const [path, expected] of [
    ["/sv/artikler?lang=sv", "/sv/artiklar?lang=sv"],
    ["/da/articles", "/da/artikler"],
    ["/da/fall/some-case", "/da/cases/some-case"],
    ["/sv/kontakt/kvittering", "/sv/kontakt/kvitto"],
  ] as const) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(307);
    const location = new URL(response.headers()["location"]!, "http://x");
    expect(location.pathname + location.search, path).toBe(expected);
  }
  // The own spellings are pages.
  for (const path of ["/sv/artiklar", "/da/cases", "/sv/kontakt/kvitto"]) {
    expect((await request.get(path, { maxRedirects: 0 })).status(), path).toBe(200);
  }
});

for (const locale of routing.locales) {
  const other = locale === "da" ? "sv" : "da";

  test(`home page in ${locale} lists published items, marking those in the other language`, async ({ page }) => {
    const response = await page.goto(`/${locale}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const entries = page.getByTestId("item-list").locator("li");
    expect(await entries.count()).toBeGreaterThan(0);
    for (const entry of await entries.all()) {
      const lang = await entry.locator("h3").getAttribute("lang");
      expect(["da", "sv"]).toContain(lang);
      // An item in the other language carries a visible language label.
      await expect(entry.getByTestId("language-label")).toHaveCount(lang === locale ? 0 : 1);
    }
  });

  test(`the language switcher on the ${locale} home page leads to the ${other} home page`, async ({ page }) => {
    await page.goto(`/${locale}`);
    await page.getByTestId("language-switcher").click();
    await expect(page).toHaveURL(new RegExp(`/${other}$`));
    await expect(page.locator("html")).toHaveAttribute("lang", other);
  });

  test(`an item page opens from the ${locale} home page and renders its body`, async ({ page }) => {
    await page.goto(`/${locale}`);
    const link = page.getByTestId("item-list").locator("h3 a").first();
    const title = (await link.textContent())!.trim();
    await link.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByTestId("facts")).toBeVisible();
    await expect(page.locator(".prose-body")).not.toBeEmpty();
  });
}

test("the switcher on an item page leads to its translation", async ({ page }) => {
  const catalogue = await loadCatalogue();
  const translation = catalogue.items.find((i) => i.data.translationOf && i.data.status === "published");
  expect(translation, "content/ holds no translated item").toBeDefined();
  const original = catalogue.items.find((i) => i.key === translation!.data.translationOf)!;

  const response = await page.goto(itemPath(original, original.locale));
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(original.data.title);
  await page.getByTestId("language-switcher").click();
  await expect(page).toHaveURL(itemPath(translation!, translation!.locale));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(translation!.data.title);
  await expect(page.locator("html")).toHaveAttribute("lang", translation!.locale);
});

test("the Danish listings offer Swedish items that have no Danish version", async ({ page }) => {
  const catalogue = await loadCatalogue();
  const translated = new Set(
    catalogue.items.flatMap((i) => (i.data.translationOf ? [i.key, i.data.translationOf] : [])),
  );
  let offered = 0;
  for (const type of ["article", "case", "publication", "project", "reference"] as const) {
    const swedishOnly = catalogue.items.filter(
      (i) => i.locale === "sv" && i.type === type && i.data.status === "published" && !translated.has(i.key),
    );
    offered += swedishOnly.length;
    await page.goto(`/da${routing.pathnames[`/${sections[type]}`].da}`);
    const swedish = page.getByTestId("item-list").locator('h2[lang="sv"]');
    // A listing shows 20 a page; the reference library holds more than that.
    expect(await swedish.count(), type).toBe(Math.min(swedishOnly.length, 20));
    if (swedishOnly.length) await expect(page.getByTestId("language-label").first()).toHaveText("På svensk");
  }
  expect(offered, "content/ holds Swedish items without a Danish version (the reference library)").toBeGreaterThan(0);
});

test("an unknown item answers 404", async ({ request }) => {
  const response = await request.get("/da/artikler/findes-ikke");
  expect(response.status()).toBe(404);
});
