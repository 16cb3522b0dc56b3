import { axeViolations } from "../helpers/axe";
import { expect, test } from "@playwright/test";

// Relaxed matching on the real content/ catalogue, without JavaScript: a query whose words do not all occur together
// lists the items holding some of them, says so, and links to the search for every word and back.

const cases = [
  {
    locale: "da",
    path: "/da/soeg",
    query: "bilvask i Göteborg",
    notice: "Ingen resultater indeholder alle ordene",
    strict: "Vis kun resultater med alle ordene",
    strictActive: "Du ser kun resultater, der indeholder alle ordene.",
    relax: "Vis også resultater med nogle af ordene",
    expected: "clean-car-service-goeteborg",
  },
  {
    locale: "sv",
    path: "/sv/sok",
    query: "ansökan om pengar till förstudie i Skellefteå",
    notice: "Inga resultat innehåller alla orden",
    strict: "Visa bara resultat med alla orden",
    strictActive: "Du ser bara resultat som innehåller alla orden.",
    relax: "Visa även resultat med några av orden",
    expected: "ansokan-forstudie-fokus-arbetsliv-skelleftea",
  },
] as const;

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  for (const c of cases) {
    test(`in ${c.locale}, a query not all of whose words occur together lists items with some of them`, async ({
      page,
    }) => {
      await page.goto(`${c.path}?q=${encodeURIComponent(c.query)}`);
      const notice = page.getByTestId("relaxed");
      await expect(notice).toContainText(c.notice);
      await expect(page.locator(`[data-testid="search-hit"] a[href*="${c.expected}"]`).first()).toBeVisible();

      await notice.getByRole("link", { name: c.strict }).click();
      await expect(page).toHaveURL(/[?&]all=1/);
      await expect(page.getByTestId("strict-active")).toHaveText(`${c.strictActive} ${c.relax}`);
      await expect(page.getByTestId("relaxed")).toHaveCount(0);
      await expect(page.getByTestId("no-hits")).toBeVisible();

      await page.getByRole("link", { name: c.relax }).click();
      await expect(page).not.toHaveURL(/[?&]all=1/);
      await expect(page.getByTestId("relaxed")).toBeVisible();
    });
  }
});

// axe injects its script into the page, so this check runs with JavaScript
for (const c of cases) {
  test(`in ${c.locale}, the page with the relaxed notice has no accessibility violations`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`${c.path}?q=${encodeURIComponent(c.query)}`);
    await expect(page.getByTestId("relaxed")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
}
