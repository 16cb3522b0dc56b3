import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { currentPendingLogin, currentStaff } from "@/lib/auth/guard";
import { confirmEnrolment } from "@/lib/auth/actions";
import { enrolmentView } from "@/lib/auth/totp";
import { AuthForm } from "@/components/admin/auth-form";
import { offerTotpSecret } from "@/lib/data/admin";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }> };

// Enrolment of the second factor: after the password for accounts that must have one, or from the
// account page for those who choose to. The QR code is drawn here on the server; the secret is shown as
// text too, for apps that cannot scan.
export default async function EnrolPage({ params }: Props) {
  const locale = adminLocale((await params).locale);
  const pending = await currentPendingLogin();
  const staff = pending ? null : await currentStaff();
  if (!pending && !staff) redirect(adminPath(locale, "login"));
  if (pending?.secondFactor) redirect(adminPath(locale, "login/code"));
  const account = pending ? { id: pending.userId, email: pending.email } : staff!;
  const t = await getTranslations({ locale, namespace: "Admin.enrol" });
  // Once enabled (also right after the confirming code, when this page is drawn again around the form's
  // answer) the page offers no new secret: the form shows the recovery codes it received, or a way on.
  const enabled = !!staff?.secondFactor;
  const view = enabled ? null : await enrolmentView(await offerTotpSecret(account.id), account.email);
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      {view ? <p className="mb-4 max-w-2xl">{pending ? t("introRequired") : t("intro")}</p> : null}
      {view ? (
        <ol className="mb-6 max-w-2xl list-decimal space-y-4 pl-6">
          <li>
            <p>{t("scan")}</p>
            <div
              role="img"
              aria-label={t("qrLabel")}
              className="mt-2 w-48 bg-white"
              data-testid="totp-qr"
              // The SVG is drawn by the qrcode library from our own otpauth:// address: paths only, no text.
              dangerouslySetInnerHTML={{ __html: view.svg }}
            />
          </li>
          <li>
            <p>{t("orType")}</p>
            <p className="mt-1 font-mono text-lg" data-testid="totp-secret">
              {view.secretText}
            </p>
          </li>
          <li>{t("confirm")}</li>
        </ol>
      ) : null}
      <AuthForm
        action={confirmEnrolment}
        testId="enrol"
        permalink={adminPath(locale, "login/enrol")}
        hidden={{ locale }}
        fields={[{ name: "code", label: t("code"), type: "code", autoComplete: "one-time-code" }]}
        submit={t("submit")}
        codes={{
          title: t("codesTitle"),
          intro: t("codesIntro"),
          next: t("continue"),
          nextHref: adminPath(locale),
        }}
        done={enabled ? { text: t("enabled"), next: t("continue"), nextHref: adminPath(locale) } : undefined}
      />
    </>
  );
}
