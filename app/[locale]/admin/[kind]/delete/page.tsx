import NextLink from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/roles";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { failureParam } from "@/lib/admin/failure";
import { recordKinds } from "@/lib/admin/records";
import { isRecordKind } from "@/lib/admin/record-form";
import type { RecordUse } from "@/lib/admin/record-delete";
import { deletableRecord } from "@/lib/data/record-delete";
import { SubmitButton } from "@/components/admin/submit-button";
import { ActionForm } from "@/components/admin/action-form";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string; kind: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Confirm deleting a record, or say what uses it (then it cannot be deleted): a plain form, no JavaScript needed
export default async function DeleteRecordPage({ params, searchParams }: Props) {
  const { locale: raw, kind } = await params;
  const locale = adminLocale(raw);
  const staff = await requireStaff(locale);
  if (!isRecordKind(kind) || !roleAllows(staff.role, recordKinds[kind].role)) notFound();
  const sp = await searchParams;
  const record = await deletableRecord(kind, typeof sp.record === "string" ? sp.record : "");
  if (!record) notFound();
  const t = await getTranslations({ locale, namespace: "Admin" });
  const failed = failureParam(sp.failed);
  const roles = await getTranslations({ locale, namespace: "ItemPage.roles" });
  const describeUse = (use: RecordUse) => {
    switch (use.kind) {
      case "item":
        return (
          <>
            <NextLink href={adminPath(locale, `items/${use.id}`)} prefetch={false} lang={use.locale}>
              {use.label}
            </NextLink>
            {use.detail && ` (${roles.has(use.detail as "partner") ? roles(use.detail as "partner") : use.detail})`}
          </>
        );
      case "adviser":
        return (
          <NextLink href={`${adminPath(locale, "advisers")}?record=${use.id}`} prefetch={false}>
            {t("deleteRecord.uses.adviser", { name: use.label })}
          </NextLink>
        );
      case "place":
        return (
          <NextLink href={`${adminPath(locale, "places")}?record=${use.id}`} prefetch={false}>
            {t("deleteRecord.uses.place", { name: use.label })}
          </NextLink>
        );
      case "staff":
        return t("deleteRecord.uses.staff", { name: use.label });
      case "messages":
        return (
          <NextLink href={adminPath(locale, "inbox")} prefetch={false}>
            {t("deleteRecord.uses.messages", { count: use.count })}
          </NextLink>
        );
    }
  };
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("deleteRecord.title", { label: record.label })}</h1>
      {(failed || sp.stale) && (
        <p role="alert" className="mb-4 border-l-4 border-error pl-3 font-semibold" data-testid="delete-problem">
          {failed ? t(`failures.${failed}`) : t("deleteRecord.stale")}
        </p>
      )}
      <p className="mb-4 font-mono text-sm">{record.slug}</p>
      {record.uses.length > 0 ? (
        <section aria-labelledby="where-used" data-testid="where-used">
          <h2 id="where-used" className="mb-2 text-xl font-bold">
            {t("deleteRecord.inUseTitle")}
          </h2>
          <p className="mb-2 max-w-prose">{t("deleteRecord.inUse")}</p>
          <ul className="mb-4 list-disc pl-6">
            {record.uses.map((use, i) => (
              <li key={i}>{describeUse(use)}</li>
            ))}
          </ul>
          <NextLink href={`${adminPath(locale, kind)}?record=${record.id}`} prefetch={false}>
            {t("deleteRecord.back")}
          </NextLink>
        </section>
      ) : (
        <>
          <p className="mb-4 max-w-prose">{t("deleteRecord.body")}</p>
          <ActionForm
            action="deleteRecord"
            permalink={`${adminPath(locale, `${kind}/delete`)}?record=${record.id}`}
            className="flex flex-wrap items-center gap-4"
          >
            <input type="hidden" name="uiLocale" value={locale} />
            <input type="hidden" name="recordKind" value={kind} />
            <input type="hidden" name="recordId" value={record.id} />
            <input type="hidden" name="version" value={record.version} />
            <SubmitButton className="rounded border-2 border-error px-3 py-1 font-semibold text-error">
              {t("deleteRecord.confirm")}
            </SubmitButton>
            <NextLink href={`${adminPath(locale, kind)}?record=${record.id}`} prefetch={false}>
              {t("deleteRecord.back")}
            </NextLink>
          </ActionForm>
        </>
      )}
    </>
  );
}
