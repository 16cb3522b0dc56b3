import type { Metadata } from "next";
import { pageMetadata } from "@/lib/seo/metadata";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { alternatesFor } from "@/lib/i18n/alternates";
import type { Locale } from "@/lib/i18n/routing";

type Props = { params: Promise<{ locale: Locale }> };

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "Accessibility" });
  return pageMetadata({ locale, href: "/accessibility", title: t("title") });
}

export default async function AccessibilityPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "Accessibility" });
  const paragraphs = (["p1", "p2", "p3", "p4", "p5", "p6"] as const).map((key) => t(`body.${key}`));
  return (
    <PageShell locale={locale} alternates={alternatesFor("/accessibility")}>
      <Breadcrumbs locale={locale} trail={[{ label: t("title") }]} />
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <div className="mt-6 max-w-prose space-y-4">
        {paragraphs.map((text, i) => (
          <p key={i}>{text}</p>
        ))}
      </div>
    </PageShell>
  );
}
