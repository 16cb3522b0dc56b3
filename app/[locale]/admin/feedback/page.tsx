import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale } from "@/lib/admin/paths";
import { feedbackTally, listFeedback } from "@/lib/data/admin";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }> };

// "Was this page helpful?" per item: yes/no counts and the newest comments
export default async function FeedbackPage({ params }: Props) {
  const locale = adminLocale((await params).locale);
  await requireStaff(locale);
  const t = await getTranslations({ locale, namespace: "Admin.feedback" });
  const [entries, tally] = await Promise.all([listFeedback({ take: 200 }), feedbackTally()]);
  const titles = new Map(entries.map((e) => [e.item.id, e.item.title]));
  const date = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "da-DK", { dateStyle: "medium" });
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("title")}</h1>
      <table className="mb-8 w-full border-collapse text-left">
        <thead>
          <tr className="border-b-2 border-ink">
            <th scope="col">{t("item")}</th>
            <th scope="col">{t("yes")}</th>
            <th scope="col">{t("no")}</th>
          </tr>
        </thead>
        <tbody>
          {tally.map((row) => (
            <tr key={row.itemId} className="border-b border-line">
              <td>{titles.get(row.itemId) ?? row.itemId}</td>
              <td>{row.yes}</td>
              <td>{row.no}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="mb-2 text-xl font-bold">{t("comments")}</h2>
      <ul className="space-y-2">
        {entries
          .filter((e) => e.comment)
          .map((e) => (
            <li key={e.id} id={`feedback-${e.id}`}>
              <strong>{e.item.title}</strong> · {e.helpful ? t("yes") : t("no")} · {date.format(new Date(e.createdAt))}
              <p className="whitespace-pre-wrap">{e.comment}</p>
            </li>
          ))}
      </ul>
    </>
  );
}
