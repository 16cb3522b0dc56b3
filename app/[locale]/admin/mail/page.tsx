import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { SubmitButton } from "@/components/admin/submit-button";
import { ActionForm } from "@/components/admin/action-form";
import { listPendingMail } from "@/lib/data/admin";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// The outbox for admins: e-mails given up (with a button to send each again) and those still waiting
export default async function MailPage({ params, searchParams }: Props) {
  const locale = adminLocale((await params).locale);
  await requireStaff(locale, "admin");
  const sp = await searchParams;
  const t = await getTranslations({ locale, namespace: "Admin.mail" });
  const unsent = await listPendingMail();
  const failed = unsent.filter((m) => m.failedAt).sort((a, b) => (b.failedAt ?? "").localeCompare(a.failedAt ?? ""));
  const waiting = unsent.filter((m) => !m.failedAt);
  const date = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "da-DK", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Copenhagen",
  });
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("title")}</h1>
      {sp.resent && (
        <p role="status" className="mb-4 border-l-4 border-success pl-3 font-semibold" data-testid="notice">
          {t("resent")}
        </p>
      )}
      {sp.notResent && (
        <p role="alert" className="mb-4 border-l-4 border-error pl-3 font-semibold" data-testid="notice">
          {t("notResent")}
        </p>
      )}
      <p className="mb-6">{t("intro")}</p>

      <h2 className="mb-2 text-xl font-bold">{t("failedTitle", { count: failed.length })}</h2>
      {failed.length === 0 ? (
        <p className="mb-6">{t("noneFailed")}</p>
      ) : (
        <ul className="mb-6 space-y-4">
          {failed.map((m) => (
            <li key={m.id} className="rounded border border-line p-3" data-testid="failed-mail">
              <h3 className="font-bold">{m.subject}</h3>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                <dt>{t("to")}</dt>
                <dd>{m.to}</dd>
                {m.reference && (
                  <>
                    <dt>{t("reference")}</dt>
                    <dd>{m.reference}</dd>
                  </>
                )}
                <dt>{t("queued")}</dt>
                <dd>{date.format(new Date(m.createdAt))}</dd>
                <dt>{t("failedAt")}</dt>
                <dd>{date.format(new Date(m.failedAt!))}</dd>
                <dt>{t("attempts")}</dt>
                <dd>{m.attempts}</dd>
                <dt>{t("lastError")}</dt>
                <dd className="break-words">{m.lastError ?? "–"}</dd>
              </dl>
              <ActionForm action="resendMail" permalink={adminPath(locale, "mail")} className="mt-2">
                <input type="hidden" name="uiLocale" value={locale} />
                <input type="hidden" name="mailId" value={m.id} />
                <SubmitButton>{t("resend")}</SubmitButton>
              </ActionForm>
            </li>
          ))}
        </ul>
      )}

      <h2 className="mb-2 text-xl font-bold">{t("waitingTitle", { count: waiting.length })}</h2>
      {waiting.length === 0 ? (
        <p>{t("noneWaiting")}</p>
      ) : (
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col">{t("subject")}</th>
              <th scope="col">{t("to")}</th>
              <th scope="col">{t("attempts")}</th>
              <th scope="col">{t("nextAttempt")}</th>
              <th scope="col">{t("lastError")}</th>
            </tr>
          </thead>
          <tbody>
            {waiting.map((m) => (
              <tr key={m.id} className="border-b border-line" data-testid="waiting-mail">
                <td>{m.subject}</td>
                <td>{m.to}</td>
                <td>{m.attempts}</td>
                <td>{date.format(new Date(m.nextAttemptAt))}</td>
                <td className="break-words">{m.lastError ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
