import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale } from "@/lib/admin/paths";
import { countAlerts } from "@/lib/data/alerts";
import { listTopics } from "@/lib/catalogue/topics";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }> };

// How many confirmed e-mail alerts follow each topic and type: counts only, never the addresses
export default async function AlertsAdminPage({ params }: Props) {
  const locale = adminLocale((await params).locale);
  await requireStaff(locale, "admin");
  const t = await getTranslations({ locale, namespace: "Admin.alerts" });
  const sections = await getTranslations({ locale, namespace: "Sections" });
  const [counts, topics] = await Promise.all([countAlerts(), listTopics(locale)]);
  const topicName = new Map(topics.map((x) => [x.slug, x.name]));
  const number = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "da-DK");
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-4 max-w-prose">{t("intro")}</p>
      <p className="mb-4" data-testid="alert-total">
        {t("total", { count: counts.total })} ·{" "}
        {t("frequencies", {
          immediate: counts.byFrequency.immediate,
          daily: counts.byFrequency.daily,
          weekly: counts.byFrequency.weekly,
        })}
      </p>
      {counts.rows.length > 0 ? (
        <table className="mb-8 w-full border-collapse text-left" data-testid="alert-counts">
          <caption className="sr-only">{t("caption")}</caption>
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col">{t("topic")}</th>
              <th scope="col">{t("type")}</th>
              <th scope="col">{t("kind")}</th>
              <th scope="col" className="text-right">
                {t("count")}
              </th>
            </tr>
          </thead>
          <tbody>
            {counts.rows.map((row) => (
              <tr key={`${row.topic}|${row.type}|${row.search}`} className="border-b border-line">
                <td>{row.topic ? (topicName.get(row.topic) ?? row.topic) : t("anyTopic")}</td>
                <td>{row.type ? sections(`${row.type as "article"}.title`) : t("anyType")}</td>
                <td>{row.search ? t("search") : t("listing")}</td>
                <td className="text-right">{number.format(row.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t("none")}</p>
      )}
    </>
  );
}
