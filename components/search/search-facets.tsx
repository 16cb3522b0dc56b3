import { getTranslations } from "next-intl/server";
import { Link } from "@/components/site/link";
import type { Locale } from "@/lib/i18n/routing";
import type { SearchFacetCounts } from "@/lib/search/search";
import { searchQueryString, type FilterKey, type SearchParams } from "@/lib/search/params";

const headings = {
  type: "facetType",
  topic: "facetTopic",
  country: "facetCountry",
  lang: "facetLang",
  year: "facetYear",
} as const satisfies Record<FilterKey, string>;

const order: FilterKey[] = ["type", "lang", "country", "topic", "year"];

// Facet counts as links: each leads to the same search with that value chosen (or removed)
export async function SearchFacets({
  locale,
  params,
  facets,
  approximate = false,
}: {
  locale: Locale;
  params: SearchParams;
  facets: SearchFacetCounts;
  /** The counts are estimates: each is marked as such. */
  approximate?: boolean;
}) {
  const t = await getTranslations({ locale, namespace: "Search" });
  const types = await getTranslations({ locale, namespace: "ItemTypes" });
  const languages = await getTranslations({ locale, namespace: "Languages" });
  const item = await getTranslations({ locale, namespace: "ItemPage" });
  const label = (key: FilterKey, value: string, fallback?: string) => {
    if (key === "type") return types(value as "case");
    if (key === "lang") return languages(value as "da");
    if (key === "country") return item(`countries.${value as "DK"}`);
    return fallback ?? value;
  };
  const hasFilter = order.some((key) => params[key] !== undefined);
  return (
    <nav aria-labelledby="facets-heading" data-testid="facets">
      <h2 id="facets-heading" className="text-lg font-bold">
        {t("facets")}
      </h2>
      {hasFilter && (
        <p className="mt-2 text-sm">
          <Link
            href={{
              pathname: "/search",
              query: searchQueryString({ q: params.q, sort: params.sort, narrow: params.narrow }),
            }}
          >
            {t("clearFilters")}
          </Link>
        </p>
      )}
      {order
        .filter((key) => facets[key].length > 0)
        .map((key) => (
          <section key={key} aria-labelledby={`facet-${key}`} className="mt-4">
            <h3 id={`facet-${key}`} className="font-semibold">
              {t(headings[key])}
            </h3>
            <ul className="mt-1 space-y-1 text-sm">
              {facets[key].map((facet) => {
                const chosen = String(params[key] ?? "") === facet.value;
                const name = label(key, facet.value, facet.label);
                const query = searchQueryString({ ...params, page: 1, [key]: chosen ? undefined : facet.value });
                return (
                  <li key={facet.value}>
                    <Link
                      href={{ pathname: "/search", query }}
                      aria-current={chosen ? "true" : undefined}
                      data-facet={key}
                      data-value={facet.value}
                      className={chosen ? "font-bold" : undefined}
                    >
                      {chosen ? t("removeFilter", { value: name }) : name}
                    </Link>{" "}
                    <span className="text-muted" aria-hidden="true">
                      ({approximate && `${t("approxPrefix")} `}
                      <span data-testid="facet-count">{facet.count}</span>)
                    </span>
                    <span className="sr-only">
                      {t(approximate ? "facetCountApprox" : "facetCount", { count: facet.count })}
                    </span>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
    </nav>
  );
}
