import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { locales } from "@/lib/content/schema";
import { listBestBets } from "@/lib/data/admin";
import { BestBetForm, type BestBetFormText } from "@/components/admin/best-bet-form";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const emptyValues = { term: "", locale: "", item1: "", item2: "", item3: "" };

// Best bets (editors): the items pinned for a query term, one form per term and one to add a term
export default async function BestBetsPage({ params, searchParams }: Props) {
  const locale = adminLocale((await params).locale);
  await requireStaff(locale);
  const sp = await searchParams;
  const saved = typeof sp.saved === "string" ? sp.saved : null;
  const t = await getTranslations({ locale, namespace: "Admin" });
  const rows = await listBestBets();
  const languageName = (l: string) => t(`records.options.locales.${l as "da" | "sv"}`);
  const text: BestBetFormText = {
    labels: {
      term: t("bestBets.fields.term"),
      locale: t("bestBets.fields.locale"),
      item1: t("bestBets.fields.item1"),
      item2: t("bestBets.fields.item2"),
      item3: t("bestBets.fields.item3"),
    },
    hints: { term: t("bestBets.hints.term"), items: t("bestBets.hints.items") },
    languages: locales.map((l) => ({ value: l, label: languageName(l) })),
    chooseLanguage: t("bestBets.chooseLanguage"),
    errorSummary: t("records.errorSummary"),
    errorPrefix: t("records.errorPrefix"),
    signedOut: t("common.signedOut"),
    submit: t("common.save"),
    busy: t("common.saving"),
    remove: t("bestBets.remove"),
  };
  const permalink = (id: string) => `${adminPath(locale, "best-bets")}?bet=${id}`;
  const savedRow = saved ? rows.find((r) => r.id === saved) : undefined;
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("nav.bestBets")}</h1>
      <p className="mb-4 max-w-prose">{t("bestBets.intro")}</p>
      {savedRow && (
        <p role="status" className="mb-4 border-l-4 border-success pl-3 font-semibold" data-testid="saved">
          {t("bestBets.saved", { term: savedRow.term })}
        </p>
      )}
      {sp.removed === "1" && (
        <p role="status" className="mb-4 border-l-4 border-success pl-3 font-semibold" data-testid="removed">
          {t("bestBets.removed")}
        </p>
      )}
      {sp.gone === "1" && (
        <p role="status" className="mb-4 border-l-4 border-error pl-3 font-semibold">
          {t("bestBets.errors.gone")}
        </p>
      )}
      {rows.length === 0 && <p className="mb-4">{t("bestBets.none")}</p>}
      <ul className="space-y-3">
        {rows.map((row) => (
          <li key={row.id}>
            <BestBetForm
              key={`${row.id}-${row.version}`}
              uiLocale={locale}
              permalink={permalink(row.id)}
              initial={{
                attempt: 0,
                id: row.id,
                version: row.version,
                values: row.values,
                errors: {},
                formError: null,
              }}
              text={text}
              summary={{
                term: row.term,
                language: languageName(row.locale),
                items: row.items.map((i) => ({
                  title: i.title,
                  href: i.href,
                  lang: i.locale,
                  note: i.status === "published" ? undefined : t(`status.${i.status as "draft"}`),
                })),
              }}
              open={row.id === saved}
            />
          </li>
        ))}
      </ul>
      <section className="mt-8" aria-labelledby="create-best-bet">
        <h2 id="create-best-bet" className="mb-2 text-xl font-bold">
          {t("bestBets.create")}
        </h2>
        <BestBetForm
          key={`new-${saved ?? ""}`}
          uiLocale={locale}
          permalink={permalink("new")}
          initial={{ attempt: 0, id: null, version: 0, values: emptyValues, errors: {}, formError: null }}
          text={text}
        />
      </section>
    </>
  );
}
