import { getTranslations } from "next-intl/server";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { requireStaff } from "@/lib/auth/guard";
import { reauthenticate } from "@/lib/auth/actions";
import { AuthForm, type AuthField } from "@/components/admin/auth-form";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Re-authentication before a sensitive action: password and second factor again; then back to the page
export default async function ReauthPage({ params, searchParams }: Props) {
  const locale = adminLocale((await params).locale);
  const staff = await requireStaff(locale);
  const next = (await searchParams).next;
  const t = await getTranslations({ locale, namespace: "Admin.reauth" });
  const fields: AuthField[] = [
    { name: "password", label: t("password"), type: "password", autoComplete: "current-password" },
  ];
  if (staff.secondFactor)
    fields.push({ name: "code", label: t("code"), hint: t("codeHint"), type: "code", autoComplete: "one-time-code" });
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-2xl">{t("intro")}</p>
      <AuthForm
        action={reauthenticate}
        testId="reauth"
        permalink={adminPath(locale, typeof next === "string" ? `reauth?${new URLSearchParams({ next })}` : "reauth")}
        hidden={{ locale, next: typeof next === "string" ? next.slice(0, 300) : adminPath(locale) }}
        fields={fields}
        submit={t("submit")}
      />
    </>
  );
}
