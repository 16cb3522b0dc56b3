import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { JsonLd } from "@/components/seo/json-ld";
import { homeJsonLd } from "@/lib/seo/json-ld";
import { homeMetadata } from "@/lib/seo/metadata";
import { PageShell } from "@/components/site/page-shell";
import { ItemList } from "@/components/content/item-list";
import { sectionHref } from "@/components/content/section-page";
import { listItems } from "@/lib/catalogue/listing";
import { listTopics } from "@/lib/catalogue/topics";
import { sections } from "@/lib/catalogue/sections";
import { readerVersion } from "@/lib/catalogue/visibility";
import { Link } from "@/components/site/link";
import { alternatesFor } from "@/lib/i18n/alternates";
import type { Locale } from "@/lib/i18n/routing";
import { checkPageParams } from "@/lib/i18n/page-params";

type Props = { params: Promise<{ locale: Locale }> };

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  checkPageParams({ locale });
  return homeMetadata(locale);
}

const entryTypes = ["article", "case", "publication", "project", "reference"] as const;
const featuredTypes = ["publication", "case", "project", "article"] as const;

export default async function HomePage({ params }: Props) {
  const { locale } = await params;
  checkPageParams({ locale });
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "HomePage" });
  const sectionText = await getTranslations({ locale, namespace: "Sections" });
  const listing = await getTranslations({ locale, namespace: "Listing" });
  const [byType, newest, topics] = await Promise.all([
    Promise.all(entryTypes.map(async (type) => ({ type, listing: await listItems([type], locale, {}) }))),
    listItems(["article", "case", "publication", "project"], locale, {}),
    listTopics(locale),
  ]);
  // The newest item of each main type, the reader's language first
  const featured = featuredTypes
    .map((type) => {
      const entries = byType.find((b) => b.type === type)?.listing.entries ?? [];
      return readerVersion(entries, locale);
    })
    .filter((e) => e !== undefined);
  const newestItems = newest.entries.filter((e) => !featured.some((f) => f.id === e.id)).slice(0, 6);

  return (
    <PageShell locale={locale} alternates={alternatesFor("/")}>
      <JsonLd data={await homeJsonLd(locale)} />
      <div className="rounded bg-tint px-6 py-8">
        <h1 className="text-3xl font-bold sm:text-4xl">{t("title")}</h1>
        <p className="mt-4 max-w-prose text-lg">{t("intro")}</p>
      </div>

      <section aria-labelledby="by-type" className="mt-10">
        <h2 id="by-type" className="text-2xl font-bold">
          {t("byType")}
        </h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {byType.map(({ type, listing: l }) => (
            <li key={type} className="rounded border border-line p-4">
              <h3 className="text-lg font-bold">
                <Link href={sectionHref(sections[type])}>{sectionText(`${type}.title`)}</Link>
              </h3>
              <p className="text-sm text-muted">{listing("results", { count: l.total })}</p>
              <p className="mt-2 text-[0.95rem]">{sectionText(`${type}.intro`)}</p>
            </li>
          ))}
        </ul>
      </section>

      {featured.length > 0 && (
        <section aria-labelledby="featured" className="mt-10">
          <h2 id="featured" className="text-2xl font-bold">
            {t("featured")}
          </h2>
          <ItemList items={featured} locale={locale} />
        </section>
      )}

      <section aria-labelledby="newest" className="mt-10">
        <h2 id="newest" className="text-2xl font-bold">
          {t("newest")}
        </h2>
        {newestItems.length ? <ItemList items={newestItems} locale={locale} /> : <p className="mt-4">{t("empty")}</p>}
      </section>

      <section aria-labelledby="by-topic" className="mt-10">
        <h2 id="by-topic" className="text-2xl font-bold">
          {t("byTopic")}
        </h2>
        <ul className="mt-4 flex flex-wrap gap-2">
          {topics
            .filter((topic) => topic.itemCount > 0)
            .map((topic) => (
              <li key={topic.slug}>
                <Link
                  href={{ pathname: "/topics/[slug]", params: { slug: topic.slug } }}
                  className="inline-block rounded-full border border-line px-3 py-1"
                >
                  {topic.name} <span className="text-sm text-muted">({topic.itemCount})</span>
                </Link>
              </li>
            ))}
        </ul>
        <p className="mt-4">
          <Link href="/topics">{t("allTopics")}</Link>
        </p>
      </section>
    </PageShell>
  );
}
