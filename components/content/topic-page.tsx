import { notFound, permanentRedirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { ListingView } from "@/components/content/listing-view";
import { AdviserCards } from "@/components/content/adviser-cards";
import { withFilters, withQuery } from "@/components/content/section-page";
import { filtersToQuery, type ListingFilters } from "@/lib/catalogue/filters";
import { getMovedRecord, movedFilters } from "@/lib/catalogue/moved-records";
import { listItems } from "@/lib/catalogue/listing";
import { getTopic } from "@/lib/catalogue/topics";
import { listAdvisers } from "@/lib/catalogue/advisers";
import { getPathname } from "@/lib/i18n/navigation";
import { alternatesFor } from "@/lib/i18n/alternates";
import type { Locale } from "@/lib/i18n/routing";
import { listingFeedHref } from "@/lib/feeds/lists";
import { FeedLink } from "@/components/content/feed-link";
import { AlertSignup } from "@/components/alerts/alert-signup";

const allTypes = ["article", "case", "publication", "project", "reference"] as const;

// One topic: what it covers, its advisers and every item about it, with facets
export async function TopicPage({ locale, slug, filters }: { locale: Locale; slug: string; filters: ListingFilters }) {
  const topic = await getTopic(slug, locale);
  // The address of a renamed topic (or a filter naming a renamed municipality) leads to where it is now, for good.
  const [movedTopic, moved] = await Promise.all([
    topic ? null : getMovedRecord("topics", slug),
    movedFilters({ ...filters, topic: undefined }),
  ]);
  if (movedTopic || (topic && moved)) {
    const query = filtersToQuery(moved ?? filters);
    const path = getPathname({ locale, href: { pathname: "/topics/[slug]", params: { slug: movedTopic ?? slug } } });
    permanentRedirect(query ? `${path}?${query}` : path);
  }
  if (!topic) notFound();
  const t = await getTranslations({ locale, namespace: "Topics" });
  const scoped = { ...filters, topic: slug };
  const [listing, advisers] = await Promise.all([
    listItems([...allTypes], locale, scoped),
    listAdvisers(locale).then((all) => all.filter((a) => a.topics.some((x) => x.slug === slug))),
  ]);
  const href = { pathname: "/topics/[slug]" as const, params: { slug } };
  return (
    <PageShell locale={locale} alternates={withQuery(alternatesFor(href), filters)}>
      <Breadcrumbs locale={locale} trail={[{ label: t("title"), href: "/topics" }, { label: topic.name }]} />
      <h1 className="text-3xl font-bold">{topic.name}</h1>
      {topic.description && <p className="mt-3 max-w-prose text-lg">{topic.description}</p>}
      <FeedLink locale={locale} href={listingFeedHref(locale, undefined, scoped)} title={topic.name} />
      <AlertSignup
        locale={locale}
        feedHref={listingFeedHref(locale, undefined, scoped)}
        permalink={withFilters(getPathname({ locale, href }), filters)}
      />
      {advisers.length > 0 && (
        <section aria-labelledby="topic-advisers" className="mt-8">
          <h2 id="topic-advisers" className="text-xl font-bold">
            {t("advisers")}
          </h2>
          <AdviserCards locale={locale} advisers={advisers} headingLevel={3} />
        </section>
      )}
      <ListingView
        locale={locale}
        listing={listing}
        filters={scoped}
        path={getPathname({ locale, href })}
        hide={["topic"]}
      />
    </PageShell>
  );
}
