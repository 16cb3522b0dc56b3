import { notFound, permanentRedirect } from "next/navigation";
import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { FactsBox } from "@/components/content/facts-box";
import { ItemSource } from "@/components/content/item-source";
import { ItemList } from "@/components/content/item-list";
import { JsonLd } from "@/components/seo/json-ld";
import { itemJsonLd } from "@/lib/seo/json-ld";
import { itemMetadata } from "@/lib/seo/metadata";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { sectionHref } from "@/components/content/section-page";
import { LanguageLabel } from "@/components/content/language-label";
import { getMovedItem, getPublishedItem } from "@/lib/catalogue/items";
import { getItemHints, getItemTerms } from "@/lib/catalogue/glossary";
import { GlossaryTips } from "@/components/content/glossary-tips";
import { itemHref, sections as sectionsByType, typeOfSection } from "@/lib/catalogue/sections";
import { Link } from "@/components/site/link";
import { alternatesFor, type Alternates } from "@/lib/i18n/alternates";
import { otherLocale, type Locale } from "@/lib/i18n/routing";
import { ItemContact } from "@/components/contact/item-contact";
import { PageFeedback } from "@/components/feedback/page-feedback";
import { attachmentHref } from "@/lib/attachment-href";
import { checkPageParams } from "@/lib/i18n/page-params";
import { getPathname } from "@/lib/i18n/navigation";
import { ShareControls } from "@/components/content/share-controls";
import { absoluteUrl, itemPath, siteUrl } from "@/lib/seo/urls";

export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: Locale; section: string; slug: string }> };

async function load({ params }: Props) {
  const { locale, section, slug } = await params;
  checkPageParams({ locale, slug });
  const type = typeOfSection(section);
  if (!type) notFound();
  const item = await getPublishedItem(type, slug, locale);
  if (!item) {
    // An address the item had before an editor changed its slug leads to where it is now.
    const moved = await getMovedItem(type, slug, locale);
    if (moved) permanentRedirect(getPathname({ locale, href: itemHref(moved.type, moved.slug) }));
    notFound();
  }
  return { locale, item };
}

// A missing item gets no metadata here: notFound() thrown from metadata would skip the localized not-found page.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, section, slug } = await params;
  checkPageParams({ locale, slug });
  const type = typeOfSection(section);
  const item = type ? await getPublishedItem(type, slug, locale) : null;
  return item ? itemMetadata(item, locale) : {};
}

export default async function ItemPage(props: Props) {
  const { locale, item } = await load(props);
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "ItemPage" });
  const types = await getTranslations({ locale, namespace: "ItemTypes" });
  const sections = await getTranslations({ locale, namespace: "Sections" });
  const advisers = await getTranslations({ locale, namespace: "Advisers" });
  const languages = await getTranslations({ locale, namespace: "Languages" });
  const format = await getFormatter({ locale });
  // A text in the other language lists the glossary's words it uses, with their counterparts in the reader's.
  const terms = item.locale === locale ? [] : await getItemTerms(item.id);
  // The same words marked where they stand, the first under each heading, with the counterpart as a tooltip
  const hints = terms.length ? await getItemHints(item.id, locale) : null;

  // The switcher leads to the translation where there is one, otherwise to this item in the other interface.
  const other = otherLocale(locale);
  const alternates: Alternates = alternatesFor(itemHref(item.type, item.slug));
  if (item.translation?.locale === other) {
    alternates[other] = alternatesFor(itemHref(item.translation.type, item.translation.slug))[other];
  }

  return (
    <PageShell locale={locale} alternates={alternates}>
      <JsonLd data={await itemJsonLd(item, locale)} />
      <Breadcrumbs
        locale={locale}
        trail={[
          { label: sections(`${item.type}.title`), href: sectionHref(sectionsByType[item.type]) },
          { label: item.title, lang: item.locale },
        ]}
      />
      <article className="mt-4" lang={item.locale}>
        <header>
          <p className="flex gap-2 text-sm text-muted">
            <span lang={locale}>{types(item.type)}</span>
            <LanguageLabel uiLocale={locale} itemLocale={item.locale} />
          </p>
          {hints ? (
            <>
              <h1 className="mt-1 text-3xl font-bold" dangerouslySetInnerHTML={{ __html: hints.titleHtml }} />
              <p className="mt-3 max-w-prose text-lg" dangerouslySetInnerHTML={{ __html: hints.summaryHtml }} />
              <GlossaryTips />
            </>
          ) : (
            <>
              <h1 className="mt-1 text-3xl font-bold">{item.title}</h1>
              <p className="mt-3 max-w-prose text-lg">{item.summary}</p>
            </>
          )}
        </header>
        <div className="mt-8 grid gap-8 md:grid-cols-[1fr_18rem]">
          <div className="min-w-0">
            {item.headings.length >= 3 && (
              <nav aria-labelledby="toc-heading" className="mb-8" lang={locale}>
                <h2 id="toc-heading" className="text-lg font-bold">
                  {t("contents")}
                </h2>
                <ol className="mt-2 list-decimal pl-6" lang={item.locale}>
                  {item.headings
                    .filter((h) => h.depth === 2)
                    .map((h) => (
                      <li key={h.id}>
                        <a href={`#${h.id}`}>{h.text}</a>
                      </li>
                    ))}
                </ol>
              </nav>
            )}
            <div
              className="prose-body max-w-prose"
              // Sanitized Markdown (lib/markdown.ts); the glossary's marks are the site's own markup
              dangerouslySetInnerHTML={{ __html: hints?.bodyHtml ?? item.html }}
            />
            {terms.length > 0 && (
              <section
                aria-labelledby="terms-heading"
                className="mt-10 max-w-prose rounded border border-line p-4"
                lang={locale}
                data-testid="item-terms"
              >
                <h2 id="terms-heading" className="text-lg font-bold">
                  {t("termsHeading")}
                </h2>
                <p className="mt-1 text-sm text-muted">{t("termsIntro")}</p>
                <dl className="mt-3 grid gap-x-4 [overflow-wrap:anywhere] sm:grid-cols-2 sm:gap-y-2">
                  {terms.map((term) => (
                    <div key={term.slug} className="contents">
                      <dt lang={item.locale} className="font-semibold">
                        {term.term}
                      </dt>
                      <dd className="mb-2 pl-4 sm:mb-0 sm:pl-0">
                        <a
                          href={`${getPathname({ locale, href: "/glossary" })}#${term.slug}`}
                          aria-label={t("termsGlossary", { term: term.counterpart })}
                        >
                          {term.counterpart}
                        </a>
                        {term.falseFriend && (
                          <span className="block text-sm" data-testid="false-friend-note">
                            <strong>{t("falseFriend")}</strong> {term.explanation}
                          </span>
                        )}
                      </dd>
                    </div>
                  ))}
                </dl>
              </section>
            )}
          </div>
          <div className="flex flex-col gap-6" lang={locale}>
            <FactsBox item={item} locale={locale} />
            <ItemSource item={item} locale={locale} />
            {item.attachments.length > 0 && (
              <section aria-labelledby="attachments-heading">
                <h2 id="attachments-heading" className="text-lg font-bold">
                  {t("attachments")}
                </h2>
                <ul className="mt-2">
                  {item.attachments.map((a) => (
                    <li key={a.fileName}>
                      {attachmentHref(a.location) ? (
                        <a href={attachmentHref(a.location)!} lang={item.locale}>
                          {a.title}
                        </a>
                      ) : (
                        <span lang={item.locale}>{a.title}</span>
                      )}{" "}
                      <span className="text-sm text-muted">
                        (
                        {t("attachmentSize", {
                          type: a.mimeType === "application/pdf" ? "PDF" : a.mimeType,
                          size: format.number(a.sizeBytes / 1_000_000, {
                            style: "unit",
                            unit: "megabyte",
                            maximumFractionDigits: 1,
                          }),
                        })}
                        )
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {item.adviser && (
              <section
                aria-labelledby="adviser-heading"
                className="rounded border border-line p-4"
                data-testid="adviser"
              >
                <h2 id="adviser-heading" className="text-lg font-bold">
                  {t("adviser")}
                </h2>
                <p className="mt-2">{t("adviserIntro", { name: item.adviser.name })}</p>
                <p className="mt-2 font-semibold">{item.adviser.name}</p>
                <p className="text-sm">
                  {item.adviser.title}
                  {item.adviser.organisation && `, ${item.adviser.organisation}`}
                </p>
                <p className="mt-3">
                  <Link
                    href={{ pathname: "/contact", query: { adviser: item.adviser.slug, item: item.id } }}
                    className="font-semibold"
                  >
                    {advisers("contact", { name: item.adviser.name })}
                  </Link>
                </p>
              </section>
            )}
            <p data-testid="translation">
              {item.translation ? (
                <Link
                  href={itemHref(item.translation.type, item.translation.slug)}
                  locale={item.translation.locale}
                  hrefLang={item.translation.locale}
                >
                  {t("translation", { language: languages(item.translation.locale), title: item.translation.title })}
                </Link>
              ) : (
                t("noTranslation", { language: languages(item.locale) })
              )}
            </p>
          </div>
        </div>
      </article>
      <ShareControls locale={locale} url={absoluteUrl(siteUrl(), itemPath(item, locale))} title={item.title} />
      {item.related.length > 0 && (
        <section aria-labelledby="related-heading" className="mt-12">
          <h2 id="related-heading" className="text-2xl font-bold">
            {t("related")}
          </h2>
          <ItemList items={item.related} locale={locale} />
        </section>
      )}
      <ItemContact locale={locale} item={item} />
      <PageFeedback locale={locale} itemId={item.id} />
    </PageShell>
  );
}
