import NextLink from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { lastLinkRun, listLinks } from "@/lib/data/links";
import { linkListStates, type LinkListState } from "@/lib/links/queries";
import type { LinkOrigin } from "@/lib/links/extract";
import { linkCheckSettings } from "@/lib/links/settings";
import { LinkStateLabel, linkDateFormat, linkResult } from "@/components/admin/link-status";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const filterSchema = z.object({
  state: z.enum(linkListStates).catch("problems"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

// The external links in use: broken and failing first (or one state), with the items that use them
export default async function LinksPage({ params, searchParams }: Props) {
  const locale = adminLocale((await params).locale);
  await requireStaff(locale);
  const sp = await searchParams;
  const filter = filterSchema.parse({ state: first(sp.state), page: first(sp.page) });
  const t = await getTranslations({ locale, namespace: "Admin.links" });
  const settings = linkCheckSettings();
  const [{ rows, total, pageSize }, run] = await Promise.all([listLinks(filter), lastLinkRun()]);
  const date = linkDateFormat(locale);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (state: LinkListState, page = 1) =>
    `${adminPath(locale, "links")}?state=${state}${page > 1 ? `&page=${page}` : ""}`;
  const origin = (key: LinkOrigin) => t(`origin.${key}`);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-2">{t("intro", { count: settings.brokenAfter })}</p>
      {!settings.enabled && <p className="mb-2 border-l-4 border-warning pl-3">{t("off")}</p>}
      <p className="mb-4" data-testid="last-run">
        {run?.finishedAt
          ? t("lastRun", { date: date.format(new Date(run.finishedAt)), checked: Number(run.report?.checked ?? 0) })
          : t("neverRun")}
      </p>
      <nav aria-label={t("filterLabel")} className="mb-4">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {linkListStates.map((state) => (
            <li key={state}>
              <NextLink
                href={href(state)}
                prefetch={false}
                aria-current={state === filter.state ? "page" : undefined}
                className={state === filter.state ? "font-bold" : undefined}
              >
                {t(`filter.${state}`)}
              </NextLink>
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="mb-2 text-xl font-bold" data-testid="link-count">
        {t(`filter.${filter.state}`)}: {t("count", { count: total })}
      </h2>
      {rows.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col">{t("col.address")}</th>
              <th scope="col">{t("col.state")}</th>
              <th scope="col">{t("col.lastCheck")}</th>
              <th scope="col">{t("col.result")}</th>
              <th scope="col">{t("col.usedBy")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-line align-top" data-testid="link-row">
                <td className="max-w-xs break-all py-2 pr-2">
                  <a href={row.url} rel="noreferrer noopener">
                    {row.url}
                  </a>
                </td>
                <td className="py-2 pr-2">
                  <LinkStateLabel t={t} state={row.state} failures={row.consecutiveFailures} />
                </td>
                <td className="py-2 pr-2">{row.lastCheckedAt ? date.format(new Date(row.lastCheckedAt)) : "–"}</td>
                <td className="py-2 pr-2">
                  {row.lastCheckedAt ? linkResult(t, { errorKind: row.lastErrorKind, status: row.lastStatus }) : "–"}
                  {row.finalUrl && row.finalUrl !== row.url && (
                    <span className="block break-all">
                      {t("finalUrl")}: {row.finalUrl}
                    </span>
                  )}
                </td>
                <td className="py-2">
                  <ul>
                    {row.uses.map((use) => (
                      <li key={`${use.itemId} ${use.origin}`}>
                        <NextLink
                          href={adminPath(locale, `items/${use.itemId}/links`)}
                          prefetch={false}
                          lang={use.locale}
                        >
                          {use.title}
                        </NextLink>{" "}
                        ({origin(use.origin)})
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav aria-label={t("pageOf", { page: filter.page, pages })} className="mt-4 flex gap-4">
          {filter.page > 1 && (
            <NextLink href={href(filter.state, filter.page - 1)} prefetch={false}>
              {t("previous")}
            </NextLink>
          )}
          <span>{t("pageOf", { page: filter.page, pages })}</span>
          {filter.page < pages && (
            <NextLink href={href(filter.state, filter.page + 1)} prefetch={false}>
              {t("next")}
            </NextLink>
          )}
        </nav>
      )}
    </>
  );
}
