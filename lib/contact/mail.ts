import "server-only";
import { randomBytes } from "node:crypto";
import { createTranslator } from "use-intl/core";
import da from "@/messages/da.json";
import sv from "@/messages/sv.json";
import type { Locale } from "@/lib/i18n/routing";
import { setting } from "@/lib/env";
import { itemUrl, siteUrl } from "@/lib/seo/urls";
import type { ContactInput } from "./schema";
import type { AdviserCard, ContactItem } from "./advisers";

const catalogues = { da, sv } as const;

// The sender of contact e-mails
export function mailFrom(): string {
  return setting("MAIL_FROM");
}

// A Message-ID fixed when the mail is queued, so that every attempt sends the same mail
export function newMessageId(reference: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(mailFrom())?.[1] ?? "localhost";
  return `<${reference.toLowerCase()}.${randomBytes(6).toString("hex")}@${domain}>`;
}

// Write the adviser's e-mail about one question, in a language the adviser reads
export function composeContactMail(args: {
  reference: string;
  locale: Locale;
  input: ContactInput;
  adviser: AdviserCard;
  item: ContactItem | null;
}): { subject: string; text: string; locale: Locale } {
  const { reference, locale, input, adviser, item } = args;
  const mailLocale = adviser.languages.includes(locale) ? locale : (adviser.languages[0] ?? locale);
  const t = createTranslator({ locale: mailLocale, messages: catalogues[mailLocale], namespace: "Contact.mail" });
  const languages = createTranslator({ locale: mailLocale, messages: catalogues[mailLocale], namespace: "Languages" });
  const lines = [
    t("intro", { site: catalogues[mailLocale].Metadata.siteName }),
    "",
    `${t("reference")}: ${reference}`,
    `${t("from")}: ${input.name} <${input.email}>`,
    input.organisation ? `${t("organisation")}: ${input.organisation}` : null,
    input.municipality ? `${t("municipality")}: ${input.municipality}` : null,
    item ? `${t("item")}: ${item.title}` : null,
    item ? `  ${itemUrl(siteUrl(), item)}` : null,
    `${t("language")}: ${languages(locale)}`,
    "",
    `${t("subject")}: ${input.subject}`,
    "",
    input.message,
    "",
    "-- ",
    t("reply"),
  ].filter((l): l is string => typeof l === "string");
  return {
    subject: t("subjectLine", { reference, subject: input.subject }),
    text: lines.join("\n"),
    locale: mailLocale,
  };
}
