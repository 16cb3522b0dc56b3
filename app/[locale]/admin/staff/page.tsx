import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { StaffForm } from "@/components/admin/staff-form";
import { SubmitButton } from "@/components/admin/submit-button";
import { FailureNotice } from "@/components/admin/failure-notice";
import { ActionForm } from "@/components/admin/action-form";
import { editorChoices, listStaff } from "@/lib/data/admin";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const problemKey = { tooShort: "passwordTooShort", tooLong: "passwordTooLong", common: "passwordCommon" } as const;

// Staff accounts (admins, after re-authentication): create, deactivate, reset password or second factor
export default async function StaffPage({ params, searchParams }: Props) {
  const locale = adminLocale((await params).locale);
  const me = await requireStaff(locale, "admin", { fresh: "staff" });
  const sp = await searchParams;
  const t = await getTranslations({ locale, namespace: "Admin" });
  const [staff, choices] = await Promise.all([listStaff(), editorChoices(locale)]);
  const problem = typeof sp.problem === "string" && sp.problem in problemKey ? sp.problem : null;
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("staff.title")}</h1>
      <FailureNotice locale={locale} failed={sp.failed} />
      {problem && (
        <p role="alert" className="mb-4 font-bold text-error">
          {t(`errors.${problemKey[problem as keyof typeof problemKey]}`)}
        </p>
      )}
      {(sp.reset || sp.created || sp.factorReset) && (
        <p role="status" className="mb-4 font-semibold">
          {t("common.saved")}
        </p>
      )}
      <table className="mb-8 w-full border-collapse text-left">
        <thead>
          <tr className="border-b-2 border-ink">
            <th scope="col">{t("staff.name")}</th>
            <th scope="col">{t("staff.email")}</th>
            <th scope="col">{t("staff.role")}</th>
            <th scope="col">{t("staff.adviser")}</th>
            <th scope="col">{t("staff.secondFactor")}</th>
            <th scope="col">{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.id} className="border-b border-line align-top">
              <td>
                {s.name}
                {!s.active && <> ({t("staff.inactive")})</>}
              </td>
              <td>{s.email}</td>
              <td>{t(`roles.${s.role}`)}</td>
              <td>{s.adviserName ?? "–"}</td>
              <td>
                {s.secondFactor ? t("staff.factorOn") : t("staff.factorOff")}
                {s.mustChangePassword && <> ({t("staff.mustChange")})</>}
              </td>
              <td className="space-y-2 py-1">
                {s.id !== me.id && s.secondFactor && (
                  <ActionForm action="resetSecondFactor" permalink={adminPath(locale, "staff")}>
                    <input type="hidden" name="uiLocale" value={locale} />
                    <input type="hidden" name="userId" value={s.id} />
                    <SubmitButton className="underline">{t("staff.resetFactor")}</SubmitButton>
                  </ActionForm>
                )}
                {s.id !== me.id && (
                  <ActionForm action="setStaffActive" permalink={adminPath(locale, "staff")}>
                    <input type="hidden" name="uiLocale" value={locale} />
                    <input type="hidden" name="userId" value={s.id} />
                    <input type="hidden" name="active" value={s.active ? "false" : "true"} />
                    <SubmitButton className="underline">
                      {s.active ? t("staff.deactivate") : t("staff.activate")}
                    </SubmitButton>
                  </ActionForm>
                )}
                <ActionForm
                  action="resetStaffPassword"
                  permalink={adminPath(locale, "staff")}
                  className="flex flex-wrap items-end gap-2"
                >
                  <input type="hidden" name="uiLocale" value={locale} />
                  <input type="hidden" name="userId" value={s.id} />
                  <label className="text-sm">
                    {t("staff.newPassword")}
                    <input
                      name="password"
                      type="password"
                      autoComplete="new-password"
                      className="block rounded border-2 border-ink px-2 py-0.5"
                    />
                  </label>
                  <SubmitButton className="underline">{t("staff.resetPassword")}</SubmitButton>
                </ActionForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="mb-2 text-xl font-bold">{t("staff.createTitle")}</h2>
      <StaffForm
        uiLocale={locale}
        advisers={choices.advisers}
        text={{
          email: t("staff.email"),
          name: t("staff.name"),
          role: t("staff.role"),
          adviser: t("staff.adviser"),
          password: t("staff.password"),
          create: t("common.create"),
          none: t("common.none"),
          admin: t("roles.admin"),
          editor: t("roles.editor"),
        }}
      />
    </>
  );
}
