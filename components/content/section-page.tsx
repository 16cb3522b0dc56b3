import { notFound, permanentRedirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { ListingView } from "@/components/content/listing-view";
import { filtersToQuery, type ListingFilters } from "@/lib/catalogue/filters";
import { listItems } from "@/lib/catalogue/listing";
import { movedFilters } from "@/lib/catalogue/moved-records";
import { typeOfSection } from "@/lib/catalogue/sections";
import { getPathname } from "@/lib/i18n/navigation";
import { alternatesFor, type Alternates } from "@/lib/i18n/alternates";
import type { Locale } from "@/lib/i18n/routing";
import { listingFeedHref } from "@/lib/feeds/lists";
import { FeedLink } from "@/components/content/feed-link";
import { AlertSignup } from "@/components/alerts/alert-signup";

// Append the filters to every locale's path, so that the language switcher keeps them
export function withQuery(alternates: Alternates, filters: ListingFilters): Alternates {
  const query = filtersToQuery(filters);
  if (!query) return alternates;
  return Object.fromEntries(Object.entries(alternates).map(([l, p]) => [l, `${p}?${query}`])) as Alternates;
}

// A page's path with its filters (not the page number) as the query
export function withFilters(path: string, filters: ListingFilters): string {
  const query = filtersToQuery({ ...filters, page: undefined });
  return query ? `${path}?${query}` : path;
}

export function sectionHref(section: string) {
  return `/${section}` as "/articles" | "/cases" | "/publications" | "/projects" | "/references";
}

// The listing of one item type with its facets
export async function SectionPage({ locale, section, filters }: { locale: Locale; section: string; filters: ListingFilters }) {
  const type = typeOfSection(section);
  if (!type) notFound();
  const href = sectionHref(section);
  // A filter naming a renamed topic or municipality by its former slug leads to the same list under the new one.
  const moved = await movedFilters(filters);
  if (moved) permanentRedirect(`${getPathname({ locale, href })}?${filtersToQuery(moved)}`);
  const t = await getTranslations({ locale, namespace: "Sections" });
  const listing = await listItems([type], locale, filters);
  return (
    <PageShell locale={locale} alternates={withQuery(alternatesFor(href), filters)}>
      <Breadcrumbs locale={locale} trail={[{ label: t(`${type}.title`) }]} />
      <h1 className="text-3xl font-bold">{t(`${type}.title`)}</h1>
      <p className="mt-3 max-w-prose text-lg">{t(`${type}.intro`)}</p>
      <FeedLink locale={locale} href={listingFeedHref(locale, type, filters)} title={t(`${type}.title`)} />
      <AlertSignup
        locale={locale}
        feedHref={listingFeedHref(locale, type, filters)}
        permalink={withFilters(getPathname({ locale, href }), filters)}
      />
      <ListingView locale={locale} listing={listing} filters={filters} path={getPathname({ locale, href })} />
    </PageShell>
  );
}
