// Page metadata (title, description, canonical, hreflang, Open Graph, Twitter, feed links) for Next's generateMetadata.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { Href } from "@/lib/i18n/alternates";
import { routing, type Locale } from "@/lib/i18n/routing";
import { absoluteUrl, feedUrl, siteUrl, itemLanguages, itemUrl, localizedUrls, ogLocale, type ItemRef } from "./urls";

// What the builders need to know about the site, per locale.
export type SiteContext = {
  base: string;
  name: Record<Locale, string>;
  description: Record<Locale, string>;
  feedTitle: Record<Locale, string>;
};

// What the builders need to know about an item; ItemDetail from lib/catalogue/items.ts fits.
export type SeoItem = ItemRef & {
  title: string;
  summary: string;
  publishedAt: string | null;
  updatedAt?: string | null;
  translation: ItemRef | null;
};

function feedTypes(site: SiteContext, uiLocale: Locale) {
  return { "application/rss+xml": [{ url: feedUrl(site.base, uiLocale), title: site.feedTitle[uiLocale] }] };
}

// Metadata of an item page: canonical is the item in its own language; hreflang only with a true translation
export function buildItemMetadata(item: SeoItem, uiLocale: Locale, site: SiteContext): Metadata {
  const canonical = itemUrl(site.base, item);
  const languages = itemLanguages(site.base, item);
  const translation = languages ? item.translation : null;
  return {
    title: item.title,
    description: item.summary,
    alternates: {
      canonical,
      ...(languages && { languages }),
      types: feedTypes(site, uiLocale),
    },
    openGraph: {
      type: "article",
      locale: ogLocale(item.locale),
      ...(translation && { alternateLocale: [ogLocale(translation.locale)] }),
      siteName: site.name[item.locale],
      url: canonical,
      title: item.title,
      description: item.summary,
      ...(item.publishedAt && { publishedTime: item.publishedAt }),
      ...(item.updatedAt && { modifiedTime: item.updatedAt }),
    },
    twitter: { card: "summary", title: item.title, description: item.summary },
  };
}

export type PageInput = {
  locale: Locale;
  /** The page's internal href, as for Link: "/glossary" or { pathname: "/topics/[slug]", params: { slug } }. */
  href: Href;
  /** Left out on the home page, where the layout's default (the site's name) applies. */
  title?: string;
  description?: string;
  /** A path for hreflang x-default: only for a page that picks the language itself, as "/" does. */
  xDefaultPath?: string;
};

// Metadata of a page that exists in every locale (home, listings, topics, glossary, ...)
export function buildPageMetadata(page: PageInput, site: SiteContext): Metadata {
  const urls = localizedUrls(site.base, page.href);
  const canonical = urls[page.locale];
  const title = page.title ?? site.name[page.locale];
  const description = page.description ?? site.description[page.locale];
  return {
    ...(page.title && { title: page.title }),
    description,
    alternates: {
      canonical,
      languages: {
        ...urls,
        ...(page.xDefaultPath && { "x-default": absoluteUrl(site.base, page.xDefaultPath) }),
      },
      types: feedTypes(site, page.locale),
    },
    openGraph: {
      type: "website",
      locale: ogLocale(page.locale),
      alternateLocale: routing.locales.filter((l) => l !== page.locale).map(ogLocale),
      siteName: site.name[page.locale],
      url: canonical,
      title,
      description,
    },
    twitter: { card: "summary", title, description },
  };
}

// Read the site's address and its names in every locale
export async function loadSiteContext(): Promise<SiteContext> {
  const site: SiteContext = {
    base: siteUrl(),
    name: { da: "", sv: "" },
    description: { da: "", sv: "" },
    feedTitle: { da: "", sv: "" },
  };
  for (const locale of routing.locales) {
    const t = await getTranslations({ locale, namespace: "Metadata" });
    const seo = await getTranslations({ locale, namespace: "Seo" });
    site.name[locale] = t("siteName");
    site.description[locale] = t("siteDescription");
    site.feedTitle[locale] = seo("feedTitle", { site: t("siteName") });
  }
  return site;
}

// Metadata of an item page, as shown in the interface language uiLocale
export async function itemMetadata(item: SeoItem, uiLocale: Locale): Promise<Metadata> {
  return buildItemMetadata(item, uiLocale, await loadSiteContext());
}

// Metadata of a page that exists in every locale
export async function pageMetadata(page: PageInput): Promise<Metadata> {
  return buildPageMetadata(page, await loadSiteContext());
}

// Metadata of the home page; x-default is "/", which picks the reader's language
export async function homeMetadata(locale: Locale): Promise<Metadata> {
  return pageMetadata({ locale, href: "/", xDefaultPath: "/" });
}
