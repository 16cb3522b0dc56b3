import "server-only";
import type { SourceRef } from "@/lib/content/schema";
import { cache } from "react";
import { db } from "@/lib/db";
import type { Db } from "@/lib/database/client";
import { cached } from "@/lib/cache/cached";
import { cacheTags } from "@/lib/cache/tags";
import { isVisible, readerVersion, visibleTranslation, visibleWhere } from "./visibility";
import { renderMarkdown, rendererVersion, type Heading } from "@/lib/markdown";
import type { Item, ItemType, Locale, OrganisationRole, Prisma } from "@/lib/generated/prisma/client";

export type { ItemType, OrganisationRole };

export type ItemSummary = {
  id: string;
  type: ItemType;
  locale: Locale;
  slug: string;
  title: string;
  summary: string;
  publishedAt: string | null;
  year: number | null;
};

export type ItemDetail = ItemSummary & {
  html: string;
  headings: Heading[];
  country: string | null;
  pages: number | null;
  isbn: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  budget: { amount: number; currency: string } | null;
  documentType: string | null;
  sourceUrl: string | null;
  keyFigures: { label: string; value: string }[];
  sourceDate: string | null;
  diaryNumber: string | null;
  sources: SourceRef[];
  editorialNote: string | null;
  /** When the item was last marked as reviewed (ISO), shown on its page. */
  reviewedAt: string | null;
  topics: { slug: string; name: string }[];
  places: { slug: string; name: string; country: string }[];
  organisations: { slug: string; name: string; role: OrganisationRole }[];
  attachments: { title: string; fileName: string; mimeType: string; sizeBytes: number; location: string }[];
  adviser: { slug: string; name: string; title: string; organisation: string | null } | null;
  translation: ItemSummary | null;
  related: ItemSummary[];
};

export const summarySelect = {
  id: true,
  type: true,
  locale: true,
  slug: true,
  title: true,
  summary: true,
  publishedAt: true,
  year: true,
} satisfies Prisma.ItemSelect;

function toSummary(row: Prisma.ItemGetPayload<{ select: typeof summarySelect }>): ItemSummary {
  return { ...row, publishedAt: row.publishedAt?.toISOString() ?? null };
}

function pickSummary<T extends Prisma.ItemGetPayload<{ select: typeof summarySelect }>>(row: T) {
  const { id, type, locale, slug, title, summary, publishedAt, year } = row;
  return { id, type, locale, slug, title, summary, publishedAt, year };
}

const isoDate = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

// The current address of an item that a former slug of this type belonged to (an editor changed it), preferring the
// reader's language; null when there is none or the item is not visible.
export async function findMovedItem(
  client: Db,
  type: ItemType,
  slug: string,
  uiLocale: Locale,
): Promise<{ type: ItemType; slug: string } | null> {
  const rows = await client.itemSlugRedirect.findMany({
    where: { type, slug, item: visibleWhere() },
    select: { item: { select: { type: true, slug: true, locale: true } } },
  });
  const row = readerVersion(
    rows.map((r) => r.item),
    uiLocale,
  );
  return row ? { type: row.type, slug: row.slug } : null;
}

export const getMovedItem = cache(
  cached("getMovedItem", [cacheTags.catalogue], (type: ItemType, slug: string, uiLocale: Locale) =>
    findMovedItem(db(), type, slug, uiLocale),
  ),
);

type FactsRow = Pick<
  Item,
  | "pages"
  | "isbn"
  | "periodStart"
  | "periodEnd"
  | "budgetAmount"
  | "budgetCurrency"
  | "documentType"
  | "sourceUrl"
  | "keyFigures"
  | "sourceDate"
  | "diaryNumber"
  | "sources"
  | "editorialNote"
>;

// An item's facts as the site and the API show them: dates as days, the budget as a number, JSON fields as lists
export function itemFacts(row: FactsRow) {
  return {
    pages: row.pages,
    isbn: row.isbn,
    periodStart: isoDate(row.periodStart),
    periodEnd: isoDate(row.periodEnd),
    budget:
      row.budgetAmount && row.budgetCurrency
        ? { amount: row.budgetAmount.toNumber(), currency: row.budgetCurrency }
        : null,
    documentType: row.documentType,
    sourceUrl: row.sourceUrl,
    keyFigures: Array.isArray(row.keyFigures) ? (row.keyFigures as { label: string; value: string }[]) : [],
    sourceDate: row.sourceDate,
    diaryNumber: row.diaryNumber,
    sources: Array.isArray(row.sources) ? (row.sources as SourceRef[]) : [],
    editorialNote: row.editorialNote,
  };
}

// An item's body as HTML: rendered when the item was written, made here only for a row written by an older renderer
export async function storedBody(
  row: Pick<Item, "body" | "bodyHtml" | "bodyRenderer"> & { bodyHeadings?: Item["bodyHeadings"] },
): Promise<{ html: string; headings: Heading[] }> {
  return row.bodyRenderer === rendererVersion && row.bodyHtml !== null
    ? { html: row.bodyHtml, headings: (row.bodyHeadings ?? []) as Heading[] }
    : renderMarkdown(row.body);
}

// Find one published item by type and slug, preferring the one written in the reader's language
export const getPublishedItem = cache(
  cached(
    "getPublishedItem",
    [cacheTags.catalogue, cacheTags.advisers],
    async (type: ItemType, slug: string, uiLocale: Locale): Promise<ItemDetail | null> => {
      const rows = await db().item.findMany({
        where: { ...visibleWhere(), type, slug },
        include: {
          topics: { include: { topic: true } },
          places: { include: { place: true } },
          organisations: { include: { organisation: true }, orderBy: { position: "asc" } },
          attachments: { orderBy: { position: "asc" } },
          adviser: { include: { organisation: true } },
          translationOf: { select: { ...summarySelect, status: true, publishedAt: true } },
          translatedBy: { select: { ...summarySelect, status: true, publishedAt: true } },
          relatedTo: { include: { to: { select: { ...summarySelect, status: true } } } },
          relatedFrom: { include: { from: { select: { ...summarySelect, status: true } } } },
        },
      });
      const row = readerVersion(rows, uiLocale);
      if (!row) return null;
      const now = new Date();
      const translationRow = visibleTranslation(row, now);
      const related = [...row.relatedTo.map((r) => r.to), ...row.relatedFrom.map((r) => r.from)]
        .filter((r) => isVisible(r, now))
        .map((r) => toSummary(pickSummary(r)));
      const { html, headings } = await storedBody(row);
      const name = (t: { nameDa: string; nameSv: string }) => (uiLocale === "da" ? t.nameDa : t.nameSv);
      return {
        ...toSummary(row),
        html,
        headings,
        country: row.country,
        ...itemFacts(row),
        reviewedAt: row.reviewedAt?.toISOString() ?? null,
        topics: row.topics.map((t) => ({ slug: t.topic.slug, name: name(t.topic) })),
        places: row.places.map((p) => ({ slug: p.place.slug, name: p.place.name, country: p.place.country })),
        organisations: row.organisations.map((o) => ({
          slug: o.organisation.slug,
          name: o.organisation.name,
          role: o.role,
        })),
        attachments: row.attachments.map(({ title, fileName, mimeType, sizeBytes, location }) => ({
          title,
          fileName,
          mimeType,
          sizeBytes,
          location,
        })),
        adviser: row.adviser && {
          slug: row.adviser.slug,
          name: row.adviser.name,
          title: uiLocale === "da" ? row.adviser.titleDa : row.adviser.titleSv,
          organisation: row.adviser.organisation?.name ?? null,
        },
        translation: translationRow ? toSummary(pickSummary(translationRow)) : null,
        related,
      };
    },
  ),
);
