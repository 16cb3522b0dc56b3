import NextLink from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { renderMarkdown } from "@/lib/markdown";
import type { ItemType } from "@/lib/content/schema";
import type { Locale } from "@/lib/i18n/routing";
import { itemPath } from "@/lib/seo/urls";
import { ItemEditor } from "@/components/admin/item-editor";
import { PlainLanguage } from "@/components/admin/plain-language";
import { editorText } from "@/components/admin/editor-text";
import { AttachmentPanel } from "@/components/admin/attachment-panel";
import { ReviewPanel } from "@/components/admin/review-panel";
import { editorChoices, getEditableItem, ownerChoices, reviewInfo } from "@/lib/data/admin";

export const dynamic = "force-dynamic";

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

type Props = {
  params: Promise<{ locale: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Edit one item
export default async function EditItemPage({ params, searchParams }: Props) {
  const { locale: raw, id } = await params;
  const locale = adminLocale(raw);
  const staff = await requireStaff(locale);
  const item = await getEditableItem(id);
  if (!item) notFound();
  const t = await getTranslations({ locale, namespace: "Admin" });
  const sp = await searchParams;
  const [review, owners] = await Promise.all([reviewInfo(item.id), ownerChoices()]);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-bold">{t("editor.editTitle", { title: item.values.title })}</h1>
        <span className="flex gap-4">
          {item.status === "published" && (
            // The public page in the item's own language, as readers see it (new text shows once saved)
            <a
              href={itemPath(
                { type: item.values.type as ItemType, slug: item.values.slug },
                item.values.locale as Locale,
              )}
              data-testid="view-on-site"
            >
              {t("editor.viewPublic")}
            </a>
          )}
          <NextLink href={adminPath(locale, `items/${item.id}/history`)} prefetch={false}>
            {t("editor.history")}
          </NextLink>
          <NextLink href={adminPath(locale, `items/${item.id}/links`)} prefetch={false}>
            {t("links.itemLink")}
          </NextLink>
          {staff.role === "admin" && (
            <NextLink href={adminPath(locale, `items/${item.id}/delete`)} prefetch={false} data-testid="delete-item">
              {t("editor.delete")}
            </NextLink>
          )}
        </span>
      </div>
      <ItemEditor
        uiLocale={locale}
        initial={{
          attempt: 0,
          id: item.id,
          version: item.version,
          values: item.values,
          errors: {},
          formError: null,
          notice: null,
          conflict: null,
        }}
        initialPreview={(await renderMarkdown(item.values.body)).html}
        status={t("editor.currentStatus", { status: t(`status.${item.status}`) })}
        choices={await editorChoices(locale)}
        text={await editorText(locale)}
      />
      <PlainLanguage uiLocale={locale} itemLocale={item.values.locale} text={item.values.body} />
      <AttachmentPanel
        locale={locale}
        itemId={item.id}
        attachments={item.attachments}
        result={String(sp.upload ?? sp.failed ?? "")}
        typedTitle={String(sp.uploadTitle ?? sp.title ?? "")}
        attachmentId={one(sp.attachment)}
      />
      {review && (
        <ReviewPanel
          locale={locale}
          type={item.values.type as ItemType}
          review={review}
          owners={owners}
          result={{ reviewed: one(sp.reviewed), owner: one(sp.owner), failed: one(sp.reviewFailed) }}
        />
      )}
    </>
  );
}
