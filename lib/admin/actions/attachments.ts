"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { staffAction } from "@/lib/auth/guard";
import { removeAttachment, renameAttachment, retryAttachmentText } from "@/lib/admin/attachments";
import { kickPdfText } from "@/lib/pdf-text/worker";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { failureOf } from "@/lib/admin/failure";
import { revalidatePublicPages } from "@/lib/cache/revalidate";
import { cacheTags } from "@/lib/cache/tags";

// What every attachment form sends: the admin's language, the attachment, and the item whose editor it came from
function attachmentForm(form: FormData) {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  const attachmentId = z.uuid().parse(form.get("attachmentId"));
  const back = z.uuid().safeParse(form.get("itemId"));
  // The item's editor with a result to show, or the item list when the item is gone
  const editor = (itemId: string | null, query: string) =>
    adminPath(locale, itemId ? `items/${itemId}${query ? `?${query}` : ""}` : "items");
  const failed = (error: unknown) => editor(back.success ? back.data : null, `failed=${failureOf(error)}`);
  return { attachmentId, back: back.success ? back.data : null, editor, failed };
}

// Remove an attachment from an item, with its stored file
export const removeAttachmentAction = staffAction("editor", async (staff, form: FormData) => {
  const { attachmentId, editor, failed } = attachmentForm(form);
  let itemId: string | null;
  try {
    itemId = await removeAttachment(db(), staff, attachmentId);
    if (itemId) await revalidatePublicPages([cacheTags.catalogue]);
  } catch (error) {
    redirect(failed(error));
  }
  redirect(editor(itemId, ""));
});

// Read an attachment's text again (after a failed extraction, or a file that was replaced), in the background
export const retryAttachmentTextAction = staffAction("editor", async (staff, form: FormData) => {
  const { attachmentId, editor, failed } = attachmentForm(form);
  let itemId: string | null;
  try {
    itemId = await retryAttachmentText(db(), staff, attachmentId);
  } catch (error) {
    redirect(failed(error));
  }
  if (itemId) void kickPdfText();
  redirect(editor(itemId, "upload=retried"));
});

// Give an attachment a new title; an empty one is refused with the reason
export const renameAttachmentAction = staffAction("editor", async (staff, form: FormData) => {
  const { attachmentId, back, editor, failed } = attachmentForm(form);
  const title = z.string().trim().min(1).max(200).safeParse(form.get("title"));
  if (!title.success) redirect(editor(back, `upload=titleMissing&attachment=${attachmentId}`));
  let itemId: string | null;
  try {
    itemId = await renameAttachment(db(), staff, attachmentId, title.data);
    if (itemId) await revalidatePublicPages([cacheTags.catalogue]);
  } catch (error) {
    redirect(failed(error));
  }
  redirect(editor(itemId, "upload=renamed"));
});
