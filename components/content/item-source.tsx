import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";
import type { ItemDetail } from "@/lib/catalogue/items";

// The documents the item draws on, and what in it is the editors' own text.
export async function ItemSource({ item, locale }: { item: Pick<ItemDetail, "type" | "locale" | "sources" | "editorialNote" | "organisations">; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "ItemPage" });
  const issuers = item.organisations.filter((o) => o.role === "issuer" || o.role === "publisher").map((o) => o.name);
  return (
    <section aria-labelledby="source-heading" data-testid="item-source">
      <h2 id="source-heading" className="text-lg font-bold">
        {t("source")}
      </h2>
      {item.sources.length > 0 ? (
        <ul className="mt-2 flex flex-col gap-2">
          {item.sources.map((s, index) => (
            <li key={index}>
              <cite lang={item.locale}>{s.title}</cite>
              {[s.issuer, s.year, s.pages && t("sourcePages", { pages: s.pages })].filter(Boolean).length > 0 && (
                <>. {[s.issuer, s.year, s.pages && t("sourcePages", { pages: s.pages })].filter(Boolean).join(", ")}</>
              )}
              {s.note && (
                <span className="block text-sm text-[var(--color-muted)]" lang={item.locale}>
                  {s.note}
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2">{t("sourceMissing")}</p>
      )}
      {item.type === "reference" && (
        <>
          <h3 className="mt-4 font-bold">{t("requestHeading")}</h3>
          <p className="mt-1" data-testid="document-request">
            {issuers.length ? t("requestFrom", { issuer: issuers.join(", ") }) : t("requestUnknown")}
          </p>
        </>
      )}
      {item.editorialNote && (
        <p className="mt-2 text-sm" data-testid="editorial-note">
          <strong>{t("editorial")}:</strong> <span lang={item.locale}>{item.editorialNote}</span>
        </p>
      )}
    </section>
  );
}
