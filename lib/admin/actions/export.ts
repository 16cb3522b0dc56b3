"use server";
import path from "node:path";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { requestAddress, requireFresh, staffAction } from "@/lib/auth/guard";
import { exportCatalogue } from "@/lib/content/export";
import { audit } from "@/lib/admin/audit";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { failureOf } from "@/lib/admin/failure";
import { setting } from "@/lib/env";

// Write the catalogue back to content/ (admins, after re-authentication)
export const exportContentAction = staffAction("admin", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  requireFresh(staff, locale, "export");
  const dir = path.resolve(setting("CONTENT_DIR"));
  let report: Awaited<ReturnType<typeof exportCatalogue>>;
  try {
    report = await exportCatalogue(db(), dir);
    await audit(db(), staff, "content.export", "content", null, report, await requestAddress());
  } catch (error) {
    redirect(adminPath(locale, `export?failed=${failureOf(error)}`));
  }
  redirect(adminPath(locale, `export?written=${report.written.length}&removed=${report.removed.length}`));
});
