import NextLink from "next/link";
import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { itemCounts } from "@/lib/admin/items";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }> };

// The admin's start page: how much is in draft, scheduled and published
export default async function AdminHome({ params }: Props) {
  const locale = adminLocale((await params).locale);
  await requireStaff(locale);
  const t = await getTranslations({ locale, namespace: "Admin" });
  const counts = await itemCounts(db());
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("dashboard.title")}</h1>
      <ul className="flex flex-wrap gap-4">
        {(["draft", "scheduled", "published"] as const).map((status) => (
          <li key={status} className="rounded border border-[var(--color-line)] p-4">
            <NextLink href={`${adminPath(locale, "items")}?status=${status}`} prefetch={false}>
              <span className="block text-3xl font-bold">{counts[status]}</span>
              {t(`dashboard.${status === "draft" ? "drafts" : status}`)}
            </NextLink>
          </li>
        ))}
      </ul>
    </>
  );
}
