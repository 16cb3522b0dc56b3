"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { staffAction } from "@/lib/auth/guard";
import { removeAttachment } from "@/lib/admin/files";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { revalidatePublicPages } from "@/lib/cache/revalidate";
import { cacheTags } from "@/lib/cache/tags";

// Remove an attachment from an item, with its stored file
export const removeAttachmentAction = staffAction("editor", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  const itemId = await removeAttachment(db(), staff, z.uuid().parse(form.get("attachmentId")));
  if (itemId) await revalidatePublicPages([cacheTags.catalogue]);
  redirect(adminPath(locale, itemId ? `items/${itemId}` : "items"));
});
