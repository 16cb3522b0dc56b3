import { getTranslations } from "next-intl/server";
import { getPathname } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";
import { MAX_QUERY_LENGTH, type SearchParams } from "@/lib/search/params";
import { itemTypes } from "@/lib/content/schema";
import { SearchSuggest } from "./search-suggest";
import { searchSuggestText } from "./search-suggest-text";

const selectClass = "mt-1 block w-full rounded border border-muted bg-white px-2 py-1.5";

// The search box and the filters as one plain GET form: works the same with and without JavaScript.
export async function SearchForm({ locale, params }: { locale: Locale; params: SearchParams }) {
  const t = await getTranslations({ locale, namespace: "Search" });
  const types = await getTranslations({ locale, namespace: "ItemTypes" });
  const languages = await getTranslations({ locale, namespace: "Languages" });
  const item = await getTranslations({ locale, namespace: "ItemPage" });
  return (
    <form
      role="search"
      aria-label={t("label")}
      method="get"
      action={getPathname({ locale, href: "/search" })}
      className="mt-6"
    >
      <label htmlFor="search-q" id="search-q-label" className="block font-semibold">
        {t("label")}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <SearchSuggest
          locale={locale}
          id="search-q"
          labelId="search-q-label"
          defaultValue={params.q}
          text={await searchSuggestText(locale)}
          className="min-w-0 flex-1"
          inputProps={{
            type: "search",
            name: "q",
            maxLength: MAX_QUERY_LENGTH * 2,
            dir: "auto",
            autoComplete: "off",
            className: "w-full rounded border border-muted px-3 py-2 text-lg",
          }}
        />
        <button type="submit" className="rounded bg-brand px-5 py-2 font-semibold text-white hover:bg-brand-dark">
          {t("submit")}
        </button>
      </div>
      <fieldset className="mt-4 grid gap-3 sm:grid-cols-4">
        <legend className="sr-only">{t("filters")}</legend>
        <div className="text-sm">
          <label htmlFor="search-type">{t("facetType")}</label>
          <select id="search-type" name="type" defaultValue={params.type ?? ""} className={selectClass}>
            <option value="">{t("allTypes")}</option>
            {itemTypes.map((type) => (
              <option key={type} value={type}>
                {types(type)}
              </option>
            ))}
          </select>
        </div>
        <div className="text-sm">
          <label htmlFor="search-lang">{t("facetLang")}</label>
          <select id="search-lang" name="lang" defaultValue={params.lang ?? ""} className={selectClass}>
            <option value="">{t("allLanguages")}</option>
            <option value="da">{languages("da")}</option>
            <option value="sv">{languages("sv")}</option>
          </select>
        </div>
        <div className="text-sm">
          <label htmlFor="search-country">{t("facetCountry")}</label>
          <select id="search-country" name="country" defaultValue={params.country ?? ""} className={selectClass}>
            <option value="">{t("allCountries")}</option>
            <option value="DK">{item("countries.DK")}</option>
            <option value="SE">{item("countries.SE")}</option>
          </select>
        </div>
        <div className="text-sm">
          <label htmlFor="search-sort">{t("sort")}</label>
          <select id="search-sort" name="sort" defaultValue={params.sort ?? ""} className={selectClass}>
            <option value="">{t("sortRelevance")}</option>
            <option value="newest">{t("sortNewest")}</option>
          </select>
        </div>
      </fieldset>
      {params.topic && <input type="hidden" name="topic" value={params.topic} />}
      {params.year !== undefined && <input type="hidden" name="year" value={params.year} />}
      {params.narrow && <input type="hidden" name="narrow" value="1" />}
    </form>
  );
}
