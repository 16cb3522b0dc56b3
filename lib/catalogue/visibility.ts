// Which items a reader sees: the one place the rules "published and due" and "of a translated pair, the reader's
// version" are written, as Prisma filters, as a check of a loaded row, and as SQL for the search's raw queries.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/generated/prisma/enums";

type Dated = { status: string; publishedAt: Date | null };

// Published and, when scheduled, due
export function visibleWhere(now = new Date()): Prisma.ItemWhereInput {
  return { status: "published", OR: [{ publishedAt: null }, { publishedAt: { lte: now } }] };
}

// Published but not yet due
export function scheduledWhere(now = new Date()): Prisma.ItemWhereInput {
  return { status: "published", publishedAt: { gt: now } };
}

// Whether a loaded item is published and due
export function isVisible<T extends Dated>(item: T | null | undefined, now = new Date()): item is T {
  return !!item && item.status === "published" && (!item.publishedAt || item.publishedAt <= now);
}

// The same rule in SQL, for the item table under the given alias (the database's clock)
export function visibleSql(alias: string): Prisma.Sql {
  return Prisma.raw(
    `${alias}.status = 'published' AND (${alias}."publishedAt" IS NULL OR ${alias}."publishedAt" <= (now() AT TIME ZONE 'UTC'))`,
  );
}

// Of a translated pair, only the reader's version: an item is left out when its visible counterpart is in the
// reader's language
export function readerVersionWhere(uiLocale: Locale, now = new Date()): Prisma.ItemWhereInput {
  return {
    NOT: [
      { locale: { not: uiLocale }, translatedBy: { is: { ...visibleWhere(now), locale: uiLocale } } },
      { locale: { not: uiLocale }, translationOf: { is: { ...visibleWhere(now), locale: uiLocale } } },
    ],
  };
}

// Of the rows found for one address (a pair sharing type and slug), the one in the reader's language, else the first
export function readerVersion<T extends { locale: Locale }>(rows: T[], uiLocale: Locale): T | undefined {
  return rows.find((r) => r.locale === uiLocale) ?? rows[0];
}

// The visible counterpart of an item among its two translation links, if any
export function visibleTranslation<T extends Dated>(
  links: { translationOf: T | null; translatedBy: T | null },
  now = new Date(),
): T | undefined {
  return [links.translationOf, links.translatedBy].find((t): t is T => isVisible(t, now));
}
