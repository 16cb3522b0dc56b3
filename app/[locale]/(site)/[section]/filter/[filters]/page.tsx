import type { Metadata } from "next";
import { pageMetadata } from "@/lib/seo/metadata";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SectionPage } from "@/components/content/section-page";
import { canonicalFilters } from "@/lib/catalogue/filter-route";
import { typeOfSection } from "@/lib/catalogue/sections";
import type { Locale } from "@/lib/i18n/routing";
import { checkPageParams } from "@/lib/i18n/page-params";

type Props = { params: Promise<{ locale: Locale; section: string; filters: string }> };

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, section } = await params;
  checkPageParams({ locale });
  const type = typeOfSection(section);
  if (!type) return {};
  const t = await getTranslations({ locale, namespace: "Sections" });
  const base = await pageMetadata({ locale, href: `/${section}` as "/articles", title: t(`${type}.title`) });
  return { ...base, robots: { index: false, follow: true } };
}

// A filtered listing: proxy.ts turns ?topic=…&year=… into this path, one cached page per filter set
export default async function FilteredListingPage({ params }: Props) {
  const { locale, section, filters } = await params;
  checkPageParams({ locale });
  setRequestLocale(locale);
  const parsed = await canonicalFilters(filters);
  return <SectionPage locale={locale} section={section} filters={parsed} />;
}
