"use server";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { AccessDenied, staffAction } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/roles";
import { isRecordKind, recordKinds, saveRecord, tagsOf } from "@/lib/admin/records";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { revalidatePublicPages } from "@/lib/cache/revalidate";

// Save a glossary term, adviser (editors), topic, organisation or place (admins)
export const saveRecordAction = staffAction("editor", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  const kind = String(form.get("kind") ?? "");
  if (!isRecordKind(kind)) throw new AccessDenied("role");
  // The kind decides the role: topics, organisations and places are for admins.
  if (!roleAllows(staff.role, recordKinds[kind].role)) throw new AccessDenied("role");
  const values: Record<string, string> = {};
  for (const field of recordKinds[kind].fields) values[field.name] = String(form.get(field.name) ?? "");
  const outcome = await saveRecord(db(), staff, kind, {
    id: String(form.get("id") ?? "") || null,
    slug: String(form.get("slug") ?? ""),
    values,
  });
  if (outcome.status === "saved") {
    await revalidatePublicPages(tagsOf(kind));
    redirect(adminPath(locale, `${kind}?saved=${outcome.id}`));
  }
  redirect(adminPath(locale, `${kind}?invalid=${outcome.fields.join(",")}`));
});
