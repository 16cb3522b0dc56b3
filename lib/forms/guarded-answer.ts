// The answer to a public form that the contact form's guards protect (honeypot, fill time, per-client limit): the
// part the feedback form and the alert sign-up share. What was typed always comes back; a refusal or a fault is a
// translated message, never an error page.
import "server-only";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import type { Db } from "@/lib/database/client";
import { clientAddress } from "@/lib/form-guard";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { logger } from "@/lib/server/log";

export type GuardedFormState<V, E> = {
  attempt: number;
  values: V & { key: string };
  errors: E;
  formError: string | null;
  done: boolean;
};

export type GuardedOutcome<E> =
  | { status: "stored" | "queued" }
  | { status: "invalid"; errors: E }
  | { status: "tooFast" }
  | { status: "rateLimited"; retryAfterSeconds: number }
  | { status: "discarded" };

// The page's language a form sends, Danish when it sends none or another
export function formLocale(form: FormData): Locale {
  const raw = String(form.get("locale") ?? "");
  return isLocale(raw) ? raw : "da";
}

export async function answerGuardedForm<V, E>(
  previous: GuardedFormState<V, E>,
  form: FormData,
  handling: {
    /** The fields as typed, to show again */
    values: (form: FormData) => V;
    /** Check and store the form (with the guards) */
    submit: (
      client: Db,
      form: FormData,
      context: { locale: Locale; clientAddress: string },
    ) => Promise<{ outcome: GuardedOutcome<E> }>;
    /** Named in the log when storing fails */
    what: string;
  },
): Promise<GuardedFormState<V, E>> {
  const locale = formLocale(form);
  const t = await getTranslations({ locale, namespace: "Forms" });
  const next = (patch: Partial<GuardedFormState<V, E>>): GuardedFormState<V, E> => ({
    attempt: previous.attempt + 1,
    values: { ...handling.values(form), key: String(form.get("key") ?? "").slice(0, 64) },
    errors: {} as E,
    formError: null,
    done: false,
    ...patch,
  });
  try {
    const { outcome } = await handling.submit(db(), form, { locale, clientAddress: clientAddress(await headers()) });
    switch (outcome.status) {
      case "stored":
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
    logger.error({ msg: `${handling.what} failed`, error: error instanceof Error ? error.message : String(error) });
    return next({ formError: t("unavailable") });
  }
}
