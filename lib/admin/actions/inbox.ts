"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { staffAction } from "@/lib/auth/guard";
import { changeMessageStatus, deleteMessage } from "@/lib/admin/inbox";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { failureOf } from "@/lib/admin/failure";

const statusSchema = z.object({ messageId: z.uuid(), status: z.enum(["new", "answered", "closed"]) });

// Mark a contact message new, answered or closed
export const setMessageStatusAction = staffAction("editor", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  const { messageId, status } = statusSchema.parse({ messageId: form.get("messageId"), status: form.get("status") });
  try {
    await changeMessageStatus(db(), staff, messageId, status);
  } catch (error) {
    redirect(adminPath(locale, `inbox?failed=${failureOf(error)}`));
  }
  redirect(adminPath(locale, "inbox"));
});

// Delete a contact message
export const deleteMessageAction = staffAction("editor", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  const messageId = z.uuid().parse(form.get("messageId"));
  try {
    await deleteMessage(db(), staff, messageId);
  } catch (error) {
    redirect(adminPath(locale, `inbox?failed=${failureOf(error)}`));
  }
  redirect(adminPath(locale, "inbox?deleted=1"));
});
