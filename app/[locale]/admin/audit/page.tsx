import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale } from "@/lib/admin/paths";
import { listAudit } from "@/lib/data/admin";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }> };

// The audit log (admins only): every change made in the admin, newest first
export default async function AuditPage({ params }: Props) {
  const locale = adminLocale((await params).locale);
  await requireStaff(locale, "admin");
  const t = await getTranslations({ locale, namespace: "Admin" });
  const entries = await listAudit();
  const date = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "da-DK", {
    dateStyle: "short",
    timeStyle: "medium",
    timeZone: "Europe/Copenhagen",
  });
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("audit.title")}</h1>
      <table className="w-full border-collapse text-left text-sm">
        <thead>
          <tr className="border-b-2 border-ink">
            <th scope="col">{t("audit.at")}</th>
            <th scope="col">{t("audit.who")}</th>
            <th scope="col">{t("audit.address")}</th>
            <th scope="col">{t("audit.action")}</th>
            <th scope="col">{t("audit.entity")}</th>
            <th scope="col">{t("audit.detail")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className="border-b border-line align-top">
              <td className="pr-2">{date.format(e.at)}</td>
              <td className="pr-2">{e.actorEmail}</td>
              <td className="pr-2">{e.clientAddress ?? "–"}</td>
              <td className="pr-2">{e.action}</td>
              <td className="pr-2">
                {e.entity} {e.entityId}
              </td>
              <td className="break-all">{e.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
