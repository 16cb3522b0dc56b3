import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { purgeExpired, retentionDays } from "@/lib/contact/retention";
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
          outbox: { create: { toAddress: adviser.email, subject: label, textBody: "M", messageId: `<${label}@t>` } },
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
});
