"use server";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { clientAddress } from "@/lib/form-guard";
import { submitFeedback } from "./feedback";
import { feedbackValues, type FeedbackFormState } from "./schema";

// Send a "Was this page helpful?" answer
export async function sendFeedback(previous: FeedbackFormState, form: FormData): Promise<FeedbackFormState> {
  const raw = String(form.get("locale") ?? "");
  const locale: Locale = isLocale(raw) ? raw : "da";
  const t = await getTranslations({ locale, namespace: "Forms" });
  const next = (patch: Partial<FeedbackFormState>): FeedbackFormState => ({
    attempt: previous.attempt + 1,
    values: { ...feedbackValues(form), key: String(form.get("key") ?? "").slice(0, 64) },
    errors: {},
    formError: null,
    done: false,
    ...patch,
  });
  try {
    const { outcome } = await submitFeedback(db(), form, { locale, clientAddress: clientAddress(await headers()) });
    switch (outcome.status) {
      case "stored":
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
    console.error("Feedback form:", error);
    return next({ formError: t("unavailable") });
  }
}
