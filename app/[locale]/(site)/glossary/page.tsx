import type { Metadata } from "next";
import { pageMetadata } from "@/lib/seo/metadata";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { glossaryByLetter, glossaryUsage } from "@/lib/catalogue/glossary";
import { Link } from "@/components/site/link";
import { alternatesFor } from "@/lib/i18n/alternates";
import { otherLocale, type Locale } from "@/lib/i18n/routing";
import { checkPageParams } from "@/lib/i18n/page-params";

type Props = { params: Promise<{ locale: Locale }> };

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  checkPageParams({ locale });
  const t = await getTranslations({ locale, namespace: "Glossary" });
  return pageMetadata({ locale, href: "/glossary", title: t("title"), description: t("intro") });
}

// Danish and Swedish terms side by side, A to Z in the reader's language
export default async function GlossaryPage({ params }: Props) {
  const { locale } = await params;
  checkPageParams({ locale });
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "Glossary" });
  const [letters, usage] = await Promise.all([glossaryByLetter(locale), glossaryUsage()]);
  const other = otherLocale(locale);
  const columns = [locale, other] as const;
  const heading = (l: Locale) => (l === "da" ? t("danish") : t("swedish"));
  return (
    <PageShell locale={locale} alternates={alternatesFor("/glossary")}>
      <Breadcrumbs locale={locale} trail={[{ label: t("title") }]} />
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-3 max-w-prose text-lg">{t("intro")}</p>
      <nav aria-label={t("letters")} className="mt-6">
        <ul className="flex flex-wrap gap-1">
          {letters.map(({ letter }) => (
            <li key={letter}>
              <a
                href={`#letter-${letter}`}
                className="inline-block min-w-9 rounded border border-line px-2 py-1 text-center font-semibold no-underline hover:underline"
              >
                {letter}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {letters.map(({ letter, entries }) => (
        <section key={letter} aria-labelledby={`letter-${letter}`} className="mt-8">
          <h2 id={`letter-${letter}`} className="border-b border-line text-2xl font-bold">
            {letter}
          </h2>
          <ul className="divide-y divide-line">
            {entries.map((entry) => (
              <li key={entry.slug} id={entry.slug} className="grid gap-x-6 gap-y-2 py-4 md:grid-cols-2">
                {entry.falseFriend && (
                  <p className="text-sm md:col-span-2" data-testid="false-friend" lang={locale}>
                    <strong className="mr-2 rounded bg-tint px-2 py-0.5">{t("falseFriend")}</strong>
                    {t("falseFriendNote")}
                  </p>
                )}
                {/* The entry's former addresses (#old-slug) still land here after a rename. */}
                {entry.formerSlugs.map((former) => (
                  <span key={former} id={former} data-testid="former-anchor" className="sr-only" />
                ))}
                {columns.map((l) => (
                  <div key={l} lang={l}>
                    <p className="font-bold">
                      <span className="mr-2 text-xs font-semibold text-muted uppercase" lang={locale}>
                        <abbr title={heading(l)} className="no-underline">
                          {l}
                        </abbr>
                      </span>
                      {entry[l].term ? (
                        <dfn className="not-italic" data-testid="term">
                          {entry[l].term}
                        </dfn>
                      ) : (
                        <span className="font-normal text-muted" lang={locale} data-testid="no-term">
                          {t("noTermYet", { language: l === "da" ? t("wordDa") : t("wordSv") })}
                        </span>
                      )}
                    </p>
                    {entry[l].synonyms.length > 0 && (
                      <p className="text-sm text-muted">
                        <span lang={locale}>{t("synonyms")}</span> {entry[l].synonyms.join(", ")}
                      </p>
                    )}
                    {entry[l].explanation && <p className="mt-1">{entry[l].explanation}</p>}
                    {usage[entry.slug]?.[l] && (
                      <p className="mt-2 text-sm" data-testid="term-usage" lang={locale}>
                        <Link href={{ pathname: "/search", query: { q: entry[l].term, lang: l, narrow: "1" } }}>
                          {t("usage", { count: usage[entry.slug]![l]!, lang: l })}
                        </Link>
                      </p>
                    )}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </PageShell>
  );
}
