import NextLink from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { itemLinkReport } from "@/lib/data/links";
import { linkCheckSettings } from "@/lib/links/settings";
import { LinkStateLabel, linkDateFormat, linkResult } from "@/components/admin/link-status";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string; id: string }> };

// One item's external links as its text, source address and attachments have them now: each with its state,
// the last result, where it led and its history of checks
export default async function ItemLinksPage({ params }: Props) {
  const { locale: raw, id } = await params;
  const locale = adminLocale(raw);
  await requireStaff(locale);
  const parsed = z.uuid().safeParse(id);
  const report = parsed.success ? await itemLinkReport(parsed.data, linkCheckSettings().history) : null;
  if (!report) notFound();
  const t = await getTranslations({ locale, namespace: "Admin.links" });
  const date = linkDateFormat(locale);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-bold">{t("itemTitle", { title: report.title })}</h1>
        <span className="flex gap-4">
          <NextLink href={adminPath(locale, `items/${report.id}`)} prefetch={false}>
            {t("backToItem")}
          </NextLink>
          <NextLink href={adminPath(locale, "links")} prefetch={false}>
            {t("allLinks")}
          </NextLink>
        </span>
      </div>
      {report.links.length === 0 ? (
        <p>{t("itemNone")}</p>
      ) : (
        <ul className="space-y-4">
          {report.links.map((link, index) => {
            const target = link.target;
            return (
              <li
                key={`${link.origin} ${link.url}`}
                className="rounded border border-line p-3"
                data-testid="item-link"
                aria-labelledby={`link-${index}`}
              >
                <h2 id={`link-${index}`} className="break-all font-bold">
                  <a href={link.url} rel="noreferrer noopener">
                    {link.url}
                  </a>
                </h2>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                  <dt>{t("col.origin")}</dt>
                  <dd>
                    {t(`origin.${link.origin}`)}
                    {link.label && link.label !== link.url ? `: ${link.label}` : ""}
                  </dd>
                  <dt>{t("col.state")}</dt>
                  <dd>
                    {target ? (
                      <LinkStateLabel t={t} state={target.state} failures={target.consecutiveFailures} />
                    ) : (
                      t("notChecked")
                    )}
                  </dd>
                  {target?.lastCheckedAt && (
                    <>
                      <dt>{t("col.lastCheck")}</dt>
                      <dd>{date.format(new Date(target.lastCheckedAt))}</dd>
                      <dt>{t("col.result")}</dt>
                      <dd data-testid="link-result">
                        {linkResult(t, { errorKind: target.lastErrorKind, status: target.lastStatus })}
                      </dd>
                    </>
                  )}
                  {target?.finalUrl && target.finalUrl !== link.url && (
                    <>
                      <dt>{t("finalUrl")}</dt>
                      <dd className="break-all">{target.finalUrl}</dd>
                    </>
                  )}
                </dl>
                {target && target.checks.length > 0 && (
                  <details className="mt-2">
                    <summary className="cursor-pointer font-semibold">
                      {t("history", { count: target.checks.length })}
                    </summary>
                    <table className="mt-2 w-full border-collapse text-left text-sm">
                      <thead>
                        <tr className="border-b-2 border-ink">
                          <th scope="col">{t("col.when")}</th>
                          <th scope="col">{t("col.method")}</th>
                          <th scope="col">{t("col.result")}</th>
                          <th scope="col">{t("redirects")}</th>
                          <th scope="col">{t("col.duration")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {target.checks.map((check) => (
                          <tr key={check.id} className="border-b border-line align-top" data-testid="link-check">
                            <td className="pr-2">{date.format(new Date(check.checkedAt))}</td>
                            <td className="pr-2">{check.method}</td>
                            <td className="pr-2">
                              {linkResult(t, { errorKind: check.errorKind, status: check.status })}
                              {check.error && check.errorKind !== "http" && (
                                <span className="block break-all text-muted">{check.error}</span>
                              )}
                            </td>
                            <td className="pr-2">
                              {check.redirects.length === 0 ? (
                                "–"
                              ) : (
                                <ol className="list-decimal pl-5">
                                  {check.redirects.map((r, i) => (
                                    <li key={i} className="break-all">
                                      {r.status} {r.url}
                                    </li>
                                  ))}
                                  {check.finalUrl && <li className="break-all">{check.finalUrl}</li>}
                                </ol>
                              )}
                            </td>
                            <td>{t("durationMs", { ms: check.durationMs })}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
