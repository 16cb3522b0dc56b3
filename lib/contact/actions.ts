"use server";
import { headers } from "next/headers";
import { after } from "next/server";
import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { redirect } from "next/navigation";
import { getPathname } from "@/lib/i18n/navigation";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { clientAddress } from "@/lib/form-guard";
import { submitContact } from "./submit";
import { kickOutbox } from "./worker";
import { contactValues, type ContactFormState } from "./schema";

// Send the contact form: store the question (and its e-mail in the outbox), then show the receipt
export async function sendContactMessage(previous: ContactFormState, form: FormData): Promise<ContactFormState> {
  const raw = String(form.get("locale") ?? "");
  const locale: Locale = isLocale(raw) ? raw : "da";
  const t = await getTranslations({ locale, namespace: "Forms" });
  const guard = {
    key: String(form.get("key") ?? "").slice(0, 64),
    started: String(form.get("started") ?? "").slice(0, 80),
  };
  const next = (patch: Partial<ContactFormState>): ContactFormState => ({
    attempt: previous.attempt + 1,
    values: { ...contactValues(form), ...guard },
    errors: {},
    formError: null,
    ...patch,
  });

  let result: Awaited<ReturnType<typeof submitContact>>;
  try {
    result = await submitContact(db(), form, { locale, clientAddress: clientAddress(await headers()) });
  } catch (error) {
    console.error("Contact form:", error);
    return next({ formError: t("unavailable") });
  }
  const { outcome } = result;
  switch (outcome.status) {
    case "stored":
      after(() => kickOutbox());
      return redirect(
        getPathname({ locale, href: { pathname: "/contact/receipt", query: { ref: outcome.reference } } }),
      );
    case "invalid":
      return next({ errors: outcome.errors });
    case "tooFast":
      return next({ formError: t("tooFast") });
    case "rateLimited":
      return next({ formError: t("rateLimited", { minutes: Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60)) }) });
    case "discarded":
      return next({ formError: t("discarded") });
    case "noAdviser":
      return next({ formError: (await getTranslations({ locale, namespace: "Contact.errors" }))("noAdviser") });
  }
}
