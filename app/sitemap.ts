import type { MetadataRoute } from "next";
import type { Href } from "@/lib/i18n/alternates";
import { routing } from "@/lib/i18n/routing";
import { sections } from "@/lib/catalogue/sections";
import { cachedSitemapItems, cachedTopicSlugs } from "@/lib/seo/feeds";
import { absoluteUrl, itemLanguages, itemUrl, localizedUrls, siteUrl } from "@/lib/seo/urls";

// Rendered per request (the build has no database) from the data cache, which the catalogue tag clears.
export const dynamic = "force-dynamic";

const pages: Href[] = [
  "/",
  ...Object.values(sections).map((s) => `/${s}` as const),
  "/topics",
  "/glossary",
  "/advisers",
  "/contact",
  "/accessibility",
  "/privacy",
  "/open-data",
];

// Every public page in both locales, and every published item once, at its canonical address
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = siteUrl();
  const [items, topics] = await Promise.all([cachedSitemapItems(), cachedTopicSlugs()]);
  const hrefs: Href[] = [
    ...pages,
    ...topics.map((slug) => ({ pathname: "/topics/[slug]" as const, params: { slug } })),
  ];

  const entries: MetadataRoute.Sitemap = hrefs.flatMap((href) => {
    const urls = localizedUrls(base, href);
    // "/" picks the reader's language, which is what x-default is for.
    const languages = { ...urls, ...(href === "/" && { "x-default": absoluteUrl(base, "/") }) };
    return routing.locales.map((locale) => ({ url: urls[locale], alternates: { languages } }));
  });

  for (const item of items) {
    // An item exists in one language; hreflang only links it with a true translation.
    const languages = itemLanguages(base, item);
    entries.push({
      url: itemUrl(base, item),
      lastModified: item.updatedAt,
      ...(languages && { alternates: { languages } }),
    });
  }
  return entries;
}
