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

// Remove an attachment from an item, with its stored file
export const removeAttachmentAction = staffAction("editor", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  const attachmentId = z.uuid().parse(form.get("attachmentId"));
  const back = String(form.get("itemId") ?? "");
  let itemId: string | null;
  try {
    itemId = await removeAttachment(db(), staff, attachmentId);
    if (itemId) await revalidatePublicPages([cacheTags.catalogue]);
  } catch (error) {
    const failure = failureOf(error);
    redirect(adminPath(locale, z.uuid().safeParse(back).success ? `items/${back}?failed=${failure}` : "items"));
  }
  redirect(adminPath(locale, itemId ? `items/${itemId}` : "items"));
});

// Read an attachment's text again (after a failed extraction, or a file that was replaced), in the background
export const retryAttachmentTextAction = staffAction("editor", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  const attachmentId = z.uuid().parse(form.get("attachmentId"));
  const back = String(form.get("itemId") ?? "");
  let itemId: string | null;
  try {
    itemId = await retryAttachmentText(db(), staff, attachmentId);
  } catch (error) {
    const failure = failureOf(error);
    redirect(adminPath(locale, z.uuid().safeParse(back).success ? `items/${back}?failed=${failure}` : "items"));
  }
  if (itemId) void kickPdfText();
  redirect(adminPath(locale, itemId ? `items/${itemId}?upload=retried` : "items"));
});

// Give an attachment a new title; an empty one is refused with the reason
export const renameAttachmentAction = staffAction("editor", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  const attachmentId = z.uuid().parse(form.get("attachmentId"));
  const back = String(form.get("itemId") ?? "");
  const backPath = (query: string) =>
    adminPath(locale, z.uuid().safeParse(back).success ? `items/${back}?${query}` : "items");
  const title = z.string().trim().min(1).max(200).safeParse(form.get("title"));
  if (!title.success) redirect(backPath(`upload=titleMissing&attachment=${attachmentId}`));
  let itemId: string | null;
  try {
    itemId = await renameAttachment(db(), staff, attachmentId, title.data);
    if (itemId) await revalidatePublicPages([cacheTags.catalogue]);
  } catch (error) {
    redirect(backPath(`failed=${failureOf(error)}`));
  }
  redirect(adminPath(locale, itemId ? `items/${itemId}?upload=renamed` : "items"));
});
