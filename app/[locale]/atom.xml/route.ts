import { getTranslations } from "next-intl/server";
import { isLocale } from "@/lib/i18n/routing";
import { buildAtom } from "@/lib/feeds/atom";
import { listingFeedHref, parseFeedQuery, readFeedList, searchFeedHref } from "@/lib/feeds/lists";
import { filtersToQuery } from "@/lib/catalogue/filters";
import { getMovedRecord, movedFilters } from "@/lib/catalogue/moved-records";
import { sections } from "@/lib/catalogue/sections";
import { getPathname } from "@/lib/i18n/navigation";
import { searchQueryString } from "@/lib/search/params";
import { absoluteUrl, itemPath, siteUrl } from "@/lib/seo/urls";

// Rendered per request (the build has no database) from the same reads as the pages.
export const dynamic = "force-dynamic";

// Atom feed of any listing, topic page, filtered listing or search, the filters in the query (lib/feeds/lists.ts)
export async function GET(request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) return new Response("Not found", { status: 404 });
  const base = siteUrl();
  const list = parseFeedQuery(new URL(request.url).searchParams);
  // A feed of a renamed topic or municipality, subscribed to under its former slug, moves with it.
  if (list.kind !== "search") {
    const moved = await movedFilters(list.filters);
    if (moved) return Response.redirect(absoluteUrl(base, listingFeedHref(locale, list.type, moved)), 308);
  } else if (list.params.topic) {
    const moved = await getMovedRecord("topics", list.params.topic);
    if (moved)
      return Response.redirect(absoluteUrl(base, searchFeedHref(locale, { ...list.params, topic: moved })), 308);
  }
  const [{ rows, labels }, meta, t, types, sectionNames, item, languages] = await Promise.all([
    readFeedList(list, locale),
    getTranslations({ locale, namespace: "Metadata" }),
    getTranslations({ locale, namespace: "Feeds" }),
    getTranslations({ locale, namespace: "ItemTypes" }),
    getTranslations({ locale, namespace: "Sections" }),
    getTranslations({ locale, namespace: "ItemPage" }),
    getTranslations({ locale, namespace: "Languages" }),
  ]);
  let heading: string;
  let self: string;
  let page: string;
  const parts: string[] = [];
  if (list.kind === "search") {
    heading = t("search", { query: list.params.q });
    self = searchFeedHref(locale, list.params);
    const query = new URLSearchParams(searchQueryString({ ...list.params, page: 1, sort: undefined })).toString();
    page = `${getPathname({ locale, href: "/search" })}${query ? `?${query}` : ""}`;
    if (list.params.type) parts.push(types(list.params.type));
    if (list.params.lang) parts.push(languages(list.params.lang));
  } else {
    const { type, filters } = list;
    const topicOnly = !type && filters.topic;
    heading = type ? sectionNames(`${type}.title`) : topicOnly ? (labels.topic ?? filters.topic!) : t("all");
    if (type && labels.topic) parts.push(labels.topic);
    self = listingFeedHref(locale, type, filters);
    const href = type
      ? (`/${sections[type]}` as const)
      : topicOnly
        ? { pathname: "/topics/[slug]" as const, params: { slug: filters.topic! } }
        : ("/" as const);
    const query = filtersToQuery(topicOnly ? { ...filters, topic: undefined } : filters);
    page = `${getPathname({ locale, href })}${query && href !== "/" ? `?${query}` : ""}`;
    if (labels.municipality) parts.push(labels.municipality);
    if (filters.country) parts.push(item(`countries.${filters.country}`));
    if (filters.year) parts.push(String(filters.year));
    if (filters.lang) parts.push(languages(filters.lang));
  }
  const xml = buildAtom(
    {
      title: t("title", { list: [heading, ...parts].join(" · "), site: meta("siteName") }),
      self: absoluteUrl(base, self),
      alternate: absoluteUrl(base, page),
      language: locale,
      author: meta("siteName"),
    },
    rows.map((row) => {
      const published = row.publishedAt ?? (row.year ? `${row.year}-01-01T00:00:00Z` : null);
      return {
        id: `urn:uuid:${row.id}`,
        title: row.title,
        // Like the listings, the feed links every item within the reader's interface language.
        link: absoluteUrl(base, itemPath(row, locale)),
        summary: row.summary,
        published,
        updated: published ?? "1970-01-01T00:00:00Z",
        category: { term: row.type, label: types(row.type) },
        language: row.locale,
      };
    }),
  );
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
