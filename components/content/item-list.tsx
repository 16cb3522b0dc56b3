import { getTranslations } from "next-intl/server";
import { Link } from "@/components/site/link";
import type { Locale } from "@/lib/i18n/routing";
import type { ItemSummary } from "@/lib/catalogue/items";
import { itemHref } from "@/lib/catalogue/sections";
import { LanguageLabel } from "./language-label";

// A list of items; those in the other language carry its lang attribute and a visible label.
export async function ItemList({
  items,
  locale,
  headingLevel = 3,
}: {
  items: ItemSummary[];
  locale: Locale;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const types = await getTranslations({ locale, namespace: "ItemTypes" });
  return (
    <ul className="divide-y divide-line" data-testid="item-list">
      {items.map((item) => (
        <li key={item.id} className="py-4">
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted">
            <span>{types(item.type)}</span>
            {item.year && <time dateTime={String(item.year)}>{item.year}</time>}
            <LanguageLabel uiLocale={locale} itemLocale={item.locale} />
          </p>
          <Heading className="mt-1 text-lg font-semibold" lang={item.locale}>
            <Link href={itemHref(item.type, item.slug)}>{item.title}</Link>
          </Heading>
          <p className="mt-1 text-muted" lang={item.locale}>
            {item.summary}
          </p>
        </li>
      ))}
    </ul>
  );
}
