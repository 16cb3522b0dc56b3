import { getTranslations } from "next-intl/server";
import { Link } from "@/components/site/link";
import type { Locale } from "@/lib/i18n/routing";
import { itemHref } from "@/lib/catalogue/sections";
import type { SearchHit } from "@/lib/search/search";
import { LanguageLabel } from "@/components/content/language-label";
import { Highlighted } from "./highlighted";

// Search hits labelled with type, language and date; foreign titles and snippets carry their lang.
export async function SearchResults({
  hits,
  locale,
  start = 1,
}: {
  hits: SearchHit[];
  locale: Locale;
  start?: number;
}) {
  const t = await getTranslations({ locale, namespace: "Search" });
  const types = await getTranslations({ locale, namespace: "ItemTypes" });
  const languages = await getTranslations({ locale, namespace: "Languages" });
  return (
    <ol start={start} className="divide-y divide-line" data-testid="search-results">
      {hits.map((hit) => (
        <li key={hit.id} className="py-4" data-testid="search-hit" data-locale={hit.locale} data-type={hit.type}>
          <h3 className="text-lg font-semibold" lang={hit.locale}>
            <Link href={itemHref(hit.type, hit.slug)}>
              <Highlighted segments={hit.title} />
            </Link>
          </h3>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-muted">
            <span>{types(hit.type)}</span>
            {hit.year && <time dateTime={String(hit.year)}>{hit.year}</time>}
            <LanguageLabel uiLocale={locale} itemLocale={hit.locale} />
          </p>
          <p className="mt-1" lang={hit.locale}>
            <Highlighted segments={hit.snippet} />
          </p>
          {hit.pdf && (
            <div className="mt-1 border-l-4 border-line pl-3 text-sm" data-testid="search-hit-pdf">
              <p className="font-semibold">{t("foundInPdf", { title: hit.pdf.title, page: hit.pdf.page })}</p>
              {hit.pdf.excerpt.length > 0 && (
                <p lang={hit.locale}>
                  <Highlighted segments={hit.pdf.excerpt} />
                </p>
              )}
            </div>
          )}
          {hit.alsoIn && (
            <p className="mt-1 text-sm">
              <Link href={itemHref(hit.alsoIn.type, hit.alsoIn.slug)} hrefLang={hit.alsoIn.locale}>
                {t("alsoIn", { language: languages(hit.alsoIn.locale) })}
              </Link>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
