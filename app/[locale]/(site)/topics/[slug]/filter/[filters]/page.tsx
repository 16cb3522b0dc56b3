import type { Metadata } from "next";
import { setRequestLocale } from "next-intl/server";
import { TopicPage } from "@/components/content/topic-page";
import { canonicalFilters } from "@/lib/catalogue/filter-route";
import { getTopic } from "@/lib/catalogue/topics";
import type { Locale } from "@/lib/i18n/routing";
import { checkPageParams } from "@/lib/i18n/page-params";

type Props = { params: Promise<{ locale: Locale; slug: string; filters: string }> };

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, slug } = await params;
  checkPageParams({ locale, slug });
  const topic = await getTopic(slug, locale);
  return topic ? { title: topic.name, robots: { index: false, follow: true } } : {};
}

// A topic page with filters: proxy.ts turns its query string into this path
export default async function Page({ params }: Props) {
  const { locale, slug, filters } = await params;
  checkPageParams({ locale, slug });
  setRequestLocale(locale);
  const { topic: _ignored, ...rest } = await canonicalFilters(filters);
  void _ignored;
  return <TopicPage locale={locale} slug={slug} filters={rest} />;
}
