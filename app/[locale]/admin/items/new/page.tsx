import { getTranslations } from "next-intl/server";
import { requireStaff } from "@/lib/auth/guard";
import { adminLocale } from "@/lib/admin/paths";
import { emptyItemValues } from "@/lib/admin/item-form";
import { ItemEditor } from "@/components/admin/item-editor";
import { PlainLanguage } from "@/components/admin/plain-language";
import { editorText } from "@/components/admin/editor-text";
import { editorChoices } from "@/lib/data/admin";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }> };

// A new item: starts as a draft in the interface language
export default async function NewItemPage({ params }: Props) {
  const locale = adminLocale((await params).locale);
  await requireStaff(locale);
  const t = await getTranslations({ locale, namespace: "Admin.editor" });
  const values = { ...emptyItemValues(), locale };
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{t("newTitle")}</h1>
      <ItemEditor
        uiLocale={locale}
        initial={{
          attempt: 0,
          id: null,
          version: 0,
          values,
          errors: {},
          formError: null,
          notice: null,
          conflict: null,
        }}
        initialPreview=""
        status={null}
        choices={await editorChoices(locale)}
        text={await editorText(locale)}
      />
      <PlainLanguage uiLocale={locale} itemLocale={locale} text={""} />
    </>
  );
}
