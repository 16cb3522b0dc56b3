import "server-only";
import { createTransport, type Mail } from "nodemailer";
import type { Db } from "@/lib/database/client";
import { mailFrom } from "./mail";

// The outbox: every e-mail is a row first and is sent from there, so a mail server that is down
// loses nothing. A worker claims due rows by setting lockedUntil (FOR UPDATE SKIP LOCKED, so two
// workers never claim the same row), sends each and marks it sent, or backs off and tries again.

export type MailTransport = { sendMail: (mail: Mail.Options) => Promise<unknown> };

const lockSeconds = 120;

// Connect to the SMTP server in SMTP_URL; null when none is configured
export function transportFromEnv(): MailTransport | null {
  const url = process.env.SMTP_URL;
  if (!url) return null;
  return createTransport({
    url,
    // Short timeouts keep every attempt well inside the row's lock.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}

// Seconds to wait before the next attempt: 30 s doubling to at most an hour
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

function sql(date: Date) {
  return date.toISOString();
}

// Claim up to `limit` due rows for this worker
async function claim(client: Db, now: Date, limit: number): Promise<string[]> {
  const lockedUntil = new Date(now.getTime() + lockSeconds * 1000);
  const rows = await client.$queryRaw<{ id: string }[]>`
    UPDATE "MailOutbox" SET "lockedUntil" = ${sql(lockedUntil)}::timestamptz AT TIME ZONE 'UTC', "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "MailOutbox"
      WHERE "sentAt" IS NULL
        AND "nextAttemptAt" <= ${sql(now)}::timestamptz AT TIME ZONE 'UTC'
        AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${sql(now)}::timestamptz AT TIME ZONE 'UTC')
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING "id"`;
  return rows.map((r) => r.id);
}

export type SendReport = { sent: number; failed: number };

// Send the e-mails that are due, one batch after another until none is left
export async function sendDueMail(
  client: Db,
  transport: MailTransport,
  options: { now?: Date; batchSize?: number; from?: string } = {},
): Promise<SendReport> {
  const clock = () => options.now ?? new Date();
  const from = options.from ?? mailFrom();
  const report: SendReport = { sent: 0, failed: 0 };
  for (;;) {
    const now = clock();
    const ids = await claim(client, now, options.batchSize ?? 20);
    if (!ids.length) return report;
    const rows = await client.mailOutbox.findMany({
      where: { id: { in: ids } },
      include: { contactMessage: { select: { name: true } } },
    });
    for (const row of rows) {
      try {
        await transport.sendMail({
          from,
          to: row.toAddress,
          replyTo: row.replyTo ? { name: row.contactMessage?.name ?? "", address: row.replyTo } : undefined,
          subject: row.subject,
          text: row.textBody,
          messageId: row.messageId,
          // The envelope names the one recipient explicitly: nothing in the headers can add another.
          envelope: { from: /<([^>]+)>\s*$/.exec(from)?.[1] ?? from, to: [row.toAddress] },
        });
        await client.mailOutbox.update({
          where: { id: row.id },
          data: { sentAt: new Date(), lockedUntil: null, lastError: null },
        });
        report.sent++;
      } catch (error) {
        await client.mailOutbox.update({
          where: { id: row.id },
          data: {
            lockedUntil: null,
            nextAttemptAt: new Date(now.getTime() + backoffSeconds(row.attempts) * 1000),
            lastError: String(error instanceof Error ? error.message : error).slice(0, 1000),
          },
        });
        report.failed++;
      }
    }
  }
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
  createdAt: string;
};

// List the e-mails not yet accepted by a mail server, oldest first
export async function listPendingMail(client: Db): Promise<PendingMail[]> {
  const rows = await client.mailOutbox.findMany({ where: { sentAt: null }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({
    id: r.id,
    to: r.toAddress,
    replyTo: r.replyTo,
    subject: r.subject,
    text: r.textBody,
    messageId: r.messageId,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
  }));
}
