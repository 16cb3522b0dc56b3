import NextLink from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/roles";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { recordKinds, type RecordRow } from "@/lib/admin/records";
import { glossaryUsage } from "@/lib/catalogue/glossary";
import {
  emptyRecordValues,
  isRecordKind,
  recordFields,
  recordSlug,
  type ChoiceSource,
  type RecordKind,
} from "@/lib/admin/record-form";
import { countries, locales, placeKinds } from "@/lib/content/schema";
import type { Locale } from "@/lib/i18n/routing";
import { RecordForm, type RecordFormText } from "@/components/admin/record-form";
import { listRecords, placeholderAdvisers, recordChoices } from "@/lib/data/admin";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string; kind: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Every word the record forms show, for the client component
async function recordText(locale: Locale, kind: RecordKind, submit: "save" | "create"): Promise<RecordFormText> {
  const t = await getTranslations({ locale, namespace: "Admin" });
  const labels: Record<string, string> = { slug: t("records.fields.slug") };
  // A record's slug may change: its old address keeps leading to it.
  const hints: Record<string, string> = {
    slug: t(submit === "save" ? "records.hints.slugRename" : "records.hints.slug"),
  };
  for (const field of recordFields[kind]) {
    labels[field.name] = t(`records.fields.${field.name}` as "records.fields.name");
    if (field.type === "list") hints[field.name] = t("records.hints.list");
    if (t.has(`records.hints.${field.name}` as "records.hints.list"))
      hints[field.name] = t(`records.hints.${field.name}` as "records.hints.list");
  }
  return {
    labels,
    hints,
    none: t("records.none"),
    errorSummary: t("records.errorSummary"),
    errorPrefix: t("records.errorPrefix"),
    signedOut: t("common.signedOut"),
    submit: t(`common.${submit}`),
    busy: t("common.saving"),
    reauth:
      kind === "advisers"
        ? { title: t("records.reauthTitle"), password: t("records.reauthPassword"), code: t("records.reauthCode") }
        : undefined,
  };
}

// Glossary terms and advisers (editors), topics, organisations and places (admins): one form per record
export default async function RecordsPage({ params, searchParams }: Props) {
  const { locale: raw, kind } = await params;
  const locale = adminLocale(raw);
  const staff = await requireStaff(locale);
  if (!isRecordKind(kind) || !roleAllows(staff.role, recordKinds[kind].role)) notFound();
  const sp = await searchParams;
  const saved = typeof sp.saved === "string" ? sp.saved : null;
  const renamedFrom = typeof sp.from === "string" && recordSlug.safeParse(sp.from).success ? sp.from : null;
  const t = await getTranslations({ locale, namespace: "Admin" });
  const countryNames = await getTranslations({ locale, namespace: "ItemPage.countries" });
  const [rows, linked, editText, createText] = await Promise.all([
    listRecords(kind),
    recordChoices(kind, locale),
    recordText(locale, kind, "save"),
    recordText(locale, kind, "create"),
  ]);
  const choices: Record<ChoiceSource, { value: string; label: string }[]> = {
    ...linked,
    countries: countries.map((c) => ({ value: c, label: countryNames(c) })),
    placeKinds: placeKinds.map((k) => ({ value: k, label: t(`records.options.placeKinds.${k}`) })),
    locales: locales.map((l) => ({ value: l, label: t(`records.options.locales.${l}`) })),
  };
  // Where each form posts without JavaScript: an address of its own, because React gives the answer to
  // the form whose address it is, and without a #fragment, which would keep the error summary from focus.
  const permalink = (id: string) => `${adminPath(locale, kind)}?record=${id}`;
  const fields = recordFields[kind];
  const collator = new Intl.Collator(locale);
  rows.sort((a, b) => collator.compare(a.label, b.label));
  const placeholders = kind === "advisers" ? await placeholderAdvisers() : [];
  const savedRow = saved ? rows.find((r) => r.id === saved) : undefined;
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t(`nav.${kind}`)}</h1>
      {savedRow && (
        <p role="status" className="mb-4 border-l-4 border-success pl-3 font-semibold" data-testid="saved">
          {t("records.saved", { label: savedRow.label })}
          {renamedFrom && renamedFrom !== savedRow.slug && (
            <> {t("records.renamed", { from: renamedFrom, to: savedRow.slug })}</>
          )}
        </p>
      )}
      {typeof sp.deleted === "string" && sp.deleted && (
        <p role="status" className="mb-4 border-l-4 border-success pl-3 font-semibold" data-testid="deleted">
          {t("deleteRecord.deleted", { label: sp.deleted })}
        </p>
      )}
      {rows.length === 0 && <p className="mb-4">{t("records.noRecords")}</p>}
      {kind === "glossary" && <WithoutCounterpart locale={locale} rows={rows} />}
      {placeholders.length > 0 && (
        <p role="note" className="mb-4 border-l-4 border-[#b3261e] pl-3" data-testid="placeholder-advisers">
          {t("records.placeholderAdvisers", {
            count: placeholders.length,
            names: placeholders.map((p) => `${p.name} (${p.email})`).join(", "),
          })}
        </p>
      )}
      <ul className="space-y-3">
        {rows.map((row) => (
          <li key={row.id} id={`record-${row.id}`}>
            <RecordForm
              // A saved record's form starts anew from what is stored.
              key={`${row.id}-${row.version}`}
              kind={kind}
              uiLocale={locale}
              permalink={permalink(row.id)}
              fields={fields}
              choices={choices}
              initial={{
                attempt: 0,
                id: row.id,
                version: row.version,
                values: row.values,
                errors: {},
                formError: null,
              }}
              text={editText}
              summary={{ label: row.label, slug: row.slug }}
              open={row.id === saved}
            />
            <NextLink
              href={`${adminPath(locale, `${kind}/delete`)}?record=${row.id}`}
              prefetch={false}
              className="ml-4 text-sm"
              data-testid="delete-record"
            >
              {t("deleteRecord.delete", { label: row.label })}
            </NextLink>
          </li>
        ))}
      </ul>
      <section className="mt-8" aria-labelledby="create-record">
        <h2 id="create-record" className="mb-2 text-xl font-bold">
          {t("records.create")}
        </h2>
        <RecordForm
          key={`new-${saved ?? ""}`}
          kind={kind}
          uiLocale={locale}
          permalink={permalink("new")}
          fields={fields}
          choices={choices}
          initial={{ attempt: 0, id: null, version: 0, values: emptyRecordValues(kind), errors: {}, formError: null }}
          text={createText}
        />
      </section>
    </>
  );
}

// Glossary terms used in texts whose word in the other language is not yet known, most used first
async function WithoutCounterpart({ locale, rows }: { locale: Locale; rows: RecordRow[] }) {
  const t = await getTranslations({ locale, namespace: "Admin.records" });
  const languages = await getTranslations({ locale, namespace: "Languages" });
  const usage = await glossaryUsage();
  const waiting = rows
    .flatMap((row) => {
      const [da, sv] = [String(row.values.termDa ?? ""), String(row.values.termSv ?? "")];
      if (da && sv) return [];
      const has: Locale = da ? "da" : "sv";
      const count = usage[row.slug]?.[has] ?? 0;
      return count > 0 ? [{ row, term: da || sv, has, count }] : [];
    })
    .sort((a, b) => b.count - a.count);
  if (!waiting.length) return null;
  return (
    <section aria-labelledby="without-counterpart" className="mb-6 border-l-4 border-warning pl-3">
      <h2 id="without-counterpart" className="text-lg font-bold">
        {t("withoutCounterpart")}
      </h2>
      <p className="mb-2 max-w-prose text-sm">{t("withoutCounterpartIntro")}</p>
      <ul data-testid="without-counterpart">
        {waiting.map(({ row, term, has, count }) => (
          <li key={row.id}>
            <a href={`#record-${row.id}`} lang={has}>
              {term}
            </a>{" "}
            {t("withoutCounterpartUse", { count, language: languages(has) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
