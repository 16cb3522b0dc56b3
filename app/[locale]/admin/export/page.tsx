import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { SubmitButton } from "@/components/admin/submit-button";
import { FailureNotice } from "@/components/admin/failure-notice";
import { ActionForm } from "@/components/admin/action-form";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Export the catalogue back to content/ (admins, after re-authentication)
export default async function ExportPage({ params, searchParams }: Props) {
  const locale = adminLocale((await params).locale);
  await requireStaff(locale, "admin", { fresh: "export" });
  const sp = await searchParams;
  const t = await getTranslations({ locale, namespace: "Admin.export" });
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-4 max-w-2xl">{t("intro")}</p>
      <FailureNotice locale={locale} failed={sp.failed} />
      {typeof sp.written === "string" && (
        <p role="status" className="mb-4 font-semibold">
          {t("done", { written: Number(sp.written), removed: Number(sp.removed ?? 0) })}
        </p>
      )}
      <ActionForm action="exportContent" permalink={adminPath(locale, "export")}>
        <input type="hidden" name="uiLocale" value={locale} />
        <SubmitButton>{t("submit")}</SubmitButton>
      </ActionForm>
    </>
  );
}
