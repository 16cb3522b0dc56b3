import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/roles";
import { adminLocale } from "@/lib/admin/paths";
import { isRecordKind, listRecords, recordKinds, type RecordField } from "@/lib/admin/records";
import { saveRecordAction } from "@/lib/admin/actions/records";
import { SubmitButton } from "@/components/admin/submit-button";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string; kind: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const input = "mt-1 block w-full rounded border-2 border-[var(--color-ink)] bg-white px-2 py-1";

// Glossary terms and advisers (editors), topics, organisations and places (admins): one form per record
export default async function RecordsPage({ params, searchParams }: Props) {
  const { locale: raw, kind } = await params;
  const locale = adminLocale(raw);
  const staff = await requireStaff(locale);
  if (!isRecordKind(kind) || !roleAllows(staff.role, recordKinds[kind].role)) notFound();
  const sp = await searchParams;
  const t = await getTranslations({ locale, namespace: "Admin.records" });
  const nav = await getTranslations({ locale, namespace: "Admin.nav" });
  const common = await getTranslations({ locale, namespace: "Admin.common" });
  const rows = await listRecords(db(), kind);
  const config = recordKinds[kind];
  const fields = (prefix: string, values: Record<string, string>) =>
    config.fields.map((f: RecordField) => (
      <div key={f.name}>
        <label htmlFor={`${prefix}-${f.name}`} className="font-semibold">
          {t(`fields.${f.name}` as "fields.name")}
          {f.list && <span className="font-normal"> ({t("commaSeparated")})</span>}
        </label>
        {f.multiline ? (
          <textarea id={`${prefix}-${f.name}`} name={f.name} defaultValue={values[f.name]} rows={3} className={input} />
        ) : (
          <input id={`${prefix}-${f.name}`} name={f.name} defaultValue={values[f.name]} className={input} />
        )}
      </div>
    ));
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{nav(kind)}</h1>
      {typeof sp.invalid === "string" && (
        <p role="alert" className="mb-4 font-bold text-[#b3261e]">
          {t("invalid", { fields: sp.invalid })}
        </p>
      )}
      {typeof sp.saved === "string" && (
        <p role="status" className="mb-4 font-semibold">
          {common("saved")}
        </p>
      )}
      <ul className="space-y-3">
        {rows.map((row) => (
          <li key={row.id}>
            <details className="rounded border border-[var(--color-line)] p-2" data-testid="record">
              <summary className="cursor-pointer font-semibold">
                {row.label} <span className="font-normal text-[var(--color-muted)]">({row.slug})</span>
              </summary>
              <form action={saveRecordAction} className="mt-2 grid gap-2 md:grid-cols-2">
                <input type="hidden" name="uiLocale" value={locale} />
                <input type="hidden" name="kind" value={kind} />
                <input type="hidden" name="id" value={row.id} />
                {fields(row.id, row.values)}
                <div>
                  <SubmitButton>{common("save")}</SubmitButton>
                </div>
              </form>
            </details>
          </li>
        ))}
      </ul>
      {kind !== "places" && (
        <section className="mt-8">
          <h2 className="mb-2 text-xl font-bold">{t("create")}</h2>
          <form action={saveRecordAction} className="grid gap-2 md:grid-cols-2">
            <input type="hidden" name="uiLocale" value={locale} />
            <input type="hidden" name="kind" value={kind} />
            <div>
              <label htmlFor="new-slug" className="font-semibold">
                {t("fields.slug")}
              </label>
              <input id="new-slug" name="slug" className={input} />
            </div>
            {fields("new", {})}
            <div>
              <SubmitButton>{common("create")}</SubmitButton>
            </div>
          </form>
        </section>
      )}
    </>
  );
}
