import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { TextPage } from "@/components/site/text-page";
import { pageMetadata } from "@/lib/seo/metadata";
import type { Locale } from "@/lib/i18n/routing";
import { checkPageParams } from "@/lib/i18n/page-params";

type Props = { params: Promise<{ locale: Locale }> };

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  checkPageParams({ locale });
  const t = await getTranslations({ locale, namespace: "Privacy" });
  return pageMetadata({ locale, href: "/privacy", title: t("title") });
}

export default async function PrivacyPage({ params }: Props) {
  const { locale } = await params;
  checkPageParams({ locale });
  setRequestLocale(locale);
  return <TextPage locale={locale} namespace="Privacy" />;
}
