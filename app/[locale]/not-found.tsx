import { getLocale, getTranslations } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { Link } from "@/lib/i18n/navigation";
import { alternatesFor } from "@/lib/i18n/alternates";

export default async function NotFound() {
  const locale = await getLocale();
  const t = await getTranslations({ locale, namespace: "NotFound" });
  return (
    <PageShell locale={locale} alternates={alternatesFor("/")}>
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-4">{t("body")}</p>
      <p className="mt-4">
        <Link href="/">{t("home")}</Link>
      </p>
    </PageShell>
  );
}
