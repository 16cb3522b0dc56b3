import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { alternatesFor } from "@/lib/i18n/alternates";
import type { Locale } from "@/lib/i18n/routing";
import { checkPageParams } from "@/lib/i18n/page-params";

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  checkPageParams({ locale });
  const t = await getTranslations({ locale, namespace: "Alerts.unsubscribe" });
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "same-origin" };
}

export const dynamic = "force-dynamic";

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

// The unsubscribe link's page: a button that posts to the one-click address (no script, no login, no form token)
export default async function UnsubscribePage({ params, searchParams }: Props) {
  const { locale } = await params;
  checkPageParams({ locale });
  setRequestLocale(locale);
  const sp = await searchParams;
  const t = await getTranslations({ locale, namespace: "Alerts.unsubscribe" });
  const token = first(sp.token).slice(0, 200);
  const done = first(sp.done) === "1";
  const invalid = first(sp.invalid) === "1" || (!done && !/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{20,64}$/.test(token));
  return (
    <PageShell locale={locale} alternates={alternatesFor("/alerts/unsubscribe")}>
      <div className="max-w-prose">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        {done ? (
          <p
            role="status"
            className="mt-4 rounded border-4 border-success-strong p-4 text-lg"
            data-testid="alert-unsubscribed"
          >
            {t("done")}
          </p>
        ) : invalid ? (
          <p className="mt-4" data-testid="alert-invalid">
            {t("invalid")}
          </p>
        ) : (
          <form
            method="post"
            action={`/api/alerts/unsubscribe?locale=${locale}&token=${encodeURIComponent(token)}`}
            className="mt-4"
          >
            <p className="mb-4">{t("intro")}</p>
            <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
              {t("button")}
            </button>
          </form>
        )}
      </div>
    </PageShell>
  );
}
