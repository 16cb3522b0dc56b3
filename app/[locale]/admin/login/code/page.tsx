import NextLink from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { currentPendingLogin } from "@/lib/auth/guard";
import { verifySecondFactor } from "@/lib/auth/actions";
import { AuthForm } from "@/components/admin/auth-form";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }> };

// The second step of a login: the code from the authenticator app (or a recovery code)
export default async function SecondFactorPage({ params }: Props) {
  const locale = adminLocale((await params).locale);
  const pending = await currentPendingLogin();
  if (!pending) redirect(adminPath(locale, "login"));
  if (!pending.secondFactor) redirect(adminPath(locale, "login/enrol"));
  const t = await getTranslations({ locale, namespace: "Admin.secondFactor" });
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-2xl">{t("intro")}</p>
      <AuthForm
        action={verifySecondFactor}
        testId="second-factor"
        permalink={adminPath(locale, "login/code")}
        hidden={{ locale }}
        fields={[{ name: "code", label: t("code"), hint: t("codeHint"), type: "code", autoComplete: "one-time-code" }]}
        submit={t("submit")}
      />
      <p className="mt-6">
        <NextLink href={adminPath(locale, "login")} prefetch={false} className="underline">
          {t("restart")}
        </NextLink>
      </p>
    </>
  );
}
