import { getTranslations } from "next-intl/server";
import { Link } from "@/components/site/link";
import type { Locale } from "@/lib/i18n/routing";

export async function SiteFooter({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "Footer" });
  return (
    <footer className="mt-16 border-t border-line bg-tint print:hidden">
      <div className="mx-auto flex max-w-5xl flex-col gap-4 px-4 py-8 text-sm sm:flex-row sm:justify-between">
        <p className="max-w-md text-muted">{t("about")}</p>
        <nav aria-label={t("navLabel")}>
          <ul className="flex flex-wrap gap-x-5 gap-y-2">
            <li>
              <Link href="/contact">{t("contact")}</Link>
            </li>
            <li>
              <Link href="/accessibility">{t("accessibility")}</Link>
            </li>
            <li>
              <Link href="/privacy">{t("privacy")}</Link>
            </li>
            <li>
              <Link href="/open-data">{t("openData")}</Link>
            </li>
            <li>
              <a href={`/${locale}/rss.xml`} type="application/rss+xml">
                {t("rss")}
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
