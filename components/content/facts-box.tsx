import { getFormatter, getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";
import type { ItemDetail, OrganisationRole } from "@/lib/catalogue/items";
import { documentTypes } from "@/lib/content/schema";
import { formatSourceDate } from "@/lib/content/source-date";

type DocumentType = (typeof documentTypes)[number];
const isDocumentType = (value: string): value is DocumentType => (documentTypes as readonly string[]).includes(value);

// The type's structured facts as a description list.
export async function FactsBox({ item, locale }: { item: ItemDetail; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "ItemPage" });
  const types = await getTranslations({ locale, namespace: "ItemTypes" });
  const format = await getFormatter({ locale });
  const month = (iso: string) => format.dateTime(new Date(iso), { year: "numeric", month: "long", timeZone: "UTC" });
  const rows: { label: string; value: string }[] = [{ label: t("type"), value: types(item.type) }];
  if (item.sourceDate) rows.push({ label: t("sourceDate"), value: formatSourceDate(item.sourceDate, locale) });
  if (item.year) rows.push({ label: t("year"), value: String(item.year) });
  if (item.country) rows.push({ label: t("country"), value: t(`countries.${item.country as "DK" | "SE"}`) });
  const roles = new Map<OrganisationRole, string[]>();
  for (const o of item.organisations) roles.set(o.role, [...(roles.get(o.role) ?? []), o.name]);
  for (const [role, names] of roles) rows.push({ label: t(`roles.${role}`), value: names.join(", ") });
  if (item.periodStart)
    rows.push({
      label: t("period"),
      value: item.periodEnd ? t("periodValue", { start: month(item.periodStart), end: month(item.periodEnd) }) : month(item.periodStart),
    });
  if (item.budget)
    rows.push({
      label: t("budget"),
      value: format.number(item.budget.amount, { style: "currency", currency: item.budget.currency, maximumFractionDigits: 0 }),
    });
  if (item.pages) rows.push({ label: t("pages"), value: String(item.pages) });
  if (item.isbn) rows.push({ label: t("isbn"), value: item.isbn });
  if (item.documentType && isDocumentType(item.documentType))
    rows.push({ label: t("documentType"), value: t(`documentTypes.${item.documentType}`) });
  if (item.diaryNumber) rows.push({ label: t("diaryNumber"), value: item.diaryNumber });
  if (item.places.length) rows.push({ label: t("places"), value: item.places.map((p) => p.name).join(", ") });
  if (item.topics.length) rows.push({ label: t("topics"), value: item.topics.map((p) => p.name).join(", ") });
  if (item.reviewedAt)
    rows.push({
      label: t("lastReviewed"),
      value: format.dateTime(new Date(item.reviewedAt), { dateStyle: "long", timeZone: "Europe/Copenhagen" }),
    });

  return (
    <aside aria-labelledby="facts-heading" className="rounded border border-line bg-tint p-4">
      <h2 id="facts-heading" className="text-lg font-bold">
        {t("facts")}
      </h2>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" data-testid="facts">
        {rows.map((row) => (
          <div key={row.label} className="contents">
            <dt className="font-semibold">{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      {item.keyFigures.length > 0 && (
        <>
          <h3 className="mt-4 font-bold">{t("keyFigures")}</h3>
          <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" lang={item.locale}>
            {item.keyFigures.map((k) => (
              <div key={k.label} className="contents">
                <dt className="font-semibold">{k.value}</dt>
                <dd>{k.label}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </aside>
  );
}
