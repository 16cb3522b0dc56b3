import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/routing";
import type { Alternates } from "@/lib/i18n/alternates";
import { SiteHeader } from "./site-header";
import { SiteFooter } from "./site-footer";

// Header with the language switcher, main landmark and footer around a page's content.
export function PageShell({
  locale,
  alternates,
  children,
}: {
  locale: Locale;
  alternates: Alternates;
  children: ReactNode;
}) {
  return (
    <>
      <SiteHeader locale={locale} alternates={alternates} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 focus:outline-none">
        {children}
      </main>
      <SiteFooter locale={locale} />
    </>
  );
}
