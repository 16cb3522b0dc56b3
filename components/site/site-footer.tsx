import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";

export async function SiteFooter({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "Footer" });
  return (
    <footer className="mt-16 border-t border-[var(--color-line)] bg-[var(--color-tint)]">
      <div className="mx-auto max-w-5xl px-4 py-8 text-sm text-[var(--color-muted)]">{t("about")}</div>
    </footer>
  );
}
