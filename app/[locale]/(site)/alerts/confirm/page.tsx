import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { alternatesFor } from "@/lib/i18n/alternates";
import type { Locale } from "@/lib/i18n/routing";
import { checkPageParams } from "@/lib/i18n/page-params";
import { checkConfirmToken } from "@/lib/data/alerts";
import { confirmAlertAction } from "@/lib/alerts/actions";

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  checkPageParams({ locale });
  const t = await getTranslations({ locale, namespace: "Alerts.confirm" });
  // The address holds a token: keep it out of search engines and other sites' logs ("same-origin", not
  // "no-referrer": with that the browser sends "Origin: null" and Next refuses the button's server action).
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "same-origin" };
}

export const dynamic = "force-dynamic";

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

// The confirmation link's page: it only shows a button, since mail scanners open links; the button's POST confirms
export default async function ConfirmPage({ params, searchParams }: Props) {
  const { locale } = await params;
  checkPageParams({ locale });
  setRequestLocale(locale);
  const sp = await searchParams;
  const t = await getTranslations({ locale, namespace: "Alerts.confirm" });
  const alerts = await getTranslations({ locale, namespace: "Alerts" });
  const token = first(sp.token).slice(0, 200);
  const done = first(sp.done) === "1";
  const check = done ? null : await checkConfirmToken(token);
  return (
    <PageShell locale={locale} alternates={alternatesFor("/alerts/confirm")}>
      <div className="max-w-prose">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        {done && (
          <p
            role="status"
            className="mt-4 rounded border-4 border-success-strong p-4 text-lg"
            data-testid="alert-confirmed"
          >
            {t("done")}
          </p>
        )}
        {check?.status === "valid" && (
          <form action={confirmAlertAction} className="mt-4">
            <p className="mb-2">{t("intro")}</p>
            <p className="mb-4 text-lg font-semibold" data-testid="alert-list">
              {check.alert.name}
            </p>
            <p className="mb-4">
              {alerts(
                check.alert.frequency === "immediate"
                  ? "frequencyImmediate"
                  : check.alert.frequency === "daily"
                    ? "frequencyDaily"
                    : "frequencyWeekly",
              )}
            </p>
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark">
              {t("button")}
            </button>
          </form>
        )}
        {check?.status === "expired" && (
          <p className="mt-4" data-testid="alert-expired">
            {t("expired")}
          </p>
        )}
        {(check?.status === "invalid" || check?.status === "confirmed") && (
          <p className="mt-4" data-testid="alert-invalid">
            {t("invalid")}
          </p>
        )}
      </div>
    </PageShell>
  );
}
