import NextLink from "next/link";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { itemCounts, outboxCounts, placeholderAdvisers } from "@/lib/data/admin";
import { BrokenLinksSummary } from "@/components/admin/broken-links-summary";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }> };

// The admin's start page: how much is in draft, scheduled and published, and (for admins) the e-mails not sent
export default async function AdminHome({ params }: Props) {
  const locale = adminLocale((await params).locale);
  const staff = await requireStaff(locale);
  const t = await getTranslations({ locale, namespace: "Admin" });
  const counts = await itemCounts();
  const mail = staff.role === "admin" ? await outboxCounts() : null;
  const placeholders = await placeholderAdvisers();
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("dashboard.title")}</h1>
      <ul className="flex flex-wrap gap-4">
        {(["draft", "scheduled", "published"] as const).map((status) => (
          <li key={status} className="rounded border border-line p-4">
            <NextLink href={`${adminPath(locale, "items")}?status=${status}`} prefetch={false}>
              <span className="block text-3xl font-bold">{counts[status]}</span>
              {t(`dashboard.${status === "draft" ? "drafts" : status}`)}
            </NextLink>
          </li>
        ))}
        {mail && (
          <li
            className={`rounded border p-4 ${mail.failed ? "border-2 border-error" : "border-line"}`}
            data-testid="failed-mail-count"
          >
            <NextLink href={adminPath(locale, "mail")} prefetch={false}>
              <span className="block text-3xl font-bold">{mail.failed}</span>
              {t("dashboard.failedMail", { count: mail.failed })}
            </NextLink>
          </li>
        )}
        {mail && mail.waiting > 0 && (
          <li className="rounded border border-line p-4">
            <NextLink href={adminPath(locale, "mail")} prefetch={false}>
              <span className="block text-3xl font-bold">{mail.waiting}</span>
              {t("dashboard.waitingMail", { count: mail.waiting })}
            </NextLink>
          </li>
        )}
        {placeholders.length > 0 && (
          <li className="rounded border-2 border-[#b3261e] p-4" data-testid="placeholder-advisers">
            <NextLink href={adminPath(locale, "advisers")} prefetch={false}>
              <span className="block text-3xl font-bold">{placeholders.length}</span>
              {t("dashboard.placeholderAdvisers", { count: placeholders.length })}
            </NextLink>
          </li>
        )}
      </ul>
      <BrokenLinksSummary locale={locale} />
    </>
  );
}
