// Alerts without an account: sign-up through the shared abuse checks, double opt-in, unsubscribe, the manage page's
// reads, the purge of unconfirmed alerts, and the staff's counts. Only the address, the filters, the language and the
// timestamps are stored.
import "server-only";
import type { Db } from "@/lib/database/client";
import type { AlertFrequency, Locale } from "@/lib/generated/prisma/client";
import { guardFields, sentTooFast } from "@/lib/form-guard";
import { rateLimits, takeToken } from "@/lib/rate-limit";
import { setting } from "@/lib/env";
import type { FeedList } from "@/lib/feeds/lists";
import { alertValues, parseAlert, type AlertErrors, type AlertValues } from "./schema";
import { alertList, alertListPath, canonicalAlertQuery } from "./lists";
import { hashConfirmToken, newConfirmToken } from "./tokens";
import {
  composeAlreadyConfirmed,
  composeConfirmation,
  confirmationMessageId,
  describeList,
  type ListLabels,
} from "./mail";

export type SubscribeOutcome =
  | { status: "queued" }
  | { status: "invalid"; errors: AlertErrors }
  | { status: "tooFast" }
  | { status: "rateLimited"; retryAfterSeconds: number }
  | { status: "discarded" };

const hour = 60 * 60 * 1000;

// The names of topics and municipalities, for describing lists in the reader's language
export async function listLabels(client: Db, locale: Locale): Promise<ListLabels> {
  const [topics, places] = await Promise.all([
    client.topic.findMany({ select: { slug: true, nameDa: true, nameSv: true } }),
    client.place.findMany({ where: { kind: "municipality" }, select: { slug: true, name: true } }),
  ]);
  return {
    topics: new Map(topics.map((t) => [t.slug, locale === "da" ? t.nameDa : t.nameSv])),
    places: new Map(places.map((p) => [p.slug, p.name])),
  };
}

// Take a sign-up through the abuse checks and validation, store the alert unconfirmed and queue its confirmation
// mail in one transaction. An address that already has the alert gets a mail pointing to its manage page instead;
// the visitor is told the same in both cases, so the form reveals nothing about anyone's alerts.
export async function subscribeAlert(
  client: Db,
  form: FormData | Record<string, unknown>,
  context: { locale: Locale; clientAddress: string; now?: Date },
): Promise<{ outcome: SubscribeOutcome; values: AlertValues }> {
  const now = context.now ?? new Date();
  const values = alertValues(form);
  const guard = guardFields(form);
  if (guard.website) return { outcome: { status: "discarded" }, values };
  const parsed = parseAlert(values);
  const list = canonicalAlertQuery(values.list);
  if (!parsed.ok || !list) {
    const errors: AlertErrors = parsed.ok ? {} : parsed.errors;
    if (!list) errors.list = "unknown";
    return { outcome: { status: "invalid", errors }, values };
  }
  if (sentTooFast(guard, now.getTime())) return { outcome: { status: "tooFast" }, values };
  const limit = await takeToken(client, rateLimits.alerts, context.clientAddress, now);
  if (!limit.allowed) return { outcome: { status: "rateLimited", retryAfterSeconds: limit.retryAfterSeconds }, values };
  const email = parsed.data.email.toLowerCase();
  // A few confirmation mails a day per address, whoever asks: the answer is the same, but no more mail goes out.
  const perAddress = await takeToken(client, rateLimits.alertAddress, `mail:${email}`, now);
  if (!perAddress.allowed) return { outcome: { status: "queued" }, values };

  const { locale } = context;
  const listName = describeList(locale, list.list, await listLabels(client, locale));
  const hours = setting("ALERT_CONFIRM_HOURS");
  await client.$transaction(async (tx) => {
    const key = { email_locale_query: { email, locale, query: list.query } };
    const existing = await tx.alert.findUnique({ where: key, select: { id: true, confirmedAt: true } });
    if (existing?.confirmedAt) {
      const mail = composeAlreadyConfirmed({ alertId: existing.id, locale, listName, email });
      await tx.mailOutbox.create({
        data: {
          toAddress: email,
          subject: mail.subject,
          textBody: mail.text,
          headers: mail.headers,
          messageId: confirmationMessageId(),
        },
      });
      return;
    }
    const { token, hash } = newConfirmToken();
    const fields = {
      frequency: parsed.data.frequency as AlertFrequency,
      confirmTokenHash: hash,
      confirmExpiresAt: new Date(now.getTime() + hours * hour),
    };
    const alert = await tx.alert.upsert({
      where: key,
      create: { email, locale, query: list.query, createdAt: now, ...fields },
      update: fields,
      select: { id: true },
    });
    const mail = composeConfirmation({
      alertId: alert.id,
      email,
      locale,
      listName,
      frequency: parsed.data.frequency,
      token,
      hours,
    });
    await tx.mailOutbox.create({
      data: {
        toAddress: email,
        subject: mail.subject,
        textBody: mail.text,
        headers: mail.headers,
        messageId: confirmationMessageId(),
      },
    });
  });
  return { outcome: { status: "queued" }, values };
}

export type AlertSummary = {
  id: string;
  locale: Locale;
  frequency: AlertFrequency;
  name: string;
  path: string;
  confirmed: boolean;
  createdAt: string;
};

function summary(
  row: {
    id: string;
    locale: Locale;
    query: string;
    frequency: AlertFrequency;
    confirmedAt: Date | null;
    createdAt: Date;
  },
  labels: ListLabels,
): AlertSummary {
  const list: FeedList = alertList(row.query);
  return {
    id: row.id,
    locale: row.locale,
    frequency: row.frequency,
    name: describeList(row.locale, list, labels),
    path: alertListPath(row.locale, list),
    confirmed: row.confirmedAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export type ConfirmCheck =
  { status: "valid"; alert: AlertSummary } | { status: "expired" } | { status: "confirmed" } | { status: "invalid" };

const alertSelect = {
  id: true,
  locale: true,
  query: true,
  frequency: true,
  confirmedAt: true,
  createdAt: true,
} as const;

// What a confirmation link leads to, without changing anything (a mail scanner following the link confirms nothing)
export async function checkConfirmToken(client: Db, token: string, now = new Date()): Promise<ConfirmCheck> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { status: "invalid" };
  const row = await client.alert.findUnique({
    where: { confirmTokenHash: hashConfirmToken(token) },
    select: { ...alertSelect, confirmExpiresAt: true },
  });
  if (!row) return { status: "invalid" };
  if (!row.confirmExpiresAt || row.confirmExpiresAt <= now) return { status: "expired" };
  return { status: "valid", alert: summary(row, await listLabels(client, row.locale)) };
}

// Confirm the alert a token belongs to: from now on it is sent, counting items from this moment
export async function confirmAlert(client: Db, token: string, now = new Date()): Promise<ConfirmCheck> {
  const check = await checkConfirmToken(client, token, now);
  if (check.status !== "valid") return check;
  const done = await client.alert.updateMany({
    where: { id: check.alert.id, confirmTokenHash: hashConfirmToken(token) },
    data: { confirmedAt: now, sentUpTo: now, confirmTokenHash: null, confirmExpiresAt: null },
  });
  return done.count === 1 ? { ...check, alert: { ...check.alert, confirmed: true } } : { status: "invalid" };
}

// End one alert; true also when it was already gone (the link did its job)
export async function unsubscribeAlert(client: Db, alertId: string): Promise<{ ended: boolean }> {
  const done = await client.alert.deleteMany({ where: { id: alertId } });
  return { ended: done.count === 1 };
}

// Every alert of one address, for its manage page
export async function listAlertsOf(client: Db, email: string, locale: Locale): Promise<AlertSummary[]> {
  const rows = await client.alert.findMany({
    where: { email: email.toLowerCase() },
    orderBy: { createdAt: "asc" },
    select: alertSelect,
  });
  const needed = new Set<Locale>([locale, ...rows.map((r) => r.locale)]);
  const labels = new Map<Locale, ListLabels>();
  for (const l of needed) labels.set(l, await listLabels(client, l));
  return rows.map((r) => summary(r, labels.get(r.locale)!));
}

// End alerts of one address: one (by id) or all of them
export async function endAlertsOf(client: Db, email: string, alertId?: string): Promise<number> {
  const done = await client.alert.deleteMany({
    where: { email: email.toLowerCase(), ...(alertId ? { id: alertId } : {}) },
  });
  return done.count;
}

// Delete alerts never confirmed within ALERT_UNCONFIRMED_DAYS of being made
export async function purgeUnconfirmedAlerts(client: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - setting("ALERT_UNCONFIRMED_DAYS") * 24 * hour);
  const done = await client.alert.deleteMany({ where: { confirmedAt: null, createdAt: { lt: cutoff } } });
  return done.count;
}

export type AlertCountRow = { topic: string | null; type: string | null; search: boolean; count: number };

// How many confirmed alerts follow each topic and type (never who): for the staff
export async function countAlerts(
  client: Db,
): Promise<{ rows: AlertCountRow[]; total: number; byFrequency: Record<AlertFrequency, number> }> {
  const groups = await client.alert.groupBy({
    by: ["query", "frequency"],
    where: { confirmedAt: { not: null } },
    _count: { _all: true },
  });
  const rows = new Map<string, AlertCountRow>();
  const byFrequency: Record<AlertFrequency, number> = { immediate: 0, daily: 0, weekly: 0 };
  let total = 0;
  for (const g of groups) {
    const list = alertList(g.query);
    const f = list.kind === "search" ? list.params : { ...list.filters, type: list.type };
    const row = { topic: f.topic ?? null, type: f.type ?? null, search: list.kind === "search" };
    const key = JSON.stringify(row);
    const entry = rows.get(key) ?? { ...row, count: 0 };
    entry.count += g._count._all;
    rows.set(key, entry);
    byFrequency[g.frequency] += g._count._all;
    total += g._count._all;
  }
  return {
    rows: [...rows.values()].sort((a, b) => b.count - a.count || String(a.topic).localeCompare(String(b.topic))),
    total,
    byFrequency,
  };
}
