import "server-only";
import { randomUUID } from "node:crypto";
import { createTransport, type Mail } from "nodemailer";
import * as z from "zod";
import type { Db } from "@/lib/database/client";
import { mailFrom } from "./mail";
import { mailTimingShape, setting } from "@/lib/env";

// The outbox: every e-mail is a row first and is sent from there, so a mail server that is down
// loses nothing. A sender claims one due row at a time: the claim sets a lease (lockedUntil) and a
// fresh fencing token (claimToken). Every send has an overall deadline shorter than the lease, so a
// sender is done with a row before anyone else may take it over; and the "sent" and "failed" updates
// only apply while the token is still theirs, so a sender whose lease was taken over changes nothing.

export type MailTransport = { sendMail: (mail: Mail.Options) => Promise<unknown> };

const settingsShape = mailTimingShape;

const settingsSchema = z.object(settingsShape).refine((s) => s.MAIL_TIMEOUT_SECONDS < s.MAIL_LEASE_SECONDS, {
  message: "MAIL_TIMEOUT_SECONDS must be shorter than MAIL_LEASE_SECONDS",
});

export type OutboxSettings = {
  leaseMs: number;
  sendTimeoutMs: number;
  connectTimeoutMs: number;
  backoffMs: number;
  backoffMaxMs: number;
  maxAttempts: number;
};

// Read the outbox's lease, timeouts, backoff and attempts from the environment; nonsense throws
export function outboxSettings(env: Record<string, string | undefined> = process.env): OutboxSettings {
  const given = Object.fromEntries(
    Object.keys(settingsShape).map((key) => [key, env[key] === "" ? undefined : env[key]]),
  );
  const parsed = settingsSchema.safeParse(given);
  if (!parsed.success) throw new Error(`Mail outbox settings: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  const s = parsed.data;
  return {
    leaseMs: s.MAIL_LEASE_SECONDS * 1000,
    sendTimeoutMs: s.MAIL_TIMEOUT_SECONDS * 1000,
    // Connecting and the greeting are part of the send, so they never get longer than its deadline.
    connectTimeoutMs: Math.min(s.MAIL_CONNECT_SECONDS ?? 10, s.MAIL_TIMEOUT_SECONDS) * 1000,
    backoffMs: s.MAIL_BACKOFF_SECONDS * 1000,
    backoffMaxMs: Math.max(s.MAIL_BACKOFF_SECONDS, s.MAIL_MAX_WAIT_SECONDS) * 1000,
    maxAttempts: s.MAIL_MAX_ATTEMPTS,
  };
}

// Connect to the SMTP server in SMTP_URL; null when none is configured
export function transportFromEnv(settings = outboxSettings()): MailTransport | null {
  const url = setting("SMTP_URL");
  if (!url) return null;
  return smtpTransport(url, settings);
}

// A transport to one SMTP server whose own timeouts stay inside the send deadline
export function smtpTransport(url: string, settings: OutboxSettings): MailTransport {
  return createTransport({
    url,
    connectionTimeout: settings.connectTimeoutMs,
    greetingTimeout: settings.connectTimeoutMs,
    socketTimeout: settings.sendTimeoutMs,
  });
}

// Milliseconds to wait after the n-th failed attempt: the base doubling up to the cap, of which a
// random half is taken off, so that senders that failed together do not come back together
export function backoffMs(attempts: number, settings: OutboxSettings, random: () => number = Math.random): number {
  const full = Math.min(settings.backoffMs * 2 ** Math.max(0, attempts - 1), settings.backoffMaxMs);
  return Math.round(full / 2 + (full / 2) * random());
}

// A 5xx reply is the mail server's final answer (RFC 5321); 503 only says the session was out of step
export function isPermanentRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600 && code !== 503;
}

function sql(date: Date) {
  return date.toISOString();
}

type Claimed = {
  id: string;
  claimToken: string;
  attempts: number;
  toAddress: string;
  replyTo: string | null;
  replyName: string | null;
  subject: string;
  textBody: string;
  messageId: string;
  headers: Record<string, string> | null;
};

// Claim the next row due by dueBy for this sender, with a lease until now + lease and a fresh fencing
// token, and read what is to be sent in the same statement
async function claimOne(client: Db, now: Date, dueBy: Date, settings: OutboxSettings): Promise<Claimed | null> {
  const lockedUntil = new Date(now.getTime() + settings.leaseMs);
  const token = randomUUID();
  const rows = await client.$queryRaw<Claimed[]>`
    UPDATE "MailOutbox"
    SET "lockedUntil" = ${sql(lockedUntil)}::timestamptz AT TIME ZONE 'UTC',
        "claimToken" = ${token}::uuid,
        "attempts" = "attempts" + 1
    WHERE "id" = (
      SELECT "id" FROM "MailOutbox"
      WHERE "sentAt" IS NULL
        AND "failedAt" IS NULL
        AND "nextAttemptAt" <= ${sql(dueBy)}::timestamptz AT TIME ZONE 'UTC'
        AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${sql(now)}::timestamptz AT TIME ZONE 'UTC')
      ORDER BY "nextAttemptAt"
      LIMIT 1
      FOR UPDATE SKIP LOCKED)
    RETURNING "id", "claimToken"::text AS "claimToken", "attempts", "toAddress", "replyTo", "subject", "textBody",
      "messageId", "headers", (SELECT "name" FROM "ContactMessage" WHERE "id" = "MailOutbox"."contactMessageId") AS "replyName"`;
  return rows[0] ?? null;
}

export type SendReport = {
  sent: number;
  /** Attempts that failed and will be tried again after the backoff. */
  failed: number;
  /** Mails given up: refused for good or out of attempts; an admin can resend them. */
  givenUp: number;
  /** Rows whose lease another sender took over before this one could record the outcome. */
  lostLease: number;
};

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return (typeof code === "number" && !message.includes(String(code)) ? `${code} ${message}` : message).slice(0, 1000);
}

// Send the e-mails that were due when the run began, one claimed row after another, each at most
// once per run (a failed one is due again only after its backoff). The send's deadline counts from
// the claim, so talking to the mail server never outlasts the lease. A database error (for instance
// while recording a sent mail) ends the run with that error: the row keeps its lease and is sent
// again, with the same Message-ID, once the lease has run out.
export async function sendDueMail(
  client: Db,
  transport: MailTransport,
  options: { now?: Date; from?: string; settings?: OutboxSettings; limit?: number } = {},
): Promise<SendReport> {
  const clock = () => options.now ?? new Date();
  const settings = options.settings ?? outboxSettings();
  const from = options.from ?? mailFrom();
  const report: SendReport = { sent: 0, failed: 0, givenUp: 0, lostLease: 0 };
  const dueBy = clock();
  for (let n = 0; n < (options.limit ?? Infinity); n++) {
    const claimedAt = Date.now();
    const claimed = await claimOne(client, clock(), dueBy, settings);
    if (!claimed) break;
    const row = claimed;
    const fenced = { id: claimed.id, claimToken: claimed.claimToken };
    let failure: unknown = null;
    const timeLeft = settings.sendTimeoutMs - (Date.now() - claimedAt);
    try {
      if (timeLeft <= 0) throw new Error("The database was too slow: no time was left in the lease to send");
      await transport.sendMail({
        from,
        to: row.toAddress,
        replyTo: row.replyTo ? { name: row.replyName ?? "", address: row.replyTo } : undefined,
        subject: row.subject,
        text: row.textBody,
        messageId: row.messageId,
        headers: row.headers ?? undefined,
        // The envelope names the one recipient explicitly: nothing in the headers can add another.
        envelope: { from: /<([^>]+)>\s*$/.exec(from)?.[1] ?? from, to: [row.toAddress] },
        // The overall deadline: aborting closes the SMTP connection, well before the lease runs out.
        signal: AbortSignal.timeout(timeLeft),
      });
    } catch (error) {
      failure = error ?? new Error("send failed");
    }
    if (failure === null) {
      const done = await client.mailOutbox.updateMany({
        where: fenced,
        data: { sentAt: new Date(), lockedUntil: null, claimToken: null, lastError: null },
      });
      if (done.count) report.sent++;
      else report.lostLease++;
      continue;
    }
    const failedAt = clock();
    const giveUp = isPermanentRefusal(failure) || claimed.attempts >= settings.maxAttempts;
    const done = await client.mailOutbox.updateMany({
      where: fenced,
      data: giveUp
        ? { failedAt, lockedUntil: null, claimToken: null, lastError: errorText(failure) }
        : {
            lockedUntil: null,
            claimToken: null,
            nextAttemptAt: new Date(failedAt.getTime() + backoffMs(claimed.attempts, settings)),
            lastError: errorText(failure),
          },
    });
    if (!done.count) report.lostLease++;
    else if (giveUp) report.givenUp++;
    else report.failed++;
  }
  return report;
}

export type PendingMail = {
  id: string;
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  messageId: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  failedAt: string | null;
  createdAt: string;
  reference: string | null;
};

function pendingMail(r: {
  id: string;
  toAddress: string;
  replyTo: string | null;
  subject: string;
  textBody: string;
  messageId: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  failedAt: Date | null;
  createdAt: Date;
  contactMessage?: { reference: string } | null;
}): PendingMail {
  return {
    id: r.id,
    to: r.toAddress,
    replyTo: r.replyTo,
    subject: r.subject,
    text: r.textBody,
    messageId: r.messageId,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    lastError: r.lastError,
    failedAt: r.failedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    reference: r.contactMessage?.reference ?? null,
  };
}

// List the e-mails not yet accepted by a mail server (waiting and given up), oldest first
export async function listPendingMail(client: Db): Promise<PendingMail[]> {
  const rows = await client.mailOutbox.findMany({
    where: { sentAt: null },
    orderBy: { createdAt: "asc" },
    include: { contactMessage: { select: { reference: true } } },
  });
  return rows.map(pendingMail);
}

// List the e-mails given up (refused for good or out of attempts), newest failure first
export async function listFailedMail(client: Db, take = 200): Promise<PendingMail[]> {
  const rows = await client.mailOutbox.findMany({
    where: { sentAt: null, failedAt: { not: null } },
    orderBy: { failedAt: "desc" },
    take,
    include: { contactMessage: { select: { reference: true } } },
  });
  return rows.map(pendingMail);
}

// Count the outbox's e-mails: waiting to be sent and given up
export async function outboxCounts(client: Db): Promise<{ waiting: number; failed: number }> {
  const [waiting, failed] = await Promise.all([
    client.mailOutbox.count({ where: { sentAt: null, failedAt: null } }),
    client.mailOutbox.count({ where: { sentAt: null, failedAt: { not: null } } }),
  ]);
  return { waiting, failed };
}

// Put a given-up e-mail back in the queue with fresh attempts; false when it is not (or no longer) failed
export async function requeueFailedMail(client: Db, id: string, now = new Date()): Promise<boolean> {
  const done = await client.mailOutbox.updateMany({
    where: { id, sentAt: null, failedAt: { not: null } },
    data: { failedAt: null, attempts: 0, nextAttemptAt: now, lockedUntil: null, claimToken: null },
  });
  return done.count > 0;
}
