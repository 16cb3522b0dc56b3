import { getLocale } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { StatusMessage } from "@/components/site/status-message";
import { alternatesFor } from "@/lib/i18n/alternates";
import { isLocale } from "@/lib/i18n/routing";

// Shown after client-side navigation to a missing page; full page loads get the same page from the server.
export default async function NotFound() {
  const current = await getLocale();
  const locale = isLocale(current) ? current : "da";
  return (
    <PageShell locale={locale} alternates={alternatesFor("/")}>
      <StatusMessage locale={locale} code={404} />
    </PageShell>
  );
}
