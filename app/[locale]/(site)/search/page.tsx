import type { Metadata } from "next";
import { permanentRedirect } from "next/navigation";
import { getMovedRecord } from "@/lib/catalogue/moved-records";
import { getPathname } from "@/lib/i18n/navigation";
import { FeedLink } from "@/components/content/feed-link";
import { AlertSignup } from "@/components/alerts/alert-signup";
import { searchFeedHref } from "@/lib/feeds/lists";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { SearchForm } from "@/components/search/search-form";
import { SearchFacets } from "@/components/search/search-facets";
import { SearchResults } from "@/components/search/search-results";
import { SearchPagination } from "@/components/search/search-pagination";
import { Link } from "@/components/site/link";
import { alternatesFor, type Alternates } from "@/lib/i18n/alternates";
import type { Locale } from "@/lib/i18n/routing";
import { searchCatalogue } from "@/lib/search/search";
import { withoutPinned } from "@/lib/search/best-bets";
import { findBestBets } from "@/lib/data/search";
import {
  filterKeys,
  MAX_QUERY_LENGTH,
  PAGE_SIZE,
  parseSearchParams,
  searchQueryString,
  type RawSearchParams,
} from "@/lib/search/params";
import { checkPageParams } from "@/lib/i18n/page-params";

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<RawSearchParams> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { locale } = await params;
  checkPageParams({ locale });
  const { q } = parseSearchParams(await searchParams);
  const t = await getTranslations({ locale, namespace: "Search" });
  // Result pages are not worth indexing; the empty search page is.
  return { title: q ? t("resultsTitle", { query: q }) : t("title"), robots: q ? { index: false } : undefined };
}

// Rendered per request from the query in the address.
export const dynamic = "force-dynamic";

export default async function SearchPage({ params, searchParams }: Props) {
  const { locale } = await params;
  checkPageParams({ locale });
  setRequestLocale(locale);
  const search = parseSearchParams(await searchParams);
  if (search.topic) {
    // A search filtered by a renamed topic's former slug leads to the same search under the new one.
    const moved = await getMovedRecord("topics", search.topic);
    if (moved) {
      const query = new URLSearchParams(searchQueryString({ ...search, topic: moved })).toString();
      permanentRedirect(`${getPathname({ locale, href: "/search" })}?${query}`);
    }
  }
  const [found, pinned] = await Promise.all([searchCatalogue(search, locale), findBestBets(search, locale)]);
  // Editors' best bets come first on the first page and are left out of the results on every page.
  const outcome = withoutPinned(found, pinned);
  const bestBets = outcome.page === 1 ? pinned : [];
  const t = await getTranslations({ locale, namespace: "Search" });

  // The other language's search page keeps the query and filters.
  const query = searchQueryString(search);
  const base = alternatesFor("/search");
  const suffix = new URLSearchParams(query).toString();
  const alternates = Object.fromEntries(
    Object.entries(base).map(([l, path]) => [l, suffix ? `${path}?${suffix}` : path]),
  ) as Alternates;

  const hasQuery = outcome.query.length > 0;
  const hasFilter = filterKeys.some((key) => search[key] !== undefined);
  const q = (chunks: React.ReactNode) => <q dir="auto">{chunks}</q>;
  const href = (change: Partial<typeof search>) => ({
    pathname: "/search" as const,
    query: searchQueryString({ ...search, page: 1, ...change }),
  });

  return (
    <PageShell locale={locale} alternates={alternates}>
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <SearchForm locale={locale} params={{ ...search, q: outcome.query }} />
      {(hasQuery || hasFilter) && (
        <FeedLink
          locale={locale}
          href={searchFeedHref(locale, { ...search, q: outcome.query })}
          title={t("resultsTitle", { query: outcome.query })}
          kind="search"
        />
      )}
      {hasQuery && (
        <AlertSignup
          locale={locale}
          feedHref={searchFeedHref(locale, { ...search, q: outcome.query })}
          permalink={`${getPathname({ locale, href: "/search" })}${suffix ? `?${suffix}` : ""}`}
        />
      )}

      <div className="mt-6 space-y-2" data-testid="search-notes">
        {outcome.capped && (
          <p role="status" className="rounded border border-line bg-tint p-3">
            {t("capped", { max: MAX_QUERY_LENGTH })}
          </p>
        )}
        {outcome.noSearchableWords && <p role="status">{t("noSearchableWords")}</p>}
        {outcome.suggestion && (
          <p className="text-lg" data-testid="did-you-mean">
            {t.rich("didYouMean", {
              suggestion: outcome.suggestion,
              link: (chunks) => (
                <Link href={href({ q: outcome.suggestion! })} dir="auto">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        )}
        {outcome.widened.length > 0 && (
          <div data-testid="widened">
            <p>{t("widened")}</p>
            <ul className="mt-1 list-disc pl-6 text-sm">
              {outcome.widened.map((w) => (
                <li key={w.slug}>
                  {t.rich("widenedTerm", {
                    term: w.matched,
                    added: w.added.join(", "),
                    q: (chunks) => <q lang={w.language}>{chunks}</q>,
                  })}
                </li>
              ))}
            </ul>
            <p className="mt-1">
              <Link href={href({ narrow: true })} data-testid="narrow-link">
                {t("narrowLink")}
              </Link>
            </p>
          </div>
        )}
        {outcome.timedOut && (
          <div role="status" className="rounded border border-line bg-tint p-3" data-testid="timed-out">
            <p>{t.rich("timedOut", { query: outcome.query, q })}</p>
            <ul className="mt-2 list-disc pl-6">
              {!(search.narrow && search.all) && (
                <li>
                  <Link href={href({ narrow: true, all: true })} data-testid="timed-out-narrow">
                    {t("timedOutNarrow")}
                  </Link>
                </li>
              )}
              {search.lang === undefined && (
                <li>
                  <Link href={href({ lang: locale })}>{t("timedOutOwnLanguage")}</Link>
                </li>
              )}
              {search.sort !== "newest" && (
                <li>
                  <Link href={href({ sort: "newest" })}>{t("timedOutNewest")}</Link>
                </li>
              )}
            </ul>
          </div>
        )}
        {outcome.relaxed && (
          <p role="status" className="rounded border border-line bg-tint p-3" data-testid="relaxed">
            {outcome.strictTotal === 0 ? t("relaxedNone") : t("relaxedFew", { count: outcome.strictTotal })}{" "}
            <Link href={href({ all: true })} data-testid="strict-link">
              {t("strictLink")}
            </Link>
          </p>
        )}
        {outcome.all && hasQuery && (
          <p data-testid="strict-active">
            {t("strictActive")} <Link href={href({ all: false })}>{t("relaxLink")}</Link>
          </p>
        )}
        {outcome.narrow && hasQuery && (
          <p data-testid="narrow-active">
            {t("narrowActive")} <Link href={href({ narrow: false })}>{t("widenLink")}</Link>
          </p>
        )}
      </div>

      {!hasQuery && !hasFilter && (
        <section aria-labelledby="tips-heading" className="mt-6 max-w-prose">
          <p className="text-lg">{t("intro")}</p>
          <h2 id="tips-heading" className="mt-6 text-xl font-bold">
            {t("examplesHeading")}
          </h2>
          <ul className="mt-2 flex flex-wrap gap-3">
            {(["example1", "example2", "example3"] as const).map((key) => (
              <li key={key}>
                <Link href={href({ q: t(key) })} className="rounded border border-line px-3 py-1">
                  {t(key)}
                </Link>
              </li>
            ))}
          </ul>
          <SearchTips locale={locale} />
        </section>
      )}

      <div className="mt-8 grid gap-8 md:grid-cols-[16rem_1fr]">
        <aside className="md:order-first">
          <SearchFacets locale={locale} params={search} facets={outcome.facets} approximate={outcome.approximate} />
        </aside>
        <section aria-labelledby="results-heading" className="min-w-0">
          <h2 id="results-heading" className="text-2xl font-bold" data-testid="results-heading">
            {!hasQuery
              ? hasFilter
                ? t("resultsHeading")
                : t("browseHeading")
              : outcome.timedOut
                ? t("timedOutHeading")
                : outcome.total > 0
                  ? t.rich(outcome.approximate ? "resultsForApprox" : "resultsFor", {
                      total: outcome.total,
                      query: outcome.query,
                      q,
                    })
                  : t.rich("noHits", { query: outcome.query, q })}
          </h2>
          {!hasQuery && (
            <p className="mt-1 text-sm text-muted">
              {t(outcome.approximate ? "allItemsApprox" : "allItems", { total: outcome.total })}
            </p>
          )}
          {outcome.approximate && (
            <p className="mt-1 text-sm text-muted" data-testid="approximate">
              {t("approxNote")}
            </p>
          )}
          {bestBets.length > 0 && (
            <section
              aria-labelledby="best-bets-heading"
              className="mt-4 rounded border-2 border-brand px-4 pt-3"
              data-testid="best-bets"
            >
              <h3 id="best-bets-heading" className="text-lg font-bold">
                {t("bestBetsHeading")}
              </h3>
              <SearchResults hits={bestBets} locale={locale} />
            </section>
          )}
          {outcome.total > 0 ? (
            <>
              <SearchResults hits={outcome.results} locale={locale} start={(outcome.page - 1) * PAGE_SIZE + 1} />
              <SearchPagination locale={locale} params={search} pageCount={outcome.pageCount} />
            </>
          ) : (
            <div className="mt-4 max-w-prose" data-testid="no-hits">
              {hasFilter && (
                <p>
                  {t("noHitsFiltered")}{" "}
                  <Link href={{ pathname: "/search", query: searchQueryString({ q: outcome.query }) }}>
                    {t("clearFilters")}
                  </Link>
                </p>
              )}
              {outcome.similar.length > 0 && (
                <section aria-labelledby="similar-heading" className="mt-4">
                  <h3 id="similar-heading" className="text-xl font-bold">
                    {t("similarHeading")}
                  </h3>
                  <SearchResults hits={outcome.similar} locale={locale} />
                </section>
              )}
              {hasQuery && <SearchTips locale={locale} />}
            </div>
          )}
        </section>
      </div>
    </PageShell>
  );
}

async function SearchTips({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "Search" });
  return (
    <>
      <h2 className="mt-6 text-xl font-bold">{t("tipsHeading")}</h2>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {(["tipSpelling", "tipFewer", "tipLanguage", "tipPhrase", "tipOr", "tipMinus"] as const).map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
    </>
  );
}
