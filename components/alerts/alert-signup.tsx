import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/routing";
import { subscribeAlertAction } from "@/lib/alerts/actions";
import type { AlertFormState } from "@/lib/alerts/fields";
import { AlertForm } from "./alert-form";

// "E-mail me new items like these" under a list: the same for every visitor (the page may be cached). `feedHref` is
// the list's Atom feed address: its query is the list's filters, and the alert follows exactly those.
export async function AlertSignup({
  locale,
  feedHref,
  permalink,
}: {
  locale: Locale;
  feedHref: string;
  permalink: string;
}) {
  const t = await getTranslations({ locale, namespace: "Alerts" });
  const forms = await getTranslations({ locale, namespace: "Forms" });
  const list = feedHref.split("?")[1] ?? "";
  if (!list) return null;
  const initial: AlertFormState = {
    attempt: 0,
    values: { email: "", frequency: "", list, key: "" },
    errors: {},
    formError: null,
    done: false,
  };
  return (
    <AlertForm
      action={subscribeAlertAction}
      initial={initial}
      locale={locale}
      permalink={permalink}
      text={{
        heading: t("signupSummary"),
        intro: t("signupIntro"),
        email: t("email"),
        emailHint: t("emailHint"),
        frequency: t("frequency"),
        immediate: t("frequencyImmediate"),
        daily: t("frequencyDaily"),
        weekly: t("frequencyWeekly"),
        submit: t("submit"),
        sending: forms("sending"),
        done: t("checkMail"),
        honeypot: forms("honeypot"),
        summaryTitle: forms("errorSummaryTitle"),
        errorPrefix: forms("errorPrefix"),
        errors: {
          email: { required: t("errors.emailRequired"), email: t("errors.email"), tooLong: t("errors.emailTooLong") },
          frequency: { required: t("errors.frequency") },
          list: { required: t("errors.list"), unknown: t("errors.list") },
        },
      }}
    />
  );
}
