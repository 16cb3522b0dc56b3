import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { alternatesFor } from "@/lib/i18n/alternates";
import type { Locale } from "@/lib/i18n/routing";
import { checkPageParams } from "@/lib/i18n/page-params";
import { listAlertsOf } from "@/lib/data/alerts";
import { endAlertsAction } from "@/lib/alerts/actions";
import { readManageToken } from "@/lib/alerts/tokens";

type Props = {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  checkPageParams({ locale });
  const t = await getTranslations({ locale, namespace: "Alerts.manage" });
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "same-origin" };
}

export const dynamic = "force-dynamic";

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const frequencyKey = { immediate: "frequencyImmediate", daily: "frequencyDaily", weekly: "frequencyWeekly" } as const;

// Every alert of one address, reached by the signed link in each alert mail (no account): each can be ended, or all
export default async function ManagePage({ params, searchParams }: Props) {
  const { locale } = await params;
  checkPageParams({ locale });
  setRequestLocale(locale);
  const sp = await searchParams;
  const t = await getTranslations({ locale, namespace: "Alerts.manage" });
  const alerts = await getTranslations({ locale, namespace: "Alerts" });
  const token = first(sp.token).slice(0, 600);
  const email = readManageToken(token);
  const ended = Number(first(sp.ended)) || 0;
  const list = email ? await listAlertsOf(email, locale) : [];
  const button = "rounded border-2 border-ink px-3 py-1.5 font-semibold";
  return (
    <PageShell locale={locale} alternates={alternatesFor("/alerts/manage")}>
      <div className="max-w-prose">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        {!email ? (
          <p className="mt-4" data-testid="alert-invalid">
            {t("invalid")}
          </p>
        ) : (
          <>
            <p className="mt-4">{t("intro", { email })}</p>
            {ended > 0 && (
              <p role="status" className="mt-4 rounded border-4 border-success-strong p-4" data-testid="alerts-ended">
                {t("ended", { count: ended })}
              </p>
            )}
            {list.length === 0 ? (
              <p className="mt-4" data-testid="no-alerts">
                {t("none")}
              </p>
            ) : (
              <>
                <ul className="mt-4 space-y-3" data-testid="alert-list">
                  {list.map((a) => (
                    <li key={a.id} className="rounded border border-line p-3" data-testid="alert-entry">
                      <a href={a.path} className="font-semibold underline">
                        {a.name}
                      </a>
                      <p className="text-sm">
                        {alerts(frequencyKey[a.frequency])}
                        {a.confirmed ? "" : ` · ${t("unconfirmed")}`}
                      </p>
                      <form action={endAlertsAction} className="mt-2">
                        <input type="hidden" name="locale" value={locale} />
                        <input type="hidden" name="token" value={token} />
                        <input type="hidden" name="alert" value={a.id} />
                        <button type="submit" className={button}>
                          {t("endOne")}
                          <span className="sr-only">: {a.name}</span>
                        </button>
                      </form>
                    </li>
                  ))}
                </ul>
                <form action={endAlertsAction} className="mt-6">
                  <input type="hidden" name="locale" value={locale} />
                  <input type="hidden" name="token" value={token} />
                  <button type="submit" className={button}>
                    {t("endAll")}
                  </button>
                </form>
              </>
            )}
          </>
        )}
      </div>
    </PageShell>
  );
}
