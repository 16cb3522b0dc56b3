import { axeViolations } from "../helpers/axe";
import { expect, test } from "@playwright/test";
import { loadCatalogue } from "../../lib/content/load";
import { routing, type Locale } from "../../lib/i18n/routing";
import { sections } from "../../lib/catalogue/sections";

const words = {
  da: { copy: "Kopiér link", copied: "Linket er kopieret.", print: "Udskriv", email: "Send link pr. e-mail" },
  sv: { copy: "Kopiera länk", copied: "Länken är kopierad.", print: "Skriv ut", email: "Skicka länk med e-post" },
};

// An item page of the reader's language, as the site spells its path
async function itemPage(locale: Locale) {
  const catalogue = await loadCatalogue();
  const item = catalogue.items.find((i) => i.locale === locale && i.type === "case" && i.data.status === "published")!;
  const pattern = routing.pathnames[`/${sections.case}/[slug]`][locale];
  return { path: `/${locale}${pattern.replace("[slug]", item.slug)}`, title: item.data.title };
}

for (const locale of routing.locales) {
  test(`${locale}: an item page copies its link, prints and mails it by keyboard, with no third party`, async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    const hosts = new Set<string>();
    page.on("request", (r) => hosts.add(new URL(r.url()).host));
    const { path, title } = await itemPage(locale);
    await page.goto(path);
    const url = `${baseURL}${path}`;
    await expect(page.getByTestId("share-link")).toHaveValue(url);
    const mail = page.getByRole("link", { name: words[locale].email });
    const href = (await mail.getAttribute("href"))!;
    expect(href.startsWith("mailto:?")).toBe(true);
    const mailParams = new URLSearchParams(href.slice("mailto:?".length));
    expect(mailParams.get("subject")).toBe(title);
    expect(mailParams.get("body")).toContain(url);

    await mail.focus();
    await page.keyboard.press("Tab");
    const copy = page.getByRole("button", { name: words[locale].copy });
    await expect(copy).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("share-status")).toHaveText(words[locale].copied);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    await page.evaluate(() => {
      window.print = () => document.body.setAttribute("data-printed", "yes");
    });
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: words[locale].print })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("body")).toHaveAttribute("data-printed", "yes");

    expect(await axeViolations(page)).toEqual([]);
    expect([...hosts]).toEqual([new URL(baseURL!).host]);
    await context.close();
  });

  test(`${locale}: without JavaScript the link is a selectable field and the e-mail link works; no dead button`, async ({
    browser,
    baseURL,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const { path } = await itemPage(locale);
    await page.goto(path);
    const field = page.getByRole("textbox", { name: locale === "da" ? "Link til siden" : "Länk till sidan" });
    await expect(field).toHaveValue(`${baseURL}${path}`);
    await expect(field).toHaveAttribute("readonly", "");
    await expect(page.getByRole("link", { name: words[locale].email })).toHaveAttribute("href", /^mailto:\?subject=/);
    await expect(page.getByRole("button", { name: words[locale].copy })).toHaveCount(0);
    await expect(page.getByRole("button", { name: words[locale].print })).toHaveCount(0);
    await context.close();
  });
}
