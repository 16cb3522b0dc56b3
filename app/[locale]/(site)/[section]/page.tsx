import type { Metadata } from "next";
import { pageMetadata } from "@/lib/seo/metadata";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SectionPage } from "@/components/content/section-page";
import { typeOfSection } from "@/lib/catalogue/sections";
import type { Locale } from "@/lib/i18n/routing";
import { checkPageParams } from "@/lib/i18n/page-params";

type Props = { params: Promise<{ locale: Locale; section: string }> };

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, section } = await params;
  checkPageParams({ locale });
  const type = typeOfSection(section);
  if (!type) return {};
  const t = await getTranslations({ locale, namespace: "Sections" });
  return pageMetadata({
    locale,
    href: `/${section}` as "/articles",
    title: t(`${type}.title`),
    description: t(`${type}.intro`),
  });
}

// A listing of one type without filters (filtered ones are rewritten by proxy.ts to filter/[filters])
export default async function ListingPage({ params }: Props) {
  const { locale, section } = await params;
  checkPageParams({ locale });
  setRequestLocale(locale);
  return <SectionPage locale={locale} section={section} filters={{}} />;
}
