"use server";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { getPathname } from "@/lib/i18n/navigation";
import { answerGuardedForm, formLocale } from "@/lib/forms/guarded-answer";
import { confirmAlert, endAlertsOf, subscribeAlert } from "./store";
import { readManageToken } from "./tokens";
import { alertValues, type AlertFormState } from "./schema";

// Sign up for an alert on a list's page: with or without JavaScript, the form shows the outcome or the errors with
// what was typed
export async function subscribeAlertAction(previous: AlertFormState, form: FormData): Promise<AlertFormState> {
  return answerGuardedForm(previous, form, { values: alertValues, submit: subscribeAlert, what: "alert sign-up" });
}

// The confirm button: only this POST confirms (a mail scanner following the link in the mail confirms nothing)
export async function confirmAlertAction(form: FormData): Promise<void> {
  const locale = formLocale(form);
  const token = String(form.get("token") ?? "").slice(0, 200);
  const outcome = await confirmAlert(db(), token);
  const path = getPathname({ locale, href: "/alerts/confirm" });
  redirect(outcome.status === "valid" ? `${path}?done=1` : `${path}?token=${encodeURIComponent(token)}`);
}

// End one alert (alert set) or every alert of the address named by the manage link's signed token
export async function endAlertsAction(form: FormData): Promise<void> {
  const locale = formLocale(form);
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
