import "server-only";
import { getTranslations } from "next-intl/server";
import { Link } from "@/components/site/link";
import type { Locale } from "@/lib/i18n/routing";
import { contactLimits } from "@/lib/contact/schema";
import { contactErrorText, type Translate } from "@/lib/contact/error-text";
import { retentionDays } from "@/lib/contact/retention";
import type { ContactFormText } from "./contact-form";

// The contact form's words in the page's language
export async function contactFormText(locale: Locale): Promise<ContactFormText> {
  const t = await getTranslations({ locale, namespace: "Contact" });
  const forms = await getTranslations({ locale, namespace: "Forms" });
  const all = await getTranslations({ locale });
  return {
    labels: {
      adviser: t("fields.adviser"),
      name: t("fields.name"),
      email: t("fields.email"),
      organisation: t("fields.organisation"),
      municipality: t("fields.municipality"),
      subject: t("fields.subject"),
      message: t("fields.message"),
    },
    optional: forms("optional"),
    emailHint: t("fields.emailHint"),
    messageHint: t("fields.messageHint", { max: contactLimits.message }),
    consent: t("fields.consent"),
    consentHint: t.rich("fields.consentHint", {
      days: retentionDays(),
      link: (chunks) => <Link href="/privacy">{chunks}</Link>,
    }),
    submit: t("submit"),
    sending: forms("sending"),
    honeypot: forms("honeypot"),
    summaryTitle: forms("errorSummaryTitle"),
    errorPrefix: forms("errorPrefix"),
    errors: contactErrorText(all as unknown as Translate),
  };
}
