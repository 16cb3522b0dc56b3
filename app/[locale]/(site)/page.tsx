import { connection } from "next/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { ItemList } from "@/components/content/item-list";
import { listPublishedItems } from "@/lib/catalogue/items";
import { alternatesFor } from "@/lib/i18n/alternates";
import type { Locale } from "@/lib/i18n/routing";
// SEO: metadata and structured data
import type { Metadata } from "next";
import { JsonLd } from "@/components/seo/json-ld";
import { homeJsonLd } from "@/lib/seo/json-ld";
import { homeMetadata } from "@/lib/seo/metadata";

type Props = { params: Promise<{ locale: Locale }> };

// SEO: canonical, hreflang, Open Graph, feed link
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return homeMetadata((await params).locale);
}

export default async function HomePage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  await connection();
  const t = await getTranslations({ locale, namespace: "HomePage" });
  const items = await listPublishedItems(locale);
  return (
    <PageShell locale={locale} alternates={alternatesFor("/")}>
      <JsonLd data={await homeJsonLd(locale)} />
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-4 max-w-prose text-lg">{t("intro")}</p>
      <section aria-labelledby="newest" className="mt-10">
        <h2 id="newest" className="text-2xl font-bold">
          {t("newest")}
        </h2>
        {items.length ? <ItemList items={items} locale={locale} /> : <p className="mt-4">{t("empty")}</p>}
      </section>
    </PageShell>
  );
}
