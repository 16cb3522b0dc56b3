import { getTranslations } from "next-intl/server";
import { ItemList } from "@/components/content/item-list";
import { filtersToQuery, type ListingFilters } from "@/lib/catalogue/filters";
import type { ListingFacets, Listing } from "@/lib/catalogue/listing";
import type { Locale } from "@/lib/i18n/routing";

type FacetName = keyof ListingFacets;

type Props = {
  locale: Locale;
  listing: Listing;
  filters: ListingFilters;
  // Path of this listing in the current locale (the form's action and the links' base)
  path: string;
  // Facets not offered here (a topic page is already about one topic)
  hide?: FacetName[];
};

const facetOrder: FacetName[] = ["topic", "country", "municipality", "year", "lang"];

// Filters as a GET form, the chosen filters as removable links, the results and page links
export async function ListingView({ locale, listing, filters, path, hide = [] }: Props) {
  const t = await getTranslations({ locale, namespace: "Listing" });
  const item = await getTranslations({ locale, namespace: "ItemPage" });
  const languages = await getTranslations({ locale, namespace: "Languages" });
  const facets = facetOrder.filter((name) => !hide.includes(name) && listing.facets[name].length > 0);
  const label = (name: FacetName, value: string) => {
    if (name === "country") return item(`countries.${value as "DK" | "SE"}`);
    if (name === "lang") return languages(value as "da" | "sv");
    return listing.facets[name].find((f) => f.value === value)?.label ?? value;
  };
  const href = (next: ListingFilters) => {
    const query = filtersToQuery(Object.fromEntries(Object.entries(next).filter(([k]) => !hide.includes(k as FacetName))));
    return query ? `${path}?${query}` : path;
  };
  const active = facetOrder.filter((name) => filters[name] !== undefined && !hide.includes(name));
  const withoutPage = { ...filters, page: undefined };

  return (
    <div className="mt-8 grid gap-8 md:grid-cols-[16rem_1fr]">
      <form method="get" action={path} className="self-start rounded border border-line p-4 print:hidden">
        <h2 className="text-lg font-bold">{t("filters")}</h2>
        {/* Marks a submitted filter form, so that the proxy also tidies an address whose every field is empty. */}
        <input type="hidden" name="filter" value="1" />
        {facets.map((name) => (
          <div key={name} className="mt-4">
            <label htmlFor={`facet-${name}`} className="block font-semibold">
              {t(name)}
            </label>
            <select
              id={`facet-${name}`}
              name={name}
              defaultValue={filters[name] !== undefined ? String(filters[name]) : ""}
              className="mt-1 w-full rounded border border-muted bg-white px-2 py-1.5"
            >
              <option value="">{t("any")}</option>
              {listing.facets[name].map((f) => (
                <option key={f.value} value={f.value}>
                  {t("optionCount", { label: label(name, f.value), count: f.count })}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button
          type="submit"
          className="mt-5 w-full rounded bg-brand px-3 py-2 font-semibold text-white hover:bg-brand-dark"
        >
          {t("apply")}
        </button>
      </form>

      <div className="min-w-0">
        {active.length > 0 && (
          <div className="mb-4">
            <h2 className="sr-only">{t("activeFilters")}</h2>
            <ul className="flex flex-wrap gap-2">
              {active.map((name) => (
                <li key={name}>
                  <a
                    href={href({ ...withoutPage, [name]: undefined })}
                    className="inline-block rounded-full border border-brand px-3 py-1 text-sm no-underline hover:underline"
                    aria-label={t("removeFilter", { label: `${t(name)}: ${label(name, String(filters[name]))}` })}
                  >
                    {t(name)}: {label(name, String(filters[name]))} <span aria-hidden="true">×</span>
                  </a>
                </li>
              ))}
              <li>
                <a href={path} className="inline-block px-1 py-1 text-sm">
                  {t("clear")}
                </a>
              </li>
            </ul>
          </div>
        )}
        <p className="font-semibold" role="status" data-testid="result-count">
          {t("results", { count: listing.total })}
        </p>
        {listing.entries.length > 0 ? (
          <ItemList items={listing.entries} locale={locale} headingLevel={2} />
        ) : (
          <p className="mt-4">{t("noResults")}</p>
        )}
        {listing.pageCount > 1 && (
          <nav aria-label={t("pagination")} className="mt-6 print:hidden">
            <ul className="flex flex-wrap items-center gap-3">
              {listing.page > 1 && (
                <li>
                  <a href={href({ ...filters, page: listing.page - 1 > 1 ? listing.page - 1 : undefined })} rel="prev" className="inline-block px-2 py-2">
                    {t("previous")}
                  </a>
                </li>
              )}
              {Array.from({ length: listing.pageCount }, (_, i) => i + 1).map((page) => (
                <li key={page}>
                  {page === listing.page ? (
                    <span
                      aria-current="page"
                      className="inline-block min-w-11 rounded border-2 border-ink px-3 py-2 text-center font-bold"
                    >
                      <span className="sr-only">{t("page", { page })}</span>
                      <span aria-hidden="true">{page}</span>
                    </span>
                  ) : (
                    <a
                      href={href({ ...filters, page: page > 1 ? page : undefined })}
                      aria-label={t("page", { page })}
                      className="inline-block min-w-11 rounded border border-line px-3 py-2 text-center"
                    >
                      {page}
                    </a>
                  )}
                </li>
              ))}
              {listing.page < listing.pageCount && (
                <li>
                  <a href={href({ ...filters, page: listing.page + 1 })} rel="next" className="inline-block px-2 py-2">
                    {t("next")}
                  </a>
                </li>
              )}
            </ul>
          </nav>
        )}
      </div>
    </div>
  );
}
