import { getTranslations } from "next-intl/server";
import { Link } from "@/components/site/link";
import type { Locale } from "@/lib/i18n/routing";
import type { AdviserCard } from "@/lib/catalogue/advisers";

// Advisers as cards: name, title, organisation, languages, topics and the way to write to them
export async function AdviserCards({
  locale,
  advisers,
  headingLevel = 2,
}: {
  locale: Locale;
  advisers: AdviserCard[];
  headingLevel?: 2 | 3;
}) {
  const t = await getTranslations({ locale, namespace: "Advisers" });
  const languages = await getTranslations({ locale, namespace: "Languages" });
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="mt-4 grid gap-4 sm:grid-cols-2" data-testid="adviser-cards">
      {advisers.map((a) => (
        <li key={a.slug} id={`adviser-${a.slug}`} className="rounded border border-line p-4">
          <Heading className="text-lg font-bold">{a.name}</Heading>
          <p>{a.title}</p>
          {a.organisation && <p className="text-muted">{a.organisation}</p>}
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="font-semibold">{t("languages")}</dt>
            <dd>{a.languages.map((l) => languages(l)).join(", ")}</dd>
            {a.topics.length > 0 && (
              <>
                <dt className="font-semibold">{t("topics")}</dt>
                <dd>
                  {a.topics.map((topic, i) => (
                    <span key={topic.slug}>
                      {i > 0 && ", "}
                      <Link href={{ pathname: "/topics/[slug]", params: { slug: topic.slug } }}>{topic.name}</Link>
                    </span>
                  ))}
                </dd>
              </>
            )}
            {a.email && (
              <>
                <dt className="font-semibold">{t("email")}</dt>
                <dd>
                  <a href={`mailto:${a.email}`}>{a.email}</a>
                </dd>
              </>
            )}
          </dl>
          <p className="mt-3">
            <Link href={{ pathname: "/contact", query: { adviser: a.slug } }} className="font-semibold">
              {t("contact", { name: a.name })}
            </Link>
          </p>
        </li>
      ))}
    </ul>
  );
}
