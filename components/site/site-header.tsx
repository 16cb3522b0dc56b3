import { getTranslations } from "next-intl/server";
import { Link } from "@/components/site/link";
import { getPathname } from "@/lib/i18n/navigation";
import { routing, type Locale } from "@/lib/i18n/routing";
import type { Alternates } from "@/lib/i18n/alternates";
import { SearchSuggest } from "@/components/search/search-suggest";
import { searchSuggestText } from "@/components/search/search-suggest-text";

type Props = { locale: Locale; alternates: Alternates };

const sectionLinks = [
  ["/articles", "article"],
  ["/cases", "case"],
  ["/publications", "publication"],
  ["/projects", "project"],
  ["/references", "reference"],
] as const;

// Site name, language switcher, search box and main navigation; plain links and a GET form, no script needed (with
// script, the search box offers suggestions while typing).
export async function SiteHeader({ locale, alternates }: Props) {
  const meta = await getTranslations({ locale, namespace: "Metadata" });
  const t = await getTranslations({ locale, namespace: "Header" });
  const sections = await getTranslations({ locale, namespace: "Sections" });
  const switcher = await getTranslations({ locale, namespace: "LanguageSwitcher" });
  const others = await Promise.all(
    routing.locales
      .filter((l) => l !== locale)
      .map(async (other) => {
        const language = await getTranslations({ locale: other, namespace: "Languages" });
        return { locale: other, name: language("ownName") };
      }),
  );
  return (
    <header className="border-b-4 border-brand bg-paper print:hidden">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-3 px-4 pt-4 pb-3">
        <Link href="/" className="text-xl font-bold text-ink no-underline hover:underline">
          {meta("siteName")}
        </Link>
        <div className="flex flex-wrap items-center gap-4">
          <form
            role="search"
            aria-label={t("searchLabel")}
            method="get"
            action={getPathname({ locale, href: "/search" })}
            className="flex"
          >
            <label htmlFor="site-search" id="site-search-label" className="sr-only">
              {t("searchLabel")}
            </label>
            <SearchSuggest
              locale={locale}
              id="site-search"
              labelId="site-search-label"
              align="end"
              text={await searchSuggestText(locale)}
              inputProps={{
                type: "search",
                name: "q",
                maxLength: 400,
                className: "w-44 rounded-l border border-r-0 border-muted px-2 py-1.5 sm:w-56",
              }}
            />
            <button
              type="submit"
              className="rounded-r bg-brand px-3 py-1.5 font-semibold text-white hover:bg-brand-dark"
            >
              {t("searchButton")}
            </button>
          </form>
          <nav aria-label={switcher("label")}>
            <ul className="flex gap-3">
              {others.map((other) => (
                <li key={other.locale}>
                  <a
                    href={alternates[other.locale]}
                    hrefLang={other.locale}
                    lang={other.locale}
                    data-testid="language-switcher"
                    className="font-semibold"
                  >
                    {other.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
      <nav aria-label={t("navLabel")} className="bg-tint">
        <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-5 gap-y-1 px-4 py-2 text-[0.95rem]">
          {sectionLinks.map(([href, type]) => (
            <li key={href}>
              <Link href={href} className="font-semibold">
                {sections(`${type}.title`)}
              </Link>
            </li>
          ))}
          <li>
            <Link href="/topics" className="font-semibold">
              {t("topics")}
            </Link>
          </li>
          <li>
            <Link href="/glossary" className="font-semibold">
              {t("glossary")}
            </Link>
          </li>
          <li>
            <Link href="/advisers" className="font-semibold">
              {t("advisers")}
            </Link>
          </li>
        </ul>
      </nav>
    </header>
  );
}
