import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { purgeExpired, retentionDays } from "@/lib/contact/retention";
import { listFailedMail, listPendingMail } from "@/lib/contact/outbox";
import { fixtureContent } from "../helpers/content";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });
const day = 24 * 60 * 60 * 1000;

describe("retention period", () => {
  it("is 180 days unless CONTACT_RETENTION_DAYS says otherwise, and refuses nonsense", () => {
    const before = process.env.CONTACT_RETENTION_DAYS;
    try {
      delete process.env.CONTACT_RETENTION_DAYS;
      expect(retentionDays()).toBe(180);
      process.env.CONTACT_RETENTION_DAYS = "30";
      expect(retentionDays()).toBe(30);
      process.env.CONTACT_RETENTION_DAYS = "-1";
      expect(() => retentionDays()).toThrow(/CONTACT_RETENTION_DAYS/);
    } finally {
      if (before === undefined) delete process.env.CONTACT_RETENTION_DAYS;
      else process.env.CONTACT_RETENTION_DAYS = before;
    }
  });
});

describe.each(databases)("contact:purge on the $name database", (database) => {
  beforeAll(async () => {
    await truncateCatalogue(database.client());
    await importCatalogue(database.client(), await loadCatalogue(fixtureContent));
  });

  it("deletes exactly the questions (and their e-mails) older than the retention period", async () => {
    const client = database.client();
    const adviser = await client.adviser.findFirstOrThrow();
    const item = await client.item.findFirstOrThrow();
    const now = new Date("2026-11-22T12:00:00Z");
    const ages = {
      "one year": 365 * day,
      "a second past": 180 * day + 1000,
      "a minute short": 180 * day - 60_000,
      yesterday: day,
      "just now": 0,
    };
    for (const [label, age] of Object.entries(ages)) {
      await client.contactMessage.create({
        data: {
          reference: label,
          submissionKey: label,
          locale: "da",
          adviserId: adviser.id,
          name: "N",
          email: "n@example.net",
          subject: label,
          message: "M",
          createdAt: new Date(now.getTime() - age),
          outbox: {
            create: {
              toAddress: adviser.email,
              subject: label,
              textBody: "M",
              messageId: `<${label}@t>`,
              sentAt: new Date(now.getTime() - age + 1000),
            },
          },
        },
      });
      await client.pageFeedback.create({
        data: {
          itemId: item.id,
          locale: "da",
          helpful: true,
          comment: `about ${label}`,
          submissionKey: label,
          createdAt: new Date(now.getTime() - age),
        },
      });
    }
    await client.rateLimitBucket.create({
      data: { key: "contact:old", windowStart: new Date(now.getTime() - 2 * day), count: 3 },
    });
    await client.rateLimitBucket.create({ data: { key: "contact:new", windowStart: now, count: 1 } });

    const report = await purgeExpired(client, { days: 180, now });
    expect(report).toMatchObject({ messages: 2, feedbackComments: 2, rateLimitBuckets: 1 });

    const left = await client.contactMessage.findMany({ orderBy: { createdAt: "asc" }, select: { subject: true } });
    expect(left.map((m) => m.subject)).toEqual(["a minute short", "yesterday", "just now"]);
    const mails = await client.mailOutbox.findMany({ select: { subject: true } });
    expect(mails.map((m) => m.subject).sort()).toEqual(["a minute short", "just now", "yesterday"]);
    // Feedback answers stay as counts; only the old comments (free text) go.
    const feedback = await client.pageFeedback.findMany({ orderBy: { createdAt: "asc" } });
    expect(feedback.map((f) => f.comment)).toEqual([
      null,
      null,
      "about a minute short",
      "about yesterday",
      "about just now",
    ]);
    expect((await client.rateLimitBucket.findMany()).map((b) => b.key)).toEqual(["contact:new"]);

    // Running it again deletes nothing more.
    expect(await purgeExpired(client, { days: 180, now })).toMatchObject({ messages: 0, feedbackComments: 0 });
  });

  it("keeps an old question whose e-mail is waiting or given up, visible to admins, until the e-mail is sent", async () => {
    const client = database.client();
    await client.contactMessage.deleteMany();
    const adviser = await client.adviser.findFirstOrThrow();
    const now = new Date("2026-11-22T12:00:00Z");
    const old = new Date(now.getTime() - 365 * day);
    const cases = { waiting: null, "given up": old, sent: null } as const;
    for (const [label, failedAt] of Object.entries(cases)) {
      await client.contactMessage.create({
        data: {
          reference: `unsent ${label}`,
          submissionKey: `unsent ${label}`,
          locale: "da",
          adviserId: adviser.id,
          name: "N",
          email: "n@example.net",
          subject: label,
          message: "M",
          createdAt: old,
          outbox: {
            create: {
              toAddress: adviser.email,
              subject: label,
              textBody: "M",
              messageId: `<unsent-${label.replace(" ", "-")}@t>`,
              failedAt,
              lastError: failedAt ? "550 mailbox unavailable" : null,
              sentAt: label === "sent" ? old : null,
              createdAt: old,
            },
          },
        },
      });
    }

    expect(await purgeExpired(client, { days: 180, now })).toMatchObject({ messages: 1, keptUnsent: 2 });
    const left = await client.contactMessage.findMany({ orderBy: { subject: "asc" }, select: { subject: true } });
    expect(left.map((m) => m.subject)).toEqual(["given up", "waiting"]);
    expect((await listFailedMail(client)).map((m) => [m.subject, m.reference, m.lastError])).toEqual([
      ["given up", "unsent given up", "550 mailbox unavailable"],
    ]);
    expect((await listPendingMail(client)).map((m) => m.subject).sort()).toEqual(["given up", "waiting"]);

    // Once the mail server has accepted them, the next purge deletes them.
    await client.mailOutbox.updateMany({ data: { sentAt: now, failedAt: null } });
    expect(await purgeExpired(client, { days: 180, now })).toMatchObject({ messages: 2, keptUnsent: 0 });
    expect(await client.contactMessage.count()).toBe(0);
    expect(await client.mailOutbox.count()).toBe(0);
  });
});
