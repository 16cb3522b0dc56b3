"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { db } from "@/lib/db";
import { isLocale } from "@/lib/i18n/routing";
import { audit } from "@/lib/admin/audit";
import { adminPath } from "@/lib/admin/paths";
import { sessionCookieName, sessionCookieOptions } from "./cookie";
import { deviceCookieName, deviceCookieOptions, newDeviceToken } from "./device";
import { requestAddress, staffAction } from "./guard";
import { attemptLogin, secondFactorKey, secondFactorLimit } from "./login";
import { proveAgain, reauthKey } from "./reauth";
import { completeSession, endSession, markAuthenticated, pendingForToken, staffForToken } from "./sessions";
import { changeOwnPassword } from "./staff";
import { clearThrottle, takeWindowed } from "./throttle";
import { checkSecondFactor, confirmTotp } from "./totp";

export type LoginState = { email: string; error: string | null };
/** The state of the smaller staff forms: an error, or the recovery codes to show once */
export type AuthFormState = { error: string | null; codes?: string[] };

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
const codeSchema = z.string().trim().min(6).max(40);
const localeOf = (form: FormData) => {
  const raw = String(form.get("locale") ?? "");
  return isLocale(raw) ? raw : "da";
};

// Where to go after re-authentication: an admin page of this site, otherwise the dashboard
function safeReturn(locale: string, raw: unknown): string {
  const next = typeof raw === "string" ? raw : "";
  return /^\/(da|sv)\/admin(\/[A-Za-z0-9_\-/]*)?(\?[A-Za-z0-9_\-=&%.]*)?$/.test(next) && !next.includes("//")
    ? next
    : adminPath(locale);
}

// Give the browser a device cookie bound to the account's current password (lib/auth/device.ts)
async function rememberBrowser(email: string) {
  const user = await db().staffUser.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { passwordHash: true },
  });
  if (user) (await cookies()).set(deviceCookieName, newDeviceToken(email, user.passwordHash), deviceCookieOptions());
}

// Log in with e-mail and password (the one admin action open to anonymous callers); accounts with a
// second factor go on to its page, accounts that must have one and do not go to its enrolment
export async function login(_previous: LoginState, form: FormData): Promise<LoginState> {
  const locale = localeOf(form);
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
    clientAddress: await requestAddress(),
    deviceToken: store.get(deviceCookieName)?.value,
  });
  switch (outcome.status) {
    case "invalid":
      return { email, error: t("invalid") };
    case "throttled":
      return { email, error: t("locked", { minutes: outcome.minutes }) };
    case "ok":
      store.set(sessionCookieName, outcome.token, sessionCookieOptions(outcome.expiresAt));
      if (outcome.next === "admin") await rememberBrowser(parsed.data.email);
      redirect(adminPath(locale, outcome.next === "admin" ? "" : `login/${outcome.next}`));
  }
}

// The second step of a login: a code from the authenticator or a recovery code
export async function verifySecondFactor(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const locale = localeOf(form);
  const store = await cookies();
  const token = store.get(sessionCookieName)?.value;
  const pending = await pendingForToken(db(), token);
  if (!pending || !pending.secondFactor) redirect(adminPath(locale, "login"));
  const t = await getTranslations({ locale, namespace: "Admin.secondFactor" });
  const address = await requestAddress();
  const actor = { id: pending.userId, email: pending.email };
  const code = codeSchema.safeParse(form.get("code") ?? "");
  if (!code.success) return { error: t("invalid") };
  const taken = await takeWindowed(
    db(),
    secondFactorKey(pending.userId),
    secondFactorLimit.failures,
    secondFactorLimit.minutes,
  );
  if (!taken.allowed) {
    await audit(db(), actor, "totp.throttled", "session", null, undefined, address);
    await endSession(db(), token);
    return { error: t("locked", { minutes: taken.retryMinutes }) };
  }
  const used = await checkSecondFactor(db(), pending.userId, code.data);
  if (!used) {
    await audit(db(), actor, "totp.failed", "session", null, undefined, address);
    return { error: t("invalid") };
  }
  await clearThrottle(db(), [secondFactorKey(pending.userId)]);
  const session = await completeSession(db(), pending.sessionId);
  store.set(sessionCookieName, session.token, sessionCookieOptions(session.expiresAt));
  await rememberBrowser(pending.email);
  await audit(db(), actor, used === "recovery" ? "login.recoveryCode" : "login", "session", null, undefined, address);
  redirect(adminPath(locale));
}

// Enable the second factor with a first code: for a login that must enrol, or for a logged-in member
// who chooses to; answers with the recovery codes, shown this once
export async function confirmEnrolment(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const locale = localeOf(form);
  const store = await cookies();
  const token = store.get(sessionCookieName)?.value;
  const pending = await pendingForToken(db(), token);
  const staff = pending ? null : await staffForToken(db(), token);
  const actor = pending ? { id: pending.userId, email: pending.email } : staff;
  if (!actor || (pending && pending.secondFactor)) redirect(adminPath(locale, "login"));
  const t = await getTranslations({ locale, namespace: "Admin.enrol" });
  const address = await requestAddress();
  const code = codeSchema.safeParse(form.get("code") ?? "");
  if (!code.success) return { error: t("invalid") };
  const taken = await takeWindowed(
    db(),
    secondFactorKey(actor.id),
    secondFactorLimit.failures,
    secondFactorLimit.minutes,
  );
  if (!taken.allowed) return { error: t("locked", { minutes: taken.retryMinutes }) };
  const codes = await confirmTotp(db(), actor.id, code.data);
  if (!codes) {
    await audit(db(), actor, "totp.enrolFailed", "staff", actor.id, undefined, address);
    return { error: t("invalid") };
  }
  await clearThrottle(db(), [secondFactorKey(actor.id)]);
  if (pending) {
    const session = await completeSession(db(), pending.sessionId);
    store.set(sessionCookieName, session.token, sessionCookieOptions(session.expiresAt));
    await rememberBrowser(pending.email);
  } else await markAuthenticated(db(), token);
  await audit(db(), actor, "totp.enrol", "staff", actor.id, undefined, address);
  return { error: null, codes };
}

// Prove password (and second factor) again before a sensitive action; returns to where the member was
export const reauthenticate = staffAction(
  "editor",
  async (staff, _previous: AuthFormState, form: FormData): Promise<AuthFormState> => {
    const locale = localeOf(form);
    const t = await getTranslations({ locale, namespace: "Admin.reauth" });
    const token = (await cookies()).get(sessionCookieName)?.value;
    const outcome = await proveAgain(db(), staff, {
      password: String(form.get("password") ?? ""),
      code: String(form.get("code") ?? ""),
      token,
      clientAddress: await requestAddress(),
    });
    if (outcome === "throttled") {
      // Whoever holds this session keeps guessing: it ends.
      await endSession(db(), token);
      redirect(adminPath(locale, "login"));
    }
    if (outcome === "invalid") return { error: t("invalid") };
    redirect(safeReturn(locale, form.get("next")));
  },
);

// Change one's own password: the current one is required, the new one is checked as every password
export const changePasswordAction = staffAction(
  "editor",
  async (staff, _previous: AuthFormState, form: FormData): Promise<AuthFormState> => {
    const locale = localeOf(form);
    const t = await getTranslations({ locale, namespace: "Admin" });
    const store = await cookies();
    const address = await requestAddress();
    const taken = await takeWindowed(db(), reauthKey(staff.id), secondFactorLimit.failures, secondFactorLimit.minutes);
    if (!taken.allowed) {
      await audit(db(), staff, "password.throttled", "staff", staff.id, undefined, address);
      await endSession(db(), store.get(sessionCookieName)?.value);
      redirect(adminPath(locale, "login"));
    }
    const outcome = await changeOwnPassword(db(), staff.id, {
      current: String(form.get("current") ?? "").slice(0, 1024),
      next: String(form.get("password") ?? "").slice(0, 1024),
      keepToken: store.get(sessionCookieName)?.value,
    });
    if (outcome === "wrongCurrent") {
      await audit(db(), staff, "password.changeFailed", "staff", staff.id, undefined, address);
      return { error: t("password.wrongCurrent") };
    }
    if (outcome === "same") return { error: t("password.same") };
    if (outcome !== "changed") return { error: t(`errors.${problemKey[outcome]}`) };
    await clearThrottle(db(), [reauthKey(staff.id)]);
    await audit(db(), staff, "password.change", "staff", staff.id, undefined, address);
    redirect(adminPath(locale, "password?changed=1"));
  },
  undefined,
  { passwordChange: true },
);

const problemKey = { tooShort: "passwordTooShort", tooLong: "passwordTooLong", common: "passwordCommon" } as const;

// Log out: the session ends in the database and the cookie is removed
export const logout = staffAction(
  "editor",
  async (_staff, form: FormData) => {
    const store = await cookies();
    await endSession(db(), store.get(sessionCookieName)?.value);
    store.delete(sessionCookieName);
    redirect(adminPath(localeOf(form), "login"));
  },
  undefined,
  { passwordChange: true },
);
