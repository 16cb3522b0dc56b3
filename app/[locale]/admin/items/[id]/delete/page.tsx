import NextLink from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { failureParam } from "@/lib/admin/failure";
import { SubmitButton } from "@/components/admin/submit-button";
import { ActionForm } from "@/components/admin/action-form";
import { getEditableItem } from "@/lib/data/admin";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Confirm deleting an item (admins): a plain form, so it works without JavaScript
export default async function DeleteItemPage({ params, searchParams }: Props) {
  const { locale: raw, id } = await params;
  const locale = adminLocale(raw);
  await requireStaff(locale, "admin");
  const item = await getEditableItem(id);
  if (!item) notFound();
  const t = await getTranslations({ locale, namespace: "Admin" });
  const sp = await searchParams;
  const failed = failureParam(sp.failed);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("deleteItem.title", { title: item.values.title })}</h1>
      {(failed || sp.stale) && (
        <p role="alert" className="mb-4 border-l-4 border-error pl-3 font-semibold" data-testid="delete-problem">
          {failed ? t(`failures.${failed}`) : t("deleteItem.stale")}
        </p>
      )}
      <p className="mb-4 max-w-prose">{t("deleteItem.body")}</p>
      <p className="mb-4 font-mono text-sm">
        {item.values.locale}/{item.values.type}/{item.values.slug}
      </p>
      <ActionForm
        action="deleteItem"
        permalink={adminPath(locale, `items/${item.id}/delete`)}
        className="flex flex-wrap items-center gap-4"
      >
        <input type="hidden" name="uiLocale" value={locale} />
        <input type="hidden" name="itemId" value={item.id} />
        <input type="hidden" name="version" value={item.version} />
        <SubmitButton className="rounded border-2 border-error px-3 py-1 font-semibold text-error">
          {t("deleteItem.confirm")}
        </SubmitButton>
        <NextLink href={adminPath(locale, `items/${item.id}`)} prefetch={false}>
          {t("deleteItem.cancel")}
        </NextLink>
      </ActionForm>
    </>
  );
}
