"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { AccessDenied, auditRefusal, requestAddress, staffAction } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/roles";
import { deleteRecord, type DeleteOutcome } from "@/lib/admin/record-delete";
import { recordKinds, tagsOf } from "@/lib/admin/records";
import { isRecordKind } from "@/lib/admin/record-form";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { failureOf } from "@/lib/admin/failure";
import { revalidatePublicPages } from "@/lib/cache/revalidate";

const deleteForm = z.object({
  recordId: z.uuid(),
  version: z.coerce.number().int().min(1),
});

// Delete a topic, organisation or place (admins), an adviser or glossary term (editors), unless something uses it
export const deleteRecordAction = staffAction("editor", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  const kind = String(form.get("recordKind") ?? "");
  if (!isRecordKind(kind) || !roleAllows(staff.role, recordKinds[kind].role)) {
    await auditRefusal(staff, "role", `deleteRecord:${kind.slice(0, 40)}`);
    throw new AccessDenied("role");
  }
  const parsed = deleteForm.safeParse({ recordId: form.get("recordId"), version: form.get("version") });
  if (!parsed.success) redirect(adminPath(locale, kind));
  const { recordId, version } = parsed.data;
  const page = adminPath(locale, `${kind}/delete?record=${recordId}`);
  let outcome: DeleteOutcome;
  try {
    outcome = await deleteRecord(db(), staff, kind, recordId, version, await requestAddress());
  } catch (error) {
    redirect(`${page}&failed=${failureOf(error)}`);
  }
  if (outcome.status === "stale" || outcome.status === "inUse") redirect(`${page}&${outcome.status}=1`);
  if (outcome.status === "deleted") {
    try {
      await revalidatePublicPages(tagsOf(kind));
    } catch (error) {
      console.error("Could not expire the public pages after a delete:", error);
    }
  }
  redirect(
    adminPath(locale, `${kind}?deleted=${encodeURIComponent(outcome.status === "deleted" ? outcome.label : "")}`),
  );
});
