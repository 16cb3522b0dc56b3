import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";
import { maxUploadBytes } from "@/lib/admin/attachments";
import { adminPath } from "@/lib/admin/paths";
import type { AttachmentRow } from "@/lib/admin/item-queries";
import { textFailureReasons } from "@/lib/pdf-text/extract";
import { ActionForm } from "./action-form";
import { SubmitButton } from "./submit-button";

const results = [
  "stored",
  "retried",
  "renamed",
  "titleMissing",
  "notPdf",
  "tooLarge",
  "missing",
  "failed",
  "database",
  "reference",
  "taken",
] as const;
const done = new Set<string>(["stored", "retried", "renamed"]);

// A one-button form about one attachment of an item (it comes back to the item's editor)
function AttachmentForm(props: {
  action: "renameAttachment" | "removeAttachment" | "retryAttachmentText";
  locale: Locale;
  itemId: string;
  attachmentId: string;
  children: ReactNode;
}) {
  return (
    <ActionForm action={props.action} permalink={adminPath(props.locale, `items/${props.itemId}`)}>
      <input type="hidden" name="uiLocale" value={props.locale} />
      <input type="hidden" name="attachmentId" value={props.attachmentId} />
      <input type="hidden" name="itemId" value={props.itemId} />
      {props.children}
    </ActionForm>
  );
}

// An item's attachments: the list with remove buttons, and the PDF upload form (a plain multipart post)
export async function AttachmentPanel({
  locale,
  itemId,
  attachments,
  result,
  typedTitle = "",
  attachmentId,
}: {
  locale: Locale;
  itemId: string;
  attachments: AttachmentRow[];
  result?: string;
  /** The title typed before a refused upload, sent back to the form. */
  typedTitle?: string;
  /** The attachment a refused title change was for */
  attachmentId?: string;
}) {
  const t = await getTranslations({ locale, namespace: "Admin.editor" });
  const failures = await getTranslations({ locale, namespace: "Admin.failures" });
  const known = results.find((r) => r === result);
  const limitMb = Math.round(maxUploadBytes / (1024 * 1024));
  const messages = {
    stored: t("uploaded"),
    retried: t("retried"),
    renamed: t("attachmentRenamed"),
    titleMissing: t("attachmentTitleMissing"),
    notPdf: t("uploadNotPdf"),
    tooLarge: t("uploadTooLarge", { mb: limitMb }),
    missing: t("uploadMissing"),
    failed: t("uploadFailed"),
    database: failures("database"),
    reference: failures("reference"),
    taken: failures("taken"),
  };

  const reasonText = (reason: string | null) => {
    const known = textFailureReasons.find((r) => r === reason) ?? "broken";
    return t(`textReasons.${known}`);
  };

  const size = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "da-DK", {
    style: "unit",
    unit: "megabyte",
    maximumFractionDigits: 1,
  });
  return (
    <section aria-labelledby="attachments-heading" className="mt-8 border-t border-line pt-4">
      <h2 id="attachments-heading" className="mb-2 text-xl font-bold">
        {t("attachments")}
      </h2>
      {known && (
        <p
          role={done.has(known) ? "status" : "alert"}
          data-testid="upload-result"
          className={`mb-3 font-semibold ${done.has(known) ? "" : "text-error"}`}
        >
          {messages[known]}
        </p>
      )}
      <ul className="mb-4">
        {attachments.map((a) => (
          <li key={a.id} className="mb-2" data-testid="attachment" data-text-status={a.textStatus}>
            <div className="flex flex-wrap items-center gap-3">
              <span>
                {a.title} ({a.fileName}, {size.format(a.sizeBytes / 1_000_000)})
              </span>
              <AttachmentForm action="renameAttachment" locale={locale} itemId={itemId} attachmentId={a.id}>
                <span className="flex flex-wrap items-center gap-2">
                  <label htmlFor={`attachment-title-${a.id}`} className="text-sm">
                    {t("attachmentTitle", { file: a.fileName })}
                  </label>
                  <input
                    id={`attachment-title-${a.id}`}
                    name="title"
                    defaultValue={a.title}
                    maxLength={200}
                    aria-invalid={known === "titleMissing" && attachmentId === a.id ? true : undefined}
                    className="rounded border-2 border-ink px-2 py-0.5"
                  />
                  <SubmitButton className="underline">{t("attachmentRename")}</SubmitButton>
                </span>
              </AttachmentForm>
              <AttachmentForm action="removeAttachment" locale={locale} itemId={itemId} attachmentId={a.id}>
                <SubmitButton className="underline">{t("removeAttachment")}</SubmitButton>
              </AttachmentForm>
            </div>
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <p data-testid="attachment-text" className={a.textStatus === "failed" ? "font-semibold text-error" : ""}>
                {a.textStatus === "pending"
                  ? t("textPending")
                  : a.textStatus === "done"
                    ? t("textDone", { pages: a.textPages ?? 0 })
                    : t("textFailed", { reason: reasonText(a.textReason) })}
              </p>
              {a.textStatus === "failed" && (
                <AttachmentForm action="retryAttachmentText" locale={locale} itemId={itemId} attachmentId={a.id}>
                  <SubmitButton className="underline">{t("retryText")}</SubmitButton>
                </AttachmentForm>
              )}
            </div>
          </li>
        ))}
      </ul>
      <form
        method="post"
        action={`/api/admin/attachments?${new URLSearchParams({ itemId, uiLocale: locale })}`}
        encType="multipart/form-data"
        className="space-y-2"
      >
        <div>
          <label htmlFor="upload-title" className="block font-semibold">
            {t("uploadTitle")}
          </label>
          <input
            id="upload-title"
            name="title"
            defaultValue={known && !done.has(known) ? typedTitle.slice(0, 200) : ""}
            className="block rounded border-2 border-ink px-2 py-1"
          />
        </div>
        <div>
          <label htmlFor="upload-file" className="block font-semibold">
            {t("uploadFile", { mb: limitMb })}
          </label>
          <input id="upload-file" name="file" type="file" accept="application/pdf,.pdf" />
        </div>
        <button type="submit" className="rounded border-2 border-ink px-3 py-1">
          {t("uploadSubmit")}
        </button>
      </form>
    </section>
  );
}
