import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { setRequestLocale } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { StatusMessage, statusCodes, type StatusCode } from "@/components/site/status-message";
import { alternatesFor } from "@/lib/i18n/alternates";
import type { Locale } from "@/lib/i18n/routing";
import { checkPageParams } from "@/lib/i18n/page-params";

type Props = { params: Promise<{ locale: Locale; code: string }> };

export function generateStaticParams() {
  return [];
}

export const metadata: Metadata = { robots: { index: false } };

// The 404, 500 and 503 pages as whole documents; the server sends them, without scripts, in place of Next's
// script-only error shell (lib/server/status-pages.ts).
export default async function StatusPage({ params }: Props) {
  const { locale, code } = await params;
  checkPageParams({ locale });
  setRequestLocale(locale);
  const status = Number(code) as StatusCode;
  if (!statusCodes.includes(status)) notFound();
  return (
    <PageShell locale={locale} alternates={alternatesFor("/")}>
      <StatusMessage locale={locale} code={status} />
    </PageShell>
  );
}
