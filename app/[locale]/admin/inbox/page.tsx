import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { SubmitButton } from "@/components/admin/submit-button";
import { FailureNotice } from "@/components/admin/failure-notice";
import { ActionForm } from "@/components/admin/action-form";
import { inboxFor } from "@/lib/data/admin";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const statuses = ["new", "answered", "closed"] as const;

// Contact messages: those routed to the logged-in adviser (all for admins), with status and deletion
export default async function InboxPage({ params, searchParams }: Props) {
  const locale = adminLocale((await params).locale);
  const staff = await requireStaff(locale);
  const sp = await searchParams;
  const filter = statuses.find((s) => s === sp.status);
  const t = await getTranslations({ locale, namespace: "Admin.inbox" });
  const messages = await inboxFor(staff, filter);
  const date = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "da-DK", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Copenhagen",
  });
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("title")}</h1>
      <FailureNotice locale={locale} failed={sp.failed} />
      <form method="get" className="mb-4 flex items-end gap-2">
        <label htmlFor="inbox-status" className="font-semibold">
          {t("status")}
        </label>
        <select id="inbox-status" name="status" defaultValue={filter ?? ""} className="rounded border-2 px-2 py-1">
          <option value="">{t("all")}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="rounded border-2 border-ink px-3 py-1">
          {t("filter")}
        </button>
      </form>
      {staff.role !== "admin" && !staff.adviserId && <p>{t("noAdviser")}</p>}
      {messages.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ul className="space-y-4">
          {messages.map((m) => (
            <li key={m.id} id={`message-${m.id}`} className="rounded border border-line p-3" data-testid="message">
              <h2 className="font-bold">{m.subject}</h2>
              <p className="text-sm">
                {m.name} &lt;{m.email}&gt; · {date.format(new Date(m.createdAt))} · {m.reference} ·{" "}
                {t(`statuses.${m.status}`)}
                {m.adviser && <> · {m.adviser.name}</>}
                {m.item && <> · {m.item.title}</>}
              </p>
              <p className="mt-2 whitespace-pre-wrap">{m.message}</p>
              <div className="mt-2 flex flex-wrap gap-3">
                {statuses
                  .filter((s) => s !== m.status)
                  .map((s) => (
                    <ActionForm key={s} action="setMessageStatus" permalink={adminPath(locale, "inbox")}>
                      <input type="hidden" name="uiLocale" value={locale} />
                      <input type="hidden" name="messageId" value={m.id} />
                      <input type="hidden" name="status" value={s} />
                      <SubmitButton className="underline">{t(`mark.${s}`)}</SubmitButton>
                    </ActionForm>
                  ))}
                <ActionForm action="deleteMessage" permalink={adminPath(locale, "inbox")}>
                  <input type="hidden" name="uiLocale" value={locale} />
                  <input type="hidden" name="messageId" value={m.id} />
                  <SubmitButton className="text-error underline">{t("delete")}</SubmitButton>
                </ActionForm>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
