import type { Metadata } from "next";
import { pageMetadata } from "@/lib/seo/metadata";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { listTopics } from "@/lib/catalogue/topics";
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
  const t = await getTranslations({ locale, namespace: "Topics" });
  return pageMetadata({ locale, href: "/topics", title: t("title"), description: t("intro") });
}

export default async function TopicsPage({ params }: Props) {
  const { locale } = await params;
  checkPageParams({ locale });
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "Topics" });
  const topics = await listTopics(locale);
  return (
    <PageShell locale={locale} alternates={alternatesFor("/topics")}>
      <Breadcrumbs locale={locale} trail={[{ label: t("title") }]} />
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-3 max-w-prose text-lg">{t("intro")}</p>
      <ul className="mt-8 grid gap-4 sm:grid-cols-2" data-testid="topic-list">
        {topics.map((topic) => (
          <li key={topic.slug} className="rounded border border-line p-4">
            <h2 className="text-lg font-bold">
              <Link href={{ pathname: "/topics/[slug]", params: { slug: topic.slug } }}>{topic.name}</Link>
            </h2>
            <p className="text-sm text-muted">{t("itemCount", { count: topic.itemCount })}</p>
            {topic.description && <p className="mt-2">{topic.description}</p>}
          </li>
        ))}
      </ul>
    </PageShell>
  );
}
