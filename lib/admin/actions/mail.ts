"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { staffAction } from "@/lib/auth/guard";
import { resendFailedMail } from "@/lib/admin/mail";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { kickOutbox } from "@/lib/contact/worker";

// Send a given-up e-mail again (admins only)
export const resendMailAction = staffAction("admin", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  const parsed = z.uuid().safeParse(form.get("mailId"));
  const resent = parsed.success && (await resendFailedMail(db(), staff, parsed.data));
  if (resent) void kickOutbox();
  redirect(adminPath(locale, `mail?${resent ? "resent" : "notResent"}=1`));
});
