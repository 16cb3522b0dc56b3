// The outbox under faults, with real parts: a real SMTP server on loopback that hangs, drops the
// connection mid-DATA, answers 4xx and 5xx; a TCP relay between a sender and PostgreSQL that the
// test cuts the moment the mail server has the message; two sender processes on one database.
// Every test prints what was stored, what arrived and the duplicates, and asserts that each stored
// mail arrived exactly once, except the documented crash window, whose re-send has the same Message-ID.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTransport } from "nodemailer";
import {
  backoffMs,
  listFailedMail,
  outboxCounts,
  outboxSettings,
  sendDueMail,
  type MailTransport,
  type SendReport,
} from "@/lib/contact/outbox";
import { resendFailedMail } from "@/lib/admin/mail";
import { createPrismaClient, type Db } from "@/lib/database/client";
import { testDatabases } from "../helpers/databases";
import { TestSmtpServer } from "../helpers/smtp";
import { TcpRelay } from "../helpers/relay";

const root = path.resolve(import.meta.dirname, "../..");
const env = {
  MAIL_LEASE_SECONDS: "2",
  MAIL_TIMEOUT_SECONDS: "1",
  MAIL_CONNECT_SECONDS: "0.5",
  MAIL_BACKOFF_SECONDS: "0.2",
  MAIL_MAX_WAIT_SECONDS: "0.4",
  MAIL_MAX_ATTEMPTS: "3",
};
const settings = outboxSettings(env);
const databases = testDatabases({ beforeAll, afterAll });
const smtp = new TestSmtpServer();

beforeAll(async () => smtp.start());
afterAll(async () => smtp.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await sleep(20);
  }
}

// The outbox's own transport: its socket timeouts come from the settings
const transport = (): MailTransport => createTransport({ url: smtp.url, connectionTimeout: 500, greetingTimeout: 500 });

// A transport whose own timeouts are far longer than the send deadline, so only the deadline can end a hang
const patientTransport = (): MailTransport =>
  createTransport({
    host: "127.0.0.1",
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 30_000,
  });

// Store n questions with their e-mails; returns the e-mails' Message-IDs
async function queue(client: Db, n: number, label: string): Promise<string[]> {
  const messages = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    reference: `${label}-${i}`,
    submissionKey: `${label}-${i}`,
    locale: "da" as const,
    name: "Mette Hansen",
    email: `person${i}@example.net`,
    subject: `${label} ${i}`,
    message: `Besked ${i}`,
  }));
  const mails = messages.map((m) => ({
    contactMessageId: m.id,
    toAddress: "adviser@example.org",
    replyTo: m.email,
    subject: m.subject,
    textBody: m.message,
    messageId: `<${m.reference}.${randomUUID().slice(0, 8)}@test.example>`,
  }));
  await client.contactMessage.createMany({ data: messages });
  await client.mailOutbox.createMany({ data: mails });
  return mails.map((m) => m.messageId);
}

// Compare what was stored with what arrived, and print it. A copy is "unconfirmed" when the sender had
// already closed the connection when the server accepted it (its deadline ended the send before the
// 250): the documented re-send, with the same Message-ID, which the sender cannot avoid.
function tally(database: string, label: string, stored: string[]) {
  const arrived = smtp.received.map((r) => r.mail.messageId ?? "");
  const times = new Map<string, number>();
  const unconfirmedCopies = new Map<string, number>();
  for (const r of smtp.received) {
    const id = r.mail.messageId ?? "";
    times.set(id, (times.get(id) ?? 0) + 1);
    if (!r.confirmed) unconfirmedCopies.set(id, (unconfirmedCopies.get(id) ?? 0) + 1);
  }
  let duplicates = 0;
  let unexplained = 0;
  for (const [id, n] of times) {
    duplicates += n - 1;
    unexplained += Math.max(0, n - 1 - (unconfirmedCopies.get(id) ?? 0));
  }
  const result = {
    stored: stored.length,
    arrived: arrived.length,
    delivered: stored.filter((id) => times.has(id)).length,
    duplicates,
    /** Duplicates not explained by a send ended around its 250: must be 0. */
    unexplained,
    strangers: [...times.keys()].filter((id) => !stored.includes(id)).length,
  };
  console.log(
    `[outbox-faults] ${database} · ${label}: stored ${result.stored}, arrived ${result.arrived}, delivered ${result.delivered}, duplicates ${result.duplicates} (of which re-sends after a send ended around its 250: ${duplicates - unexplained})`,
  );
  return { ...result, times };
}

describe.each(databases)("the outbox under faults on the $name database", (database) => {
  let client: Db;

  beforeAll(() => {
    client = database.client();
  });
  beforeEach(async () => {
    await client.$executeRawUnsafe(`TRUNCATE "ContactMessage", "MailOutbox", "AuditLog", "StaffUser" CASCADE`);
    smtp.received = [];
    smtp.mode = { kind: "accept" };
    smtp.beforeAccept = undefined;
    // Only Message-IDs are compared here; parsing hundreds of messages would only slow the test.
    smtp.parse = false;
  });

  it("ends a send to a hanging mail server at its deadline, closes the connection, backs off from the failure, and delivers once the server answers", async () => {
    // A backoff long enough to see that nothing is due again at once.
    const patient = { ...settings, backoffMs: 4000, backoffMaxMs: 4000 };
    const stored = await queue(client, 2, "hang");
    smtp.mode = { kind: "hang" };
    const connections = smtp.connections;
    const started = Date.now();
    const report = await sendDueMail(client, patientTransport(), { settings: patient });
    const took = Date.now() - started;
    expect(report).toEqual({ sent: 0, failed: 2, givenUp: 0, lostLease: 0 });
    // Each of the two sends ended at the deadline, well inside its lease, though no socket timeout fired.
    expect(took).toBeGreaterThanOrEqual(2 * settings.sendTimeoutMs - 50);
    expect(took).toBeLessThan(2 * settings.sendTimeoutMs + 1000);
    expect(smtp.connections - connections).toBe(2);
    await until(() => smtp.openConnections === 0, 1000);

    const rows = await client.mailOutbox.findMany();
    for (const row of rows) {
      expect(row).toMatchObject({ attempts: 1, sentAt: null, failedAt: null, lockedUntil: null, claimToken: null });
      expect(row.lastError).toMatch(/abort/i);
      // Counted from the failure (after the deadline), not from when the run began.
      expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(
        started + settings.sendTimeoutMs + backoffMs(1, patient, () => 0) - 5,
      );
    }
    // Nothing is due again at once: a second run neither connects nor waits.
    const again = Date.now();
    expect(await sendDueMail(client, patientTransport(), { settings: patient })).toEqual({
      sent: 0,
      failed: 0,
      givenUp: 0,
      lostLease: 0,
    });
    expect(Date.now() - again).toBeLessThan(500);
    expect(smtp.connections - connections).toBe(2);

    smtp.mode = { kind: "accept" };
    // Once the backoff has passed (here on the sender's clock rather than by waiting), both go out.
    const due = Math.max(...rows.map((r) => r.nextAttemptAt.getTime()));
    expect(await sendDueMail(client, patientTransport(), { settings: patient, now: new Date(due + 10) })).toMatchObject(
      { sent: 2, failed: 0 },
    );
    const result = tally(database.name, "hanging server", stored);
    expect(result).toMatchObject({ stored: 2, arrived: 2, delivered: 2, duplicates: 0, strangers: 0 });
  });

  it("retries a mail whose connection dropped mid-DATA and delivers it once", async () => {
    const stored = await queue(client, 1, "middata");
    smtp.mode = { kind: "closeMidData" };
    const dataStarted = smtp.dataStarted;
    expect(await sendDueMail(client, transport(), { settings })).toMatchObject({ sent: 0, failed: 1 });
    expect(smtp.dataStarted - dataStarted).toBe(1);
    expect(smtp.received).toHaveLength(0);

    smtp.mode = { kind: "accept" };
    await sleep(settings.backoffMaxMs + 50);
    expect(await sendDueMail(client, transport(), { settings })).toMatchObject({ sent: 1, failed: 0 });
    const result = tally(database.name, "closed mid-DATA", stored);
    expect(result).toMatchObject({ stored: 1, arrived: 1, delivered: 1, duplicates: 0 });
  });

  it("retries after a 4xx, gives up at a 5xx without another try, and sends again when an admin resends it", async () => {
    const stored = await queue(client, 1, "refused");
    smtp.mode = { kind: "refuse", code: 451, text: "4.3.0 Try again later" };
    expect(await sendDueMail(client, transport(), { settings })).toEqual({
      sent: 0,
      failed: 1,
      givenUp: 0,
      lostLease: 0,
    });
    let row = await client.mailOutbox.findFirstOrThrow();
    expect(row).toMatchObject({ attempts: 1, failedAt: null });
    expect(row.lastError).toContain("451");

    await sleep(settings.backoffMaxMs + 50);
    smtp.mode = { kind: "refuse", code: 550, text: "5.1.1 Mailbox unavailable" };
    expect(await sendDueMail(client, transport(), { settings })).toEqual({
      sent: 0,
      failed: 0,
      givenUp: 1,
      lostLease: 0,
    });
    row = await client.mailOutbox.findFirstOrThrow();
    expect(row.failedAt).not.toBeNull();
    expect(row.lastError).toContain("550");
    expect(row.attempts).toBe(2);

    // Given up means given up: no more connections, however long one waits.
    const connections = smtp.connections;
    await sleep(settings.backoffMaxMs + 50);
    expect(await sendDueMail(client, transport(), { settings })).toMatchObject({ sent: 0, failed: 0, givenUp: 0 });
    expect(smtp.connections).toBe(connections);
    expect(await outboxCounts(client)).toEqual({ waiting: 0, failed: 1 });
    expect((await listFailedMail(client)).map((m) => m.messageId)).toEqual(stored);

    const admin = await client.staffUser.create({
      data: { email: "admin@example.org", name: "Admin", passwordHash: "x", role: "admin" },
    });
    const staff = { id: admin.id, email: admin.email, name: admin.name, role: admin.role, adviserId: null };
    expect(await resendFailedMail(client, staff as never, row.id)).toBe(true);
    // A second click finds nothing to resend.
    expect(await resendFailedMail(client, staff as never, row.id)).toBe(false);
    const entries = await client.auditLog.findMany({ where: { action: "mail.resend" } });
    expect(entries.map((e) => [e.entityId, e.actorEmail])).toEqual([[row.id, "admin@example.org"]]);

    smtp.mode = { kind: "accept" };
    expect(await sendDueMail(client, transport(), { settings })).toMatchObject({ sent: 1 });
    expect(await outboxCounts(client)).toEqual({ waiting: 0, failed: 0 });
    // The sender was still connected when the server accepted: the copy counts as confirmed.
    await until(() => smtp.openConnections === 0, 2000);
    expect(smtp.received.map((r) => r.confirmed)).toEqual([true]);
    const result = tally(database.name, "4xx, then 5xx, then resent", stored);
    expect(result).toMatchObject({ stored: 1, arrived: 1, delivered: 1, duplicates: 0 });
  });

  it("gives up after MAIL_MAX_ATTEMPTS transient failures", async () => {
    await queue(client, 1, "attempts");
    smtp.mode = { kind: "refuse", code: 451, text: "4.3.0 Try again later" };
    const reports: SendReport[] = [];
    for (let i = 0; i < settings.maxAttempts + 1; i++) {
      reports.push(await sendDueMail(client, transport(), { settings }));
      await sleep(settings.backoffMaxMs + 50);
    }
    expect(reports.map((r) => [r.failed, r.givenUp])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    const row = await client.mailOutbox.findFirstOrThrow();
    expect(row.attempts).toBe(settings.maxAttempts);
    expect(row.failedAt).not.toBeNull();
    expect(tally(database.name, "attempts ran out", [row.messageId])).toMatchObject({ arrived: 0, duplicates: 0 });
  });

  it("lets no sender whose lease was taken over mark or re-queue the mail", async () => {
    const stored = await queue(client, 1, "fenced");
    // A sender whose lease is shorter than its send (a misconfiguration or a clock jump): its send is
    // still running when another sender takes the row over.
    const skewed = { ...settings, leaseMs: 300, sendTimeoutMs: 1000 };
    let first = true;
    smtp.beforeAccept = async () => {
      if (!first) return;
      first = false;
      await sleep(1500);
      throw new Error("too late");
    };
    const slow = sendDueMail(client, transport(), { settings: skewed });
    await sleep(400);
    expect(await sendDueMail(client, transport(), { settings })).toMatchObject({ sent: 1, lostLease: 0 });
    const sent = await client.mailOutbox.findFirstOrThrow();
    // The slow sender's deadline ends its send; its "failed" update finds the token changed.
    expect(await slow).toEqual({ sent: 0, failed: 0, givenUp: 0, lostLease: 1 });
    const row = await client.mailOutbox.findFirstOrThrow();
    expect(row.sentAt).toEqual(sent.sentAt);
    expect(row).toMatchObject({ lastError: null, failedAt: null, claimToken: null, attempts: 2 });
    expect(row.nextAttemptAt).toEqual(sent.nextAttemptAt);
    expect(await sendDueMail(client, transport(), { settings })).toMatchObject({ sent: 0, failed: 0 });
    const result = tally(database.name, "lease taken over", stored);
    expect(result).toMatchObject({ stored: 1, arrived: 1, delivered: 1, duplicates: 0 });
  });

  it("sends again, with the same Message-ID, a mail whose 'sent' write failed after the server accepted it", async () => {
    const relay = TcpRelay.forUrl(database.url());
    await relay.start();
    const through = createPrismaClient(relay.url(database.url()), 2);
    try {
      const stored = await queue(client, 1, "crash");
      // The database goes away between the mail server having the message and its 250 reply.
      smtp.beforeAccept = () => {
        smtp.beforeAccept = undefined;
        relay.cut();
      };
      await expect(sendDueMail(through, transport(), { settings })).rejects.toThrow();
      expect(relay.cuts).toBe(1);
      expect(smtp.received).toHaveLength(1);
      const held = await client.mailOutbox.findFirstOrThrow();
      expect(held.sentAt).toBeNull();
      expect(held.lockedUntil).not.toBeNull();

      relay.restore();
      // While the lease lasts, nobody sends it again.
      expect(await sendDueMail(through, transport(), { settings })).toMatchObject({ sent: 0, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      await sleep(held.lockedUntil!.getTime() - Date.now() + 50);
      expect(await sendDueMail(through, transport(), { settings })).toMatchObject({ sent: 1, failed: 0 });
      expect((await client.mailOutbox.findFirstOrThrow()).sentAt).not.toBeNull();

      const result = tally(database.name, "sent write failed after 250 (documented re-send)", stored);
      expect(result).toMatchObject({ stored: 1, arrived: 2, delivered: 1, duplicates: 1, strangers: 0 });
      expect(result.times.get(held.messageId)).toBe(2);
    } finally {
      await through.$disconnect();
      await relay.stop();
    }
  });

  it("two sender processes on one database and a mail server that hangs at first deliver 200 of 200 once each", async () => {
    const count = 200;
    const stored = await queue(client, count, "pair");
    smtp.mode = { kind: "hang" };
    const connections = smtp.connections;
    // The server hangs for its first three seconds after the first sender reaches it.
    void until(() => smtp.connections > connections, 60_000).then(
      () => sleep(3000).then(() => (smtp.mode = { kind: "accept" })),
      () => {},
    );
    const run = () =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(
          path.join(root, "node_modules/.bin/tsx"),
          ["--conditions=react-server", "tests/helpers/outbox-sender.ts"],
          {
            cwd: root,
            env: {
              ...process.env,
              ...env,
              // A longer lease and deadline leave room for a busy machine; the hang (3 s) still outlasts the deadline.
              MAIL_LEASE_SECONDS: "5",
              MAIL_TIMEOUT_SECONDS: "2",
              MAIL_MAX_ATTEMPTS: "50",
              DATABASE_URL: database.url(),
              SMTP_URL: smtp.url,
              SENDER_SECONDS: "60",
            },
          },
        );
        let out = "";
        let err = "";
        child.stdout.on("data", (c: Buffer) => (out += c));
        child.stderr.on("data", (c: Buffer) => (err += c));
        child.on("close", (code) => resolve({ code, out, err }));
      });
    const started = Date.now();
    const processes = await Promise.all([run(), run()]);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const reports = processes.map((p) => {
      expect(p.code, p.err).toBe(0);
      return JSON.parse(p.out.trim().split("\n").at(-1)!) as SendReport & { pid: number; runs: number };
    });
    console.log(`[outbox-faults] ${database.name} · two senders in ${seconds} s: ${JSON.stringify(reports)}`);
    const result = tally(database.name, "two sender processes, hanging server", stored);
    // Every stored mail arrived; a second copy only where the sender's deadline ended a send around the
    // server's 250 (the documented re-send, same Message-ID: counted above by Message-ID).
    expect(result).toMatchObject({ stored: count, delivered: count, unexplained: 0, strangers: 0 });
    expect(result.arrived).toBe(count + result.duplicates);
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(count);
    // The hang really happened (to whichever sender reached the server first).
    expect(reports.reduce((sum, r) => sum + r.failed, 0)).toBeGreaterThan(0);
    expect(await client.mailOutbox.count({ where: { sentAt: null } })).toBe(0);
    // Each sender may run for its whole SENDER_SECONDS (60) on a busy machine, and starting it takes a while too
  }, 150_000);
});
