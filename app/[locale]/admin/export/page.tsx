import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale } from "@/lib/admin/paths";
import { exportContentAction } from "@/lib/admin/actions/export";
import { SubmitButton } from "@/components/admin/submit-button";
import { FailureNotice } from "@/components/admin/failure-notice";

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
      <form action={exportContentAction}>
        <input type="hidden" name="uiLocale" value={locale} />
        <SubmitButton>{t("submit")}</SubmitButton>
      </form>
    </>
  );
}
