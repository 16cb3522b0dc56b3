import type { Metadata } from "next";
import { pageMetadata } from "@/lib/seo/metadata";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { AdviserCards } from "@/components/content/adviser-cards";
import { listAdvisers } from "@/lib/catalogue/advisers";
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
  const t = await getTranslations({ locale, namespace: "Advisers" });
  return pageMetadata({ locale, href: "/advisers", title: t("title"), description: t("intro") });
}

export default async function AdvisersPage({ params }: Props) {
  const { locale } = await params;
  checkPageParams({ locale });
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "Advisers" });
  const advisers = await listAdvisers(locale);
  return (
    <PageShell locale={locale} alternates={alternatesFor("/advisers")}>
      <Breadcrumbs locale={locale} trail={[{ label: t("title") }]} />
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-3 max-w-prose text-lg">{t("intro")}</p>
      <AdviserCards locale={locale} advisers={advisers} />
    </PageShell>
  );
}
