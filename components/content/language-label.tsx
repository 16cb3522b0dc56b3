import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";

// A visible "På svensk" / "På danska" marker for an item written in the other language.
export async function LanguageLabel({ uiLocale, itemLocale }: { uiLocale: Locale; itemLocale: Locale }) {
  if (uiLocale === itemLocale) return null;
  const t = await getTranslations({ locale: uiLocale, namespace: "Languages" });
  return (
    <span
      data-testid="language-label"
      className="rounded border border-line bg-tint px-1.5 py-0.5 text-xs font-semibold text-muted"
    >
      {t("writtenIn", { language: t(itemLocale) })}
    </span>
  );
}
