import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";

// The list's Atom feed: announced in the head (React places a <link> there wherever it is rendered) and linked visibly
export async function FeedLink({
  locale,
  href,
  title,
  kind = "list",
}: {
  locale: Locale;
  href: string;
  title: string;
  kind?: "list" | "search";
}) {
  const t = await getTranslations({ locale, namespace: "Feeds" });
  return (
    <>
      <link rel="alternate" type="application/atom+xml" href={href} title={t("headTitle", { list: title })} />
      <p className="mt-4 text-sm print:hidden">
        <a href={href} type="application/atom+xml" data-testid="feed-link">
          {t(kind === "search" ? "searchLink" : "link")}
        </a>
      </p>
    </>
  );
}
