import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { routing, type Locale } from "@/lib/i18n/routing";
import type { Alternates } from "@/lib/i18n/alternates";

type Props = { locale: Locale; alternates: Alternates };

export async function SiteHeader({ locale, alternates }: Props) {
  const meta = await getTranslations({ locale, namespace: "Metadata" });
  const switcher = await getTranslations({ locale, namespace: "LanguageSwitcher" });
  const others = await Promise.all(
    routing.locales
      .filter((l) => l !== locale)
      .map(async (other) => {
        const language = await getTranslations({ locale: other, namespace: "Languages" });
        return { locale: other, name: language("ownName") };
      }),
  );
  return (
    <header className="border-b border-[var(--color-line)] bg-[var(--color-tint)]">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-4">
        <Link href="/" className="text-lg font-bold text-[var(--color-ink)] no-underline hover:underline">
          {meta("siteName")}
        </Link>
        <nav aria-label={switcher("label")}>
          <ul className="flex gap-3">
            {others.map((other) => (
              <li key={other.locale}>
                <a
                  href={alternates[other.locale]}
                  hrefLang={other.locale}
                  lang={other.locale}
                  data-testid="language-switcher"
                >
                  {other.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
