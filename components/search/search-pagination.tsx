import { getTranslations } from "next-intl/server";
import { Link } from "@/components/site/link";
import type { Locale } from "@/lib/i18n/routing";
import { MAX_PAGE, searchQueryString, type SearchParams } from "@/lib/search/params";

// Previous, numbered and next page links; the current page is marked, not linked.
export async function SearchPagination({
  locale,
  params,
  pageCount,
}: {
  locale: Locale;
  params: SearchParams;
  pageCount: number;
}) {
  const t = await getTranslations({ locale, namespace: "Search" });
  const last = Math.min(pageCount, MAX_PAGE);
  if (last <= 1) return null;
  const current = params.page;
  const href = (page: number) => ({ pathname: "/search" as const, query: searchQueryString({ ...params, page }) });
  const pages = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, last])]
    .filter((p) => p >= 1 && p <= last)
    .sort((a, b) => a - b);
  return (
    <nav aria-label={t("pagination")} className="mt-8" data-testid="pagination">
      <p className="sr-only">{t("pageOf", { page: current, count: last })}</p>
      <ul className="flex flex-wrap items-center gap-3">
        {current > 1 && current <= last && (
          <li>
            <Link href={href(current - 1)} rel="prev">
              {t("previous")}
            </Link>
          </li>
        )}
        {pages.map((page, i) => (
          <li key={page} className="flex gap-3">
            {i > 0 && pages[i - 1] !== page - 1 && <span aria-hidden="true">…</span>}
            {page === current ? (
              <span aria-current="page" className="font-bold">
                {t("pageLabel", { page })}
              </span>
            ) : (
              <Link href={href(page)}>{t("pageLabel", { page })}</Link>
            )}
          </li>
        ))}
        {current < last && (
          <li>
            <Link href={href(current + 1)} rel="next">
              {t("next")}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
