import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { currentStaff } from "@/lib/auth/guard";
import { LoginForm } from "@/components/admin/login-form";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }> };

// The login page: the one admin page open to anyone
export default async function LoginPage({ params }: Props) {
  const locale = adminLocale((await params).locale);
  if (await currentStaff()) redirect(adminPath(locale));
  const t = await getTranslations({ locale, namespace: "Admin.login" });
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-6">{t("intro")}</p>
      <LoginForm locale={locale} text={{ email: t("email"), password: t("password"), submit: t("submit") }} />
    </>
  );
}
