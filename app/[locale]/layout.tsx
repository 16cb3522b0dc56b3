import type { ReactNode } from "react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { routing } from "@/lib/i18n/routing";
import { ErrorTextProvider } from "@/components/site/error-text";

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

// Pages are rendered on first request and then cached (the build needs no database); the layout turns
// anything but a configured locale in the first segment (say /favicon.ico) into a 404.
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: "Metadata" });
  return { title: { default: t("siteName"), template: `%s · ${t("siteName")}` }, description: t("siteDescription") };
}

export default async function LocaleLayout({ children, params }: Props) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "Layout" });
  const e = await getTranslations({ locale, namespace: "ErrorPage" });
  // The client error boundary gets its few strings from here, so that no message formatter ships to the browser.
  const errorText = { title: e("serverErrorTitle"), body: e("serverErrorBody"), retry: e("retry") };
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col font-sans leading-relaxed">
        <a
          href="#main"
          className="sr-only bg-focus px-4 py-2 text-ink focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
        >
          {t("skipLink")}
        </a>
        <ErrorTextProvider text={errorText}>{children}</ErrorTextProvider>
      </body>
    </html>
  );
}
