import type { Metadata } from "next";
import { pageMetadata } from "@/lib/seo/metadata";
import { setRequestLocale } from "next-intl/server";
import { TopicPage } from "@/components/content/topic-page";
import { getTopic } from "@/lib/catalogue/topics";
import type { Locale } from "@/lib/i18n/routing";
import { checkPageParams } from "@/lib/i18n/page-params";

type Props = { params: Promise<{ locale: Locale; slug: string }> };

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, slug } = await params;
  checkPageParams({ locale, slug });
  const topic = await getTopic(slug, locale);
  return topic
    ? pageMetadata({
        locale,
        href: { pathname: "/topics/[slug]", params: { slug } },
        title: topic.name,
        description: topic.description || undefined,
      })
    : {};
}

export default async function Page({ params }: Props) {
  const { locale, slug } = await params;
  checkPageParams({ locale, slug });
  setRequestLocale(locale);
  return <TopicPage locale={locale} slug={slug} filters={{}} />;
}
