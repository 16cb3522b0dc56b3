import { getTranslations } from "next-intl/server";
import { Link } from "@/components/site/link";
import type { Locale } from "@/lib/i18n/routing";
import type { AdviserCard } from "@/lib/contact/advisers";

// The advisers who answer questions: name, title, organisation, languages and topics
export async function AdviserDirectory({ locale, advisers }: { locale: Locale; advisers: AdviserCard[] }) {
  const t = await getTranslations({ locale, namespace: "Contact" });
  const languages = await getTranslations({ locale, namespace: "Languages" });
  return (
    <section aria-labelledby="advisers-heading" className="mt-12">
      <h2 id="advisers-heading" className="text-2xl font-bold">
        {t("directory")}
      </h2>
      {advisers.length === 0 && <p className="mt-4">{t("noAdvisers")}</p>}
      <ul className="mt-4 grid gap-4 md:grid-cols-2" data-testid="adviser-directory">
        {advisers.map((a) => (
          <li key={a.slug} className="rounded border border-line p-4" data-testid={`adviser-${a.slug}`}>
            <h3 className="text-lg font-bold">{a.name}</h3>
            <p>
              {a.title}
              {a.organisation && !a.title.includes(a.organisation) && `, ${a.organisation}`}
            </p>
            <dl className="mt-2 text-sm">
              <div className="flex gap-2">
                <dt className="font-semibold">{t("languages")}:</dt>
                <dd>{a.languages.map((l) => languages(l)).join(", ")}</dd>
              </div>
              {a.topics.length > 0 && (
                <div className="flex gap-2">
                  <dt className="font-semibold">{t("topics")}:</dt>
                  <dd>{a.topics.map((topic) => topic.name).join(", ")}</dd>
                </div>
              )}
            </dl>
            <p className="mt-3">
              <Link href={{ pathname: "/contact", query: { adviser: a.slug } }}>{t("writeTo", { name: a.name })}</Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
