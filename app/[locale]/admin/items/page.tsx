import NextLink from "next/link";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { itemTypes } from "@/lib/content/schema";
import { listAdminItems, listTopicChoices } from "@/lib/data/admin";
import { reviewFilters } from "@/lib/admin/item-queries";
import { lixBand } from "@/lib/plain-language/analyse";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

// The content list: search, filters by type, language, status and topic, and sorting
export default async function ItemsPage({ params, searchParams }: Props) {
  const locale = adminLocale((await params).locale);
  const staff = await requireStaff(locale);
  const sp = await searchParams;
  const query = {
    q: one(sp.q),
    type: one(sp.type),
    locale: one(sp.lang),
    status: one(sp.status),
    topic: one(sp.topic),
    sort: one(sp.sort),
    review: one(sp.review),
    ownerId: staff.id,
  };
  const t = await getTranslations({ locale, namespace: "Admin" });
  const types = await getTranslations({ locale, namespace: "ItemTypes" });
  const languages = await getTranslations({ locale, namespace: "Languages" });
  const [rows, topics] = await Promise.all([listAdminItems(query), listTopicChoices(locale)]);
  const date = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "da-DK", {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: "Europe/Copenhagen",
  });
  const day = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "da-DK", {
    dateStyle: "short",
    timeZone: "Europe/Copenhagen",
  });
  const plain = await getTranslations({ locale, namespace: "Admin.plainLanguage" });
  const select = "mt-1 block rounded border-2 border-ink bg-white px-2 py-1";
  return (
    <>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-bold">{t("items.title")}</h1>
        <NextLink href={adminPath(locale, "items/new")} className="font-semibold" prefetch={false}>
          {t("items.newItem")}
        </NextLink>
      </div>
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3" role="search">
        <div>
          <label htmlFor="f-q" className="block font-semibold">
            {t("items.search")}
          </label>
          <input id="f-q" name="q" type="search" defaultValue={query.q} className={`${select} w-72`} />
        </div>
        <div>
          <label htmlFor="f-type" className="block font-semibold">
            {t("items.type")}
          </label>
          <select id="f-type" name="type" defaultValue={query.type} className={select}>
            <option value="">{t("common.all")}</option>
            {itemTypes.map((v) => (
              <option key={v} value={v}>
                {types(v)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-lang" className="block font-semibold">
            {t("items.language")}
          </label>
          <select id="f-lang" name="lang" defaultValue={query.locale} className={select}>
            <option value="">{t("common.all")}</option>
            <option value="da">{languages("da")}</option>
            <option value="sv">{languages("sv")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="f-status" className="block font-semibold">
            {t("items.status")}
          </label>
          <select id="f-status" name="status" defaultValue={query.status} className={select}>
            <option value="">{t("common.all")}</option>
            {(["draft", "scheduled", "published", "archived"] as const).map((v) => (
              <option key={v} value={v}>
                {t(`status.${v}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-topic" className="block font-semibold">
            {t("items.topic")}
          </label>
          <select id="f-topic" name="topic" defaultValue={query.topic} className={select}>
            <option value="">{t("common.all")}</option>
            {topics.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-review" className="block font-semibold">
            {t("review.filter")}
          </label>
          <select id="f-review" name="review" defaultValue={query.review} className={select}>
            <option value="">{t("common.all")}</option>
            {reviewFilters.map((v) => (
              <option key={v} value={v}>
                {t(`review.filters.${v}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-sort" className="block font-semibold">
            {t("items.sort")}
          </label>
          <select id="f-sort" name="sort" defaultValue={query.sort} className={select}>
            <option value="updated">{t("items.sortUpdated")}</option>
            <option value="title">{t("items.sortTitle")}</option>
            <option value="published">{t("items.sortPublished")}</option>
          </select>
        </div>
        <button type="submit" className="rounded border-2 border-ink px-3 py-1">
          {t("common.filter")}
        </button>
      </form>
      {one(sp.deleted) && (
        <p role="status" className="mb-4 border-l-4 border-success pl-3 font-semibold" data-testid="deleted">
          {t("deleteItem.deleted", { title: one(sp.deleted) })}
        </p>
      )}
      <p className="mb-2" role="status">
        {t("items.count", { count: rows.length })}
      </p>
      <table className="w-full border-collapse text-left">
        <thead>
          <tr className="border-b-2 border-ink">
            <th scope="col" className="py-1 pr-3">
              {t("items.columnTitle")}
            </th>
            <th scope="col" className="py-1 pr-3">
              {t("items.columnType")}
            </th>
            <th scope="col" className="py-1 pr-3">
              {t("items.columnLanguage")}
            </th>
            <th scope="col" className="py-1 pr-3">
              {t("items.columnStatus")}
            </th>
            <th scope="col" className="py-1 pr-3">
              {t("items.columnUpdated")}
            </th>
            <th scope="col" className="py-1 pr-3">
              {t("review.owner")}
            </th>
            <th scope="col" className="py-1 pr-3">
              {t("review.reviewBy")}
            </th>
            <th scope="col" className="py-1 text-right">
              <abbr title={plain("lixLong")}>{plain("lix")}</abbr>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-line">
              <td className="py-1 pr-3">
                <NextLink href={adminPath(locale, `items/${row.id}`)} prefetch={false}>
                  {row.title}
                </NextLink>
              </td>
              <td className="py-1 pr-3">{types(row.type)}</td>
              <td className="py-1 pr-3">{row.locale}</td>
              <td className="py-1 pr-3">
                {t(`status.${row.status}`)}
                {row.status === "scheduled" && row.publishedAt && (
                  <> ({t("items.scheduledFor", { date: date.format(row.publishedAt) })})</>
                )}
              </td>
              <td className="py-1 pr-3">{date.format(row.updatedAt)}</td>
              <td className="py-1 pr-3">{row.owner ?? <span className="text-muted">{t("review.unowned")}</span>}</td>
              <td className="py-1 pr-3" data-review-state={row.review?.state}>
                {row.review && (
                  <>
                    {day.format(row.review.dueAt)}
                    {row.review.state !== "ok" && (
                      <strong
                        className={`ml-2 rounded border px-1 text-sm ${row.review.state === "overdue" ? "border-error text-error" : "border-warning text-warning"}`}
                      >
                        {t(`review.state.${row.review.state}`)}
                      </strong>
                    )}
                  </>
                )}
              </td>
              <td className="py-1 text-right tabular-nums" title={plain(`bands.${lixBand(row.lix)}`)}>
                {row.lix.toLocaleString(locale === "sv" ? "sv-SE" : "da-DK")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
