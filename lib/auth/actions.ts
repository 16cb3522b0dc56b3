"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { db } from "@/lib/db";
import { clientAddress } from "@/lib/form-guard";
import { isLocale } from "@/lib/i18n/routing";
import { audit } from "@/lib/admin/audit";
import { sessionCookieName, sessionCookieOptions } from "./cookie";
import { staffAction } from "./guard";
import { attemptLogin } from "./login";
import { endSession } from "./sessions";

export type LoginState = { email: string; error: string | null };

const loginSchema = z.object({
  // No control characters (a NUL byte cannot even be sent to PostgreSQL): such an address is simply wrong.
  email: z
    .string()
    .trim()
    .min(1)
    .max(320)
    .regex(/^[^\p{Cc}]+$/u),
  password: z.string().min(1).max(1024),
  locale: z.string(),
});

// Log in with e-mail and password (the one admin action open to anonymous callers)
export async function login(_previous: LoginState, form: FormData): Promise<LoginState> {
  const raw = String(form.get("locale") ?? "");
  const locale = isLocale(raw) ? raw : "da";
  const t = await getTranslations({ locale, namespace: "Admin.login" });
  const parsed = loginSchema.safeParse({
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
    locale,
  });
  const email = String(form.get("email") ?? "").slice(0, 320);
  if (!parsed.success) return { email, error: t("invalid") };
  const store = await cookies();
  // A new session at every login: whatever session the browser had ends here.
  await endSession(db(), store.get(sessionCookieName)?.value);
  const outcome = await attemptLogin(db(), {
    email: parsed.data.email,
    password: parsed.data.password,
    clientAddress: clientAddress(await headers()),
  });
  switch (outcome.status) {
    case "invalid":
      return { email, error: t("invalid") };
    case "locked":
    case "throttled":
      return { email, error: t("locked", { minutes: outcome.minutes }) };
    case "ok":
      store.set(sessionCookieName, outcome.token, sessionCookieOptions(outcome.expiresAt));
      await audit(db(), { id: outcome.userId, email: parsed.data.email.toLowerCase() }, "login", "session", null);
      redirect(`/${locale}/admin`);
  }
}

// Log out: the session ends in the database and the cookie is removed
export const logout = staffAction("editor", async (_staff, form: FormData) => {
  const raw = String(form.get("locale") ?? "");
  const store = await cookies();
  await endSession(db(), store.get(sessionCookieName)?.value);
  store.delete(sessionCookieName);
  redirect(`/${isLocale(raw) ? raw : "da"}/admin/login`);
});
