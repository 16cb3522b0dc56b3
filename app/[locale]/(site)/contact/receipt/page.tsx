import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { Link } from "@/components/site/link";
import { alternatesFor } from "@/lib/i18n/alternates";
import type { Locale } from "@/lib/i18n/routing";
import { checkPageParams } from "@/lib/i18n/page-params";
import { getReceipt } from "@/lib/data/site";

type Props = { params: Promise<{ locale: Locale }>; searchParams: Promise<{ ref?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  checkPageParams({ locale });
  const t = await getTranslations({ locale, namespace: "Contact.receipt" });
  // The address holds the reference: keep it out of search engines and other sites' logs.
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

// The receipt: who will answer and the reference; never the message itself
// Rendered per request: what it shows depends on the query (and the form carries a fresh key).
export const dynamic = "force-dynamic";

export default async function ReceiptPage({ params, searchParams }: Props) {
  const { locale } = await params;
  checkPageParams({ locale });
  setRequestLocale(locale);
  const raw = (await searchParams).ref;
  const reference = (Array.isArray(raw) ? raw[0] : raw) ?? "";
  const t = await getTranslations({ locale, namespace: "Contact.receipt" });
  const receipt = await getReceipt(reference.toUpperCase(), locale);
  // The other language's receipt shows the same reference.
  const alternates = alternatesFor({ pathname: "/contact/receipt", query: receipt ? { ref: receipt.reference } : {} });

  return (
    <PageShell locale={locale} alternates={alternates}>
      {receipt ? (
        <div className="max-w-prose" data-testid="receipt">
          <div className="rounded border-4 border-success-strong p-6">
            <h1 className="text-3xl font-bold">{t("title")}</h1>
            <p className="mt-4">{t("reference")}</p>
            <p className="text-2xl font-bold tracking-wider" data-testid="reference">
              {receipt.reference}
            </p>
          </div>
          {receipt.adviser && (
            <p className="mt-6 text-lg" data-testid="answered-by">
              {t("answeredBy", { name: receipt.adviser.name, title: receipt.adviser.title })}
            </p>
          )}
          <p className="mt-4">{t("keep")}</p>
        </div>
      ) : (
        <div className="max-w-prose">
          <h1 className="text-3xl font-bold">{t("metaTitle")}</h1>
          <p className="mt-4">{t("notFound")}</p>
        </div>
      )}
      <ul className="mt-8 flex flex-wrap gap-6">
        <li>
          <Link href="/contact">{t("another")}</Link>
        </li>
        <li>
          <Link href="/">{t("home")}</Link>
        </li>
      </ul>
    </PageShell>
  );
}
