import { siteUrl } from "@/lib/seo/urls";
import type { MetadataRoute } from "next";
import { routing } from "@/lib/i18n/routing";

// SITE_URL is read when served, not frozen at build time.
export const dynamic = "force-dynamic";

// Crawl everything but the staff area and the API; the sitemap lists every public page
export default function robots(): MetadataRoute.Robots {
  const base = siteUrl();
  return {
    rules: {
      userAgent: "*",
      allow: "/",
      disallow: ["/admin", "/api", ...routing.locales.map((locale) => `/${locale}/admin`)],
    },
    sitemap: `${base}/sitemap.xml`,
  };
}
