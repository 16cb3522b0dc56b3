import NextLink from "next/link";
import { getTranslations } from "next-intl/server";
import { adminPath } from "@/lib/admin/paths";
import { linkSummary } from "@/lib/data/links";
import { linkCheckSettings } from "@/lib/links/settings";
import type { Locale } from "@/lib/i18n/routing";
import { linkResult } from "./link-status";

// The dashboard's entry for broken links: how many, in how many items, the worst few with the items that use
// them (each leading to the item's links), and a link to the full list. The page rendering it checks the session.
export async function BrokenLinksSummary({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "Admin.links" });
  const summary = await linkSummary();
  const enabled = linkCheckSettings().enabled;
  return (
    <section
      aria-labelledby="broken-links-title"
      className={`rounded border p-4 ${summary.broken ? "border-2 border-error" : "border-line"}`}
      data-testid="broken-links-summary"
    >
      <h2 id="broken-links-title" className="mb-2 text-xl font-bold">
        {t("dashboard.title")}
      </h2>
      {summary.broken === 0 ? (
        <p>{t("dashboard.none")}</p>
      ) : (
        <>
          <p className="font-semibold" data-testid="broken-links-count">
            {t("dashboard.broken", { count: summary.broken, items: summary.itemsWithBroken })}
          </p>
          <ul className="mt-2 space-y-2">
            {summary.worst.map((link) => (
              <li key={link.id}>
                <span className="break-all">{link.url}</span>{" "}
                <span className="text-muted">
                  ({linkResult(t, { errorKind: link.lastErrorKind, status: link.lastStatus })})
                </span>
                <ul className="ml-4 list-disc">
                  {link.uses
                    .filter((use, i, all) => all.findIndex((u) => u.itemId === use.itemId) === i)
                    .map((use) => (
                      <li key={use.itemId}>
                        <NextLink
                          href={adminPath(locale, `items/${use.itemId}/links`)}
                          prefetch={false}
                          lang={use.locale}
                        >
                          {use.title}
                        </NextLink>
                      </li>
                    ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.failing > 0 && <p className="mt-2">{t("dashboard.failing", { count: summary.failing })}</p>}
      {!enabled && <p className="mt-2 text-muted">{t("dashboard.off")}</p>}
      <p className="mt-2">
        <NextLink href={adminPath(locale, "links")} prefetch={false}>
          {t("dashboard.seeAll")}
        </NextLink>
      </p>
    </section>
  );
}
