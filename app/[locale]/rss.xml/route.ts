import { getTranslations } from "next-intl/server";
import { isLocale } from "@/lib/i18n/routing";
import { cachedFeedItems } from "@/lib/seo/feeds";
import { buildRss } from "@/lib/seo/rss";
import { absoluteUrl, feedUrl, itemPath, localizedUrls, siteUrl } from "@/lib/seo/urls";

// Rendered per request (the build has no database) from the data cache, which the catalogue tag clears.
export const dynamic = "force-dynamic";

// RSS 2.0 feed of the newest items for one interface language (/da/rss.xml, /sv/rss.xml)
export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) return new Response("Not found", { status: 404 });
  const base = siteUrl();
  const [items, meta, seo, types] = await Promise.all([
    cachedFeedItems(locale),
    getTranslations({ locale, namespace: "Metadata" }),
    getTranslations({ locale, namespace: "Seo" }),
    getTranslations({ locale, namespace: "ItemTypes" }),
  ]);
  const xml = buildRss(
    {
      title: seo("feedTitle", { site: meta("siteName") }),
      link: localizedUrls(base, "/")[locale],
      description: meta("siteDescription"),
      language: locale,
      self: feedUrl(base, locale),
    },
    items.map((item) => ({
      title: item.title,
      // Like the listings, the feed links every item within the reader's interface language.
      link: absoluteUrl(base, itemPath(item, locale)),
      description: item.summary,
      publishedAt: item.publishedAt,
      category: types(item.type),
      language: item.locale,
    })),
  );
  return new Response(xml, { headers: { "Content-Type": "application/rss+xml; charset=utf-8" } });
}
