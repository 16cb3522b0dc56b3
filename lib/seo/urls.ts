// Absolute URLs of the site's pages, items and feeds, built from localized paths (lib/i18n/routing.ts): the one place
// the site's address is read and joined to a path (pages, sitemap, feeds and e-mails alike).
import { setting } from "@/lib/env";
import { alternatesFor, type Alternates, type Href } from "@/lib/i18n/alternates";
import { getPathname } from "@/lib/i18n/navigation";
import { routing, type Locale } from "@/lib/i18n/routing";
import { itemHref } from "@/lib/catalogue/sections";
import type { ItemType } from "@/lib/generated/prisma/enums";

export type ItemRef = { type: ItemType; locale: Locale; slug: string };

// The site's public address without a trailing slash: SITE_URL, else this machine on PORT
export function siteUrl(): string {
  return (setting("SITE_URL") ?? `http://localhost:${setting("PORT")}`).replace(/\/+$/, "");
}

// Join the site's address and a path that starts with "/"
export function absoluteUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path}`;
}

// The same page's absolute URL in every locale
export function localizedUrls(base: string, href: Href): Alternates {
  const paths = alternatesFor(href);
  return Object.fromEntries(routing.locales.map((l) => [l, absoluteUrl(base, paths[l])])) as Alternates;
}

// An item's path as shown in one interface language
export function itemPath(item: Omit<ItemRef, "locale">, uiLocale: Locale): string {
  return getPathname({ locale: uiLocale, href: itemHref(item.type, item.slug) });
}

// An item's canonical URL: the page in the item's own language
export function itemUrl(base: string, item: ItemRef): string {
  return absoluteUrl(base, itemPath(item, item.locale));
}

// The RSS feed of one locale
export function feedUrl(base: string, locale: Locale): string {
  return absoluteUrl(base, `/${locale}/rss.xml`);
}

// Open Graph locale of a content language
export function ogLocale(locale: Locale): string {
  return locale === "da" ? "da_DK" : "sv_SE";
}

// hreflang alternates of an item: itself and, only when it has one, its translation
export function itemLanguages(
  base: string,
  item: ItemRef & { translation: ItemRef | null },
): Partial<Record<Locale, string>> | undefined {
  const { translation } = item;
  if (!translation || translation.locale === item.locale) return undefined;
  return { [item.locale]: itemUrl(base, item), [translation.locale]: itemUrl(base, translation) };
}
