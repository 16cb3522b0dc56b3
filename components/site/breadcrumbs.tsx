import { getTranslations } from "next-intl/server";
import { Link } from "@/components/site/link";
import type { Href } from "@/lib/i18n/alternates";
import type { Locale } from "@/lib/i18n/routing";

export type Crumb = { label: string; href?: Href; lang?: string };

// Home › … › the current page (the last crumb has no link)
export async function Breadcrumbs({ locale, trail }: { locale: Locale; trail: Crumb[] }) {
  const t = await getTranslations({ locale, namespace: "Breadcrumbs" });
  const header = await getTranslations({ locale, namespace: "Header" });
  const crumbs: Crumb[] = [{ label: header("home"), href: "/" }, ...trail];
  return (
    <nav aria-label={t("label")} className="mb-6 text-sm print:hidden">
      <ol className="flex flex-wrap gap-x-2">
        {crumbs.map((crumb, i) => {
          const last = i === crumbs.length - 1;
          return (
            <li key={i} className="flex gap-2">
              {last || !crumb.href ? (
                <span aria-current={last ? "page" : undefined} lang={crumb.lang}>
                  {crumb.label}
                </span>
              ) : (
                <Link href={crumb.href}>{crumb.label}</Link>
              )}
              {!last && <span aria-hidden="true">›</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
