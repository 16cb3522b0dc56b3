// Suggestions while typing, by keyboard only, in both languages: the search field is a combobox with a listbox popup
// (WAI-ARIA APG), its options named by their titles and grouped; arrow keys move (wrapping), Home and End return to
// the text, Escape closes, Enter opens the item; axe finds nothing with the popup open. Without JavaScript the same
// field is the plain search form.
import { axeViolations } from "../helpers/axe";
import { expect, test, type Page } from "@playwright/test";
import da from "../../messages/da.json" with { type: "json" };
import sv from "../../messages/sv.json" with { type: "json" };

const messages = { da, sv } as const;

// Move the focus with Tab until the element with this id has it (keyboard only, as a visitor would)
async function tabTo(page: Page, id: string) {
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

const cases = [
  {
    locale: "da" as const,
    start: "/da",
    field: "site-search",
    name: da.Header.searchLabel,
    typed: "jammerbugt part",
    first: "Jammerbugt Kommunes partnerskabsaftale med socialøkonomiske virksomheder",
    other: "Jammerbugt kommuns partnerskapsavtal med sociala företag",
  },
  {
    locale: "sv" as const,
    start: "/sv/sok",
    field: "search-q",
    name: sv.Search.label,
    typed: "clean car",
    first: "Clean Car Service i Göteborg: offentlig verksamhet som inkubator",
    other: "Clean Car Service i Göteborg: den offentlige sektor som rugekasse",
  },
];

for (const c of cases) {
  test(`in ${c.locale}, the search field suggests titles by keyboard, in the visitor's language first, and Enter opens the item`, async ({
    page,
  }) => {
    const t = messages[c.locale].Search;
    await page.goto(c.start);
    await page.waitForFunction((id) => document.getElementById(id)?.getAttribute("role") === "combobox", c.field);
    await tabTo(page, c.field);
    await page.keyboard.type(c.typed, { delay: 20 });

    const box = page.getByRole("combobox", { name: c.name, exact: true });
    const list = page.getByRole("listbox", { name: c.name, exact: true });
    await expect(box).toHaveAttribute("aria-expanded", "true");
    await expect(box).toHaveAttribute("aria-controls", (await list.getAttribute("id"))!);
    await expect(box).toHaveAttribute("aria-autocomplete", "list");
    await expect(list).toBeVisible();
    const titles = list.getByRole("group", { name: t.suggestItems, exact: true }).getByRole("option");
    await expect(titles.first()).toHaveAccessibleName(new RegExp(`^${c.first}`));
    await expect(titles.nth(1)).toHaveAccessibleName(new RegExp(`^${c.other}`));
    await expect(titles.nth(1).locator("[lang]")).toHaveAttribute("lang", c.locale === "da" ? "sv" : "da");
    const options = list.getByRole("option");
    const count = await options.count();
    // The live region says how many there are.
    await expect(
      page.getByRole("status").filter({ hasText: t.suggestMany.replace("{count}", String(count)) }),
    ).toHaveCount(1);

    // Down from the text to the first option, up wraps to the last, down wraps back to the first.
    await page.keyboard.press("ArrowDown");
    const firstId = await options.first().getAttribute("id");
    await expect(box).toHaveAttribute("aria-activedescendant", firstId!);
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowUp");
    await expect(box).toHaveAttribute("aria-activedescendant", (await options.last().getAttribute("id"))!);
    await page.keyboard.press("ArrowDown");
    await expect(box).toHaveAttribute("aria-activedescendant", firstId!);
    await expect(box).toBeFocused();

    // Home returns to the text with the caret at its start; End at its end.
    await page.keyboard.press("Home");
    await expect(box).not.toHaveAttribute("aria-activedescendant");
    expect(await box.evaluate((el: HTMLInputElement) => el.selectionStart)).toBe(0);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    await expect(box).not.toHaveAttribute("aria-activedescendant");
    expect(await box.evaluate((el: HTMLInputElement) => el.selectionStart)).toBe(c.typed.length);

    // Escape closes the popup and keeps the text; Down opens it again on the first option.
    await page.keyboard.press("Escape");
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await expect(list).toBeHidden();
    await expect(box).toHaveValue(c.typed);
    await page.keyboard.press("ArrowDown");
    await expect(box).toHaveAttribute("aria-expanded", "true");
    await expect(box).toHaveAttribute("aria-activedescendant", firstId!);

    // Nothing for axe to find with the popup open.
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.first);
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/${c.locale}/`));
  });
}

test("suggestions offer glossary terms and topics, and a click on a term searches for it", async ({ page }) => {
  await page.goto("/da");
  const box = page.getByRole("combobox", { name: da.Header.searchLabel, exact: true });
  await box.pressSequentially("samordningsför", { delay: 20 });
  const terms = page.getByRole("group", { name: da.Search.suggestTerms, exact: true }).getByRole("option");
  await expect(terms.first()).toHaveAccessibleName(/samordningsförbund/);
  await terms.first().click();
  await expect(page).toHaveURL(/\/da\/soeg\?q=samordningsf%C3%B6rbund/);
  await expect(page.getByTestId("search-hit").first()).toBeVisible();
});

test("one character asks for nothing", async ({ page }) => {
  let asked = 0;
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/suggest") asked += 1;
  });
  await page.goto("/da");
  const box = page.getByRole("combobox", { name: da.Header.searchLabel, exact: true });
  await box.pressSequentially("j");
  await page.waitForTimeout(600);
  expect(asked).toBe(0);
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await box.pressSequentially("a");
  await expect(box).toHaveAttribute("aria-expanded", "true");
  expect(asked).toBe(1);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the header's search field is the plain form and searches", async ({ page }) => {
    await page.goto("/sv");
    const box = page.getByRole("searchbox", { name: sv.Header.searchLabel, exact: true });
    await expect(box).not.toHaveAttribute("role", "combobox");
    await expect(page.getByRole("listbox")).toHaveCount(0);
    await box.fill("clean car");
    await box.press("Enter");
    await expect(page).toHaveURL(/\/sv\/sok\?q=clean\+car/);
    await expect(page.getByTestId("search-hit").first()).toBeVisible();
  });
});
