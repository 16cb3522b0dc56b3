import { axeViolations } from "../helpers/axe";
import { expect, test } from "@playwright/test";
import { loadCatalogue } from "../../lib/content/load";
import { routing, type Locale } from "../../lib/i18n/routing";
import { sections } from "../../lib/catalogue/sections";

function path(locale: Locale, internal: keyof typeof routing.pathnames, slug?: string) {
  const pattern = routing.pathnames[internal];
  const localized = typeof pattern === "string" ? pattern : pattern[locale];
  return `/${locale}${slug ? localized.replace("[slug]", slug) : localized}`.replace(/\/$/, "");
}

// Every page type in both locales, checked by axe against WCAG 2.0 to 2.2 A and AA.
const pages = async (locale: Locale) => {
  const catalogue = await loadCatalogue();
  const itemOf = (type: keyof typeof sections) =>
    catalogue.items.find((i) => i.type === type && i.locale === locale) ??
    catalogue.items.find((i) => i.type === type)!;
  const topic = catalogue.topics[0]!.slug;
  return [
    `/${locale}`,
    ...Object.values(sections).map((s) => path(locale, `/${s}`)),
    `${path(locale, "/references")}?country=SE&page=2`,
    ...(Object.keys(sections) as (keyof typeof sections)[]).map((type) => {
      return path(locale, `/${sections[type]}/[slug]`, itemOf(type).slug);
    }),
    path(locale, "/topics"),
    path(locale, "/topics/[slug]", topic),
    path(locale, "/glossary"),
    path(locale, "/advisers"),
    path(locale, "/accessibility"),
    path(locale, "/privacy"),
    path(locale, "/contact"),
    `${path(locale, "/search")}?q=${locale === "da" ? "socialøkonomisk virksomhed" : "sociala företag"}`,
    `${path(locale, "/search")}?q=xqzv`,
    `${path(locale, "/contact/receipt")}?ref=AAAA-BBBB-CCCC-DDDD`,
    `/${locale}/findes-ikke`,
  ];
};

for (const locale of routing.locales) {
  test(`axe finds no WCAG A/AA violation on any ${locale} page type`, async ({ page }) => {
    // axe takes several seconds a page on a busy 2-core machine, and this walks 22 pages.
    test.setTimeout(360_000);
    for (const url of await pages(locale)) {
      await page.goto(url);
      expect(await axeViolations(page), url).toEqual([]);
    }
  });
}
