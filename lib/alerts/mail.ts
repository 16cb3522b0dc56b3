// The texts of alert mails, in the subscriber's language: the confirmation, "you already have this alert", and the
// digest of new and substantially changed items, each item's language marked.
import "server-only";
import { randomBytes } from "node:crypto";
import { createTranslator } from "use-intl/core";
import da from "@/messages/da.json";
import sv from "@/messages/sv.json";
import type { FeedList } from "@/lib/feeds/lists";
import type { Locale } from "@/lib/i18n/routing";
import { getPathname } from "@/lib/i18n/navigation";
import { absoluteUrl, itemPath, siteUrl } from "@/lib/seo/urls";
import { mailFrom } from "@/lib/contact/mail";
import type { ItemType } from "@/lib/generated/prisma/enums";
import { alertListPath } from "./lists";
import { manageToken, unsubscribeToken } from "./tokens";

const catalogues = { da, sv } as const;

const translators = new Map<Locale, ReturnType<typeof makeTranslator>>();

function makeTranslator(locale: Locale) {
  return createTranslator({ locale, messages: catalogues[locale], namespace: "Alerts" });
}

// One translator per language for the process: a digest run writes thousands of mails
function translator(locale: Locale) {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = makeTranslator(locale)));
  return t;
}

/** Names of the topic and municipality a list is filtered by, in the reader's language. */
export type ListLabels = { topics: Map<string, string>; places: Map<string, string> };

// A short name of the list an alert follows, e.g. "Cases · Sverige · 2024" or "Søgning: »udbud«"
export function describeList(locale: Locale, list: FeedList, labels: ListLabels): string {
  const messages = catalogues[locale];
  const t = translator(locale);
  const parts: string[] = [];
  const f = list.kind === "search" ? list.params : { ...list.filters, type: list.type };
  if (list.kind === "search") parts.push(t("listSearch", { query: list.params.q }));
  if (f.type) parts.push(messages.Sections[f.type as ItemType].title);
  if (f.topic) parts.push(labels.topics.get(f.topic) ?? f.topic);
  if (f.country) parts.push(t(`country.${f.country}`));
  if ("municipality" in f && f.municipality) parts.push(labels.places.get(f.municipality) ?? f.municipality);
  if (f.year !== undefined) parts.push(String(f.year));
  if (f.lang) parts.push(messages.Languages.writtenIn.replace("{language}", messages.Languages[f.lang]));
  return parts.length ? parts.join(" · ") : t("listAll");
}

function messageIdDomain(): string {
  return /@([^>\s]+)>?\s*$/.exec(mailFrom())?.[1] ?? "localhost";
}

// A Message-ID for a confirmation mail
export function confirmationMessageId(): string {
  return `<alert-confirm.${randomBytes(9).toString("hex")}@${messageIdDomain()}>`;
}

// The Message-ID of one alert's digest for one window: the same whoever makes it, so the outbox takes it once
export function digestMessageId(alertId: string, upTo: Date): string {
  return `<alert-${alertId}.${upTo.getTime()}@${messageIdDomain()}>`;
}

// The address of the confirmation page with its token
export function confirmUrl(locale: Locale, token: string): string {
  return absoluteUrl(
    siteUrl(),
    `${getPathname({ locale, href: "/alerts/confirm" })}?token=${encodeURIComponent(token)}`,
  );
}

// The one-click unsubscribe address (RFC 8058): a POST ends the alert, a GET opens the page with the button
export function unsubscribeUrl(locale: Locale, alertId: string): string {
  return absoluteUrl(siteUrl(), `/api/alerts/unsubscribe?locale=${locale}&token=${unsubscribeToken(alertId)}`);
}

// The address of the page where an address sees and ends all its alerts
export function manageUrl(locale: Locale, email: string): string {
  return absoluteUrl(siteUrl(), `${getPathname({ locale, href: "/alerts/manage" })}?token=${manageToken(email)}`);
}

// Headers of every alert mail after the confirmation: one-click unsubscribe (RFC 2369, RFC 8058)
export function unsubscribeHeaders(locale: Locale, alertId: string): Record<string, string> {
  return {
    "List-Unsubscribe": `<${unsubscribeUrl(locale, alertId)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

const frequencyKeys = { immediate: "frequencyImmediate", daily: "frequencyDaily", weekly: "frequencyWeekly" } as const;

// The mail that asks the address to confirm a new alert
export function composeConfirmation(args: {
  alertId: string;
  email: string;
  locale: Locale;
  listName: string;
  frequency: keyof typeof frequencyKeys;
  token: string;
  hours: number;
}): { subject: string; text: string; headers: Record<string, string> } {
  const t = translator(args.locale);
  const site = catalogues[args.locale].Metadata.siteName;
  const text = [
    t("confirmMail.intro", { site, list: args.listName }),
    t("confirmMail.frequency", { frequency: t(frequencyKeys[args.frequency]) }),
    "",
    t("confirmMail.action", { hours: args.hours }),
    confirmUrl(args.locale, args.token),
    "",
    t("confirmMail.ignore"),
    "",
    "-- ",
    t("digestMail.manage"),
    manageUrl(args.locale, args.email),
    t("digestMail.unsubscribe"),
    unsubscribeUrl(args.locale, args.alertId),
  ].join("\n");
  return {
    subject: t("confirmMail.subject", { list: args.listName }),
    text,
    headers: unsubscribeHeaders(args.locale, args.alertId),
  };
}

// The mail to an address that asked again for an alert it already has
export function composeAlreadyConfirmed(args: { alertId: string; locale: Locale; listName: string; email: string }): {
  subject: string;
  text: string;
  headers: Record<string, string>;
} {
  const t = translator(args.locale);
  const text = [
    t("alreadyMail.intro", { list: args.listName }),
    "",
    t("alreadyMail.manage"),
    manageUrl(args.locale, args.email),
    "",
    "-- ",
    t("digestMail.unsubscribe"),
    unsubscribeUrl(args.locale, args.alertId),
  ].join("\n");
  return {
    subject: t("alreadyMail.subject", { list: args.listName }),
    text,
    headers: unsubscribeHeaders(args.locale, args.alertId),
  };
}

export type DigestItem = {
  type: ItemType;
  locale: Locale;
  slug: string;
  title: string;
  summary: string;
  changed: boolean;
};

const summaryLength = 240;

// One alert's digest: the new items, then those changed substantially, with links to the list, the manage page and
// the unsubscribe page
export function composeDigest(args: {
  alertId: string;
  locale: Locale;
  email: string;
  list: FeedList;
  listName: string;
  frequency: keyof typeof frequencyKeys;
  items: DigestItem[];
}): { subject: string; text: string; headers: Record<string, string> } {
  const { locale } = args;
  const t = translator(locale);
  const languages = catalogues[locale].Languages;
  const base = siteUrl();
  const entry = (item: DigestItem) => {
    const summary =
      item.summary.length > summaryLength ? `${item.summary.slice(0, summaryLength - 1).trimEnd()}…` : item.summary;
    return [
      `- ${item.title} [${t("itemLanguage", { language: languages[item.locale] })}]`,
      ...(summary ? [`  ${summary.replace(/\s+/g, " ")}`] : []),
      `  ${absoluteUrl(base, itemPath(item, locale))}`,
    ];
  };
  const fresh = args.items.filter((i) => !i.changed);
  const changed = args.items.filter((i) => i.changed);
  const lines = [
    t("digestMail.intro", { list: args.listName, count: args.items.length }),
    "",
    ...(fresh.length ? [t("digestMail.new"), ...fresh.flatMap(entry), ""] : []),
    ...(changed.length ? [t("digestMail.changed"), ...changed.flatMap(entry), ""] : []),
    t("digestMail.list"),
    absoluteUrl(base, alertListPath(locale, args.list)),
    "",
    "-- ",
    t("digestMail.why", { frequency: t(frequencyKeys[args.frequency]) }),
    t("digestMail.manage"),
    manageUrl(locale, args.email),
    t("digestMail.unsubscribe"),
    unsubscribeUrl(locale, args.alertId),
  ];
  return {
    subject: t("digestMail.subject", { list: args.listName, count: args.items.length }),
    text: lines.join("\n"),
    headers: unsubscribeHeaders(locale, args.alertId),
  };
}
