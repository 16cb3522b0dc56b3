"use server";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { db } from "@/lib/db";
import { requestAddress, requireFresh, staffAction } from "@/lib/auth/guard";
import { endSessionsOf } from "@/lib/auth/sessions";
import { createStaff, resetStaffPassword, setStaffActive } from "@/lib/auth/staff";
import { resetTotp } from "@/lib/auth/totp";
import { audit } from "@/lib/admin/audit";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { failureOf } from "@/lib/admin/failure";

export type StaffFormState = { error: string | null; values: { email: string; name: string; role: string } };

const newStaffSchema = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(100),
  role: z.enum(["admin", "editor"]),
  password: z.string().max(1024),
  adviserId: z.union([z.literal(""), z.uuid()]),
});

const problemKey = { tooShort: "passwordTooShort", tooLong: "passwordTooLong", common: "passwordCommon" } as const;

// Create a staff account (admins, after re-authentication); the owner must change the password at first login
export const createStaffAction = staffAction(
  "admin",
  async (staff, _previous: StaffFormState, form: FormData): Promise<StaffFormState> => {
    const locale = adminLocale(String(form.get("uiLocale") ?? ""));
    requireFresh(staff, locale, "staff");
    const t = await getTranslations({ locale, namespace: "Admin" });
    const values = {
      email: String(form.get("email") ?? "").slice(0, 320),
      name: String(form.get("name") ?? "").slice(0, 100),
      role: String(form.get("role") ?? "editor"),
    };
    const parsed = newStaffSchema.safeParse({
      ...values,
      password: form.get("password") ?? "",
      adviserId: form.get("adviserId") ?? "",
    });
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? "email");
      return {
        values,
        error: t(field === "email" ? "errors.email" : "errors.invalid", {
          field: t(`staff.${field}` as "staff.email"),
        }),
      };
    }
    try {
      const outcome = await createStaff(db(), {
        ...parsed.data,
        adviserId: parsed.data.adviserId || null,
        mustChangePassword: true,
      });
      if (outcome.status === "exists") return { values, error: t("errors.exists") };
      if (outcome.status === "badPassword") return { values, error: t(`errors.${problemKey[outcome.problem]}`) };
      await audit(
        db(),
        staff,
        "staff.create",
        "staff",
        outcome.id,
        { email: parsed.data.email, role: parsed.data.role },
        await requestAddress(),
      );
    } catch (error) {
      // What was typed comes back with what went wrong (the password is never sent back).
      return { values, error: t(`failures.${failureOf(error)}`) };
    }
    redirect(adminPath(locale, "staff?created=1"));
  },
);

// Deactivate or reactivate an account (admins, after re-authentication; never one's own)
export const setStaffActiveAction = staffAction("admin", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  requireFresh(staff, locale, "staff");
  const id = z.uuid().parse(form.get("userId"));
  const active = form.get("active") === "true";
  if (id !== staff.id) {
    try {
      await setStaffActive(db(), id, active);
      await audit(
        db(),
        staff,
        active ? "staff.activate" : "staff.deactivate",
        "staff",
        id,
        undefined,
        await requestAddress(),
      );
    } catch (error) {
      redirect(adminPath(locale, `staff?failed=${failureOf(error)}`));
    }
  }
  redirect(adminPath(locale, "staff"));
});

// Set a new password for an account (admins, after re-authentication); its sessions end and the owner
// must choose a new one at the next login
export const resetStaffPasswordAction = staffAction("admin", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  requireFresh(staff, locale, "staff");
  const id = z.uuid().parse(form.get("userId"));
  let problem: Awaited<ReturnType<typeof resetStaffPassword>>;
  try {
    problem = await resetStaffPassword(db(), id, String(form.get("password") ?? "").slice(0, 1024));
    if (!problem) await audit(db(), staff, "staff.resetPassword", "staff", id, undefined, await requestAddress());
  } catch (error) {
    redirect(adminPath(locale, `staff?failed=${failureOf(error)}`));
  }
  if (problem) redirect(adminPath(locale, `staff?problem=${problem}`));
  redirect(adminPath(locale, "staff?reset=1"));
});

// Remove another account's second factor (admins, after re-authentication): its sessions end and the
// owner enrols again at the next login
export const resetSecondFactorAction = staffAction("admin", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  requireFresh(staff, locale, "staff");
  const id = z.uuid().parse(form.get("userId"));
  if (id !== staff.id) {
    await resetTotp(db(), id);
    await endSessionsOf(db(), id);
    await audit(db(), staff, "totp.reset", "staff", id, undefined, await requestAddress());
  }
  redirect(adminPath(locale, "staff?factorReset=1"));
});
