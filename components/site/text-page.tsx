import { getTranslations } from "next-intl/server";
import { PageShell } from "@/components/site/page-shell";
import { Breadcrumbs } from "@/components/site/breadcrumbs";
import { alternatesFor } from "@/lib/i18n/alternates";
import type { Locale } from "@/lib/i18n/routing";

type TextNamespace = "Accessibility" | "Privacy";
const hrefs = { Accessibility: "/accessibility", Privacy: "/privacy" } as const;

// A page of plain paragraphs from the messages (the accessibility statement, the privacy page)
export async function TextPage({ locale, namespace }: { locale: Locale; namespace: TextNamespace }) {
  const t = await getTranslations({ locale, namespace });
  // Every paragraph the namespace has, in order (the privacy page has one more than the accessibility statement).
  const count = namespace === "Privacy" ? 7 : 6;
  const paragraphs = Array.from({ length: count }, (_, i) => t(`body.p${i + 1}` as "body.p1"));
  return (
    <PageShell locale={locale} alternates={alternatesFor(hrefs[namespace])}>
      <Breadcrumbs locale={locale} trail={[{ label: t("title") }]} />
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <div className="mt-6 max-w-prose space-y-4">
        {paragraphs.map((text, i) => (
          <p key={i}>{text}</p>
        ))}
      </div>
    </PageShell>
  );
}
