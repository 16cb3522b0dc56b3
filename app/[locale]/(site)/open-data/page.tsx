import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { alternatesFor } from "@/lib/i18n/alternates";
import { pageMetadata } from "@/lib/seo/metadata";
import type { Locale } from "@/lib/i18n/routing";
import { checkPageParams } from "@/lib/i18n/page-params";
import { setting } from "@/lib/env";
import { apiRateLimit, cachePolicies } from "@/lib/api/http";
import { siteUrl } from "@/lib/seo/urls";

type Props = { params: Promise<{ locale: Locale }> };

// The licence and address are settings read at run time.
export const dynamic = "force-dynamic";

const endpoints = [
  { path: "/items", key: "items" },
  { path: "/items/{id}", key: "item" },
  { path: "/items/by-slug/{locale}/{slug}", key: "itemBySlug" },
  { path: "/search", key: "search" },
  { path: "/topics", key: "topics" },
  { path: "/glossary", key: "glossary" },
  { path: "/advisers", key: "advisers" },
  { path: "/organisations", key: "organisations" },
  { path: "/places", key: "places" },
] as const;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  checkPageParams({ locale });
  const t = await getTranslations({ locale, namespace: "OpenData" });
  return pageMetadata({ locale, href: "/open-data", title: t("title") });
}

// How to read the catalogue as data: the JSON API, its rules and its licence
export default async function OpenDataPage({ params }: Props) {
  const { locale } = await params;
  checkPageParams({ locale });
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "OpenData" });
  const api = `${siteUrl()}/api/v1`;
  const licence = setting("API_DATA_LICENCE");
  const example = `${api}/items?lang=${locale}&topic=partnerskaber&limit=5`;
  return (
    <PageShell locale={locale} alternates={alternatesFor("/open-data")}>
      <Breadcrumbs locale={locale} trail={[{ label: t("title") }]} />
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <div className="mt-6 max-w-prose space-y-4">
        <p>{t("intro")}</p>
        <p>
          {t.rich("licence", {
            licence,
            link: (chunks) => <a href={setting("API_DATA_LICENCE_URL")}>{chunks}</a>,
          })}
        </p>
        <p>
          {t("base")} <code className="break-all">{api}</code>
        </p>
        <p>
          <a href="/api/v1/openapi.json" type="application/json">
            {t("document")}
          </a>
        </p>
      </div>
      <h2 className="mt-10 text-2xl font-bold">{t("endpointsTitle")}</h2>
      <dl className="mt-4 max-w-prose space-y-3">
        {endpoints.map(({ path, key }) => (
          <div key={key}>
            <dt>
              <code>GET {path}</code>
            </dt>
            <dd className="ml-4 text-muted">{t(`endpoints.${key}`)}</dd>
          </div>
        ))}
      </dl>
      <h2 className="mt-10 text-2xl font-bold">{t("rulesTitle")}</h2>
      <ul className="mt-4 max-w-prose list-disc space-y-2 pl-6">
        <li>{t("rules.readOnly")}</li>
        <li>{t("rules.published")}</li>
        <li>{t("rules.paging")}</li>
        <li>{t("rules.cache", { list: cachePolicies.list, reference: cachePolicies.reference })}</li>
        <li>{t("rules.rateLimit", { limit: apiRateLimit().limit })}</li>
        <li>{t("rules.errors")}</li>
      </ul>
      <h2 className="mt-10 text-2xl font-bold">{t("exampleTitle")}</h2>
      <p className="mt-4 max-w-prose">{t("example")}</p>
      <pre className="mt-2 overflow-x-auto rounded border border-line bg-tint p-3 text-sm">
        <code>curl -H &apos;Accept: application/json&apos; &apos;{example}&apos;</code>
      </pre>
    </PageShell>
  );
}
