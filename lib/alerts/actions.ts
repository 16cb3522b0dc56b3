"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { getPathname } from "@/lib/i18n/navigation";
import { clientAddress } from "@/lib/form-guard";
import { logger } from "@/lib/server/log";
import { confirmAlert, endAlertsOf, subscribeAlert } from "./store";
import { readManageToken } from "./tokens";
import { alertValues, type AlertFormState } from "./schema";

function localeOf(form: FormData): Locale {
  const raw = String(form.get("locale") ?? "");
  return isLocale(raw) ? raw : "da";
}

// Sign up for an alert on a list's page: with or without JavaScript, the form shows the outcome or the errors with
// what was typed
export async function subscribeAlertAction(previous: AlertFormState, form: FormData): Promise<AlertFormState> {
  const locale = localeOf(form);
  const t = await getTranslations({ locale, namespace: "Forms" });
  const next = (patch: Partial<AlertFormState>): AlertFormState => ({
    attempt: previous.attempt + 1,
    values: { ...alertValues(form), key: String(form.get("key") ?? "").slice(0, 64) },
    errors: {},
    formError: null,
    done: false,
    ...patch,
  });
  try {
    const { outcome } = await subscribeAlert(db(), form, { locale, clientAddress: clientAddress(await headers()) });
    switch (outcome.status) {
      case "queued":
        return next({ done: true });
      case "invalid":
        return next({ errors: outcome.errors });
      case "tooFast":
        return next({ formError: t("tooFast") });
      case "rateLimited":
        return next({
          formError: t("rateLimited", { minutes: Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60)) }),
        });
      case "discarded":
        return next({ formError: t("discarded") });
    }
  } catch (error) {
    logger.error({ msg: "alert sign-up failed", error: error instanceof Error ? error.message : String(error) });
    return next({ formError: t("unavailable") });
  }
}

// The confirm button: only this POST confirms (a mail scanner following the link in the mail confirms nothing)
export async function confirmAlertAction(form: FormData): Promise<void> {
  const locale = localeOf(form);
  const token = String(form.get("token") ?? "").slice(0, 200);
  const outcome = await confirmAlert(db(), token);
  const path = getPathname({ locale, href: "/alerts/confirm" });
  redirect(outcome.status === "valid" ? `${path}?done=1` : `${path}?token=${encodeURIComponent(token)}`);
}

// End one alert (alert set) or every alert of the address named by the manage link's signed token
export async function endAlertsAction(form: FormData): Promise<void> {
  const locale = localeOf(form);
  const token = String(form.get("token") ?? "").slice(0, 600);
  const email = readManageToken(token);
  const path = `${getPathname({ locale, href: "/alerts/manage" })}?token=${encodeURIComponent(token)}`;
  if (!email) redirect(path);
  const alert = String(form.get("alert") ?? "");
  const id = /^[0-9a-f-]{36}$/.test(alert) ? alert : undefined;
  if (alert && !id) redirect(path);
  const ended = await endAlertsOf(db(), email, id);
  redirect(`${path}&ended=${ended}`);
}
