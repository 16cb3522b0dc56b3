import NextLink from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { currentStaff } from "@/lib/auth/guard";
import { changePasswordAction } from "@/lib/auth/actions";
import { AuthForm } from "@/components/admin/auth-form";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// One's own account: change the password (required after an admin set it) and the second factor's state
export default async function PasswordPage({ params, searchParams }: Props) {
  const locale = adminLocale((await params).locale);
  // Not requireStaff: that sends staff with an admin-set password here.
  const staff = await currentStaff();
  if (!staff) redirect(adminPath(locale, "login"));
  const sp = await searchParams;
  const t = await getTranslations({ locale, namespace: "Admin.password" });
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      {sp.changed && !staff.mustChangePassword && (
        <p role="status" className="mb-4 font-semibold" data-testid="password-changed">
          {t("changed")}{" "}
          <NextLink href={adminPath(locale)} prefetch={false} className="underline">
            {t("continue")}
          </NextLink>
        </p>
      )}
      {staff.mustChangePassword && (
        <p role="alert" className="mb-4 border-l-4 border-error pl-3 font-semibold" data-testid="must-change">
          {t("mustChange")}
        </p>
      )}
      <AuthForm
        action={changePasswordAction}
        testId="change-password"
        permalink={adminPath(locale, "password")}
        hidden={{ locale }}
        fields={[
          { name: "current", label: t("current"), type: "password", autoComplete: "current-password" },
          { name: "password", label: t("new"), hint: t("newHint"), type: "password", autoComplete: "new-password" },
        ]}
        submit={t("submit")}
      />
      <h2 className="mt-8 mb-2 text-xl font-bold">{t("factorTitle")}</h2>
      {staff.secondFactor ? (
        <p>{t("factorOn")}</p>
      ) : (
        <p>
          {t("factorOff")}{" "}
          <NextLink href={adminPath(locale, "login/enrol")} prefetch={false} className="underline">
            {t("factorEnrol")}
          </NextLink>
        </p>
      )}
    </>
  );
}
