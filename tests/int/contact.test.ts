import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTransport } from "nodemailer";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { submitContact } from "@/lib/contact/submit";
import { routeAdviser } from "@/lib/contact/advisers";
import { getReceipt, listContactMessages } from "@/lib/contact/messages";
import { backoffMs, listPendingMail, outboxSettings, sendDueMail, type MailTransport } from "@/lib/contact/outbox";
import { issueStartStamp } from "@/lib/form-guard";
import { createPrismaClient, type Db } from "@/lib/database/client";
import { fixtureContent } from "../helpers/content";
import { testDatabases, truncateCatalogue } from "../helpers/databases";
import { TestSmtpServer } from "../helpers/smtp";

const databases = testDatabases({ beforeAll, afterAll });
const smtp = new TestSmtpServer();

beforeAll(async () => smtp.start());
afterAll(async () => smtp.stop());

function transport(): MailTransport {
  return createTransport({
    host: "127.0.0.1",
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 2000,
  });
}

let clientCounter = 0;
// A fresh client address, so that rate limits of one test do not spill into another
const nextClient = () => `198.51.100.${++clientCounter % 250}:${clientCounter}`;

const valid = {
  name: "Mette Hansen",
  email: "mette@kommune.example",
  organisation: "Jobcenter Testby",
  municipality: "Testby",
  subject: "Spørgsmål om rapporten",
  message: "Hvordan har I målt effekten?",
  consent: "yes",
  adviser: "",
  item: "",
  // As the rendered form sends it without JavaScript: the time fields are there, empty.
  started: "",
  elapsed: "",
};

describe.each(databases)("contact on the $name database", (database) => {
  let client: Db;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    client = database.client();
    await truncateCatalogue(client);
    await importCatalogue(client, await loadCatalogue(fixtureContent));
    for (const item of await client.item.findMany()) ids[item.contentKey] = item.id;
    for (const adviser of await client.adviser.findMany()) ids[adviser.slug] = adviser.id;
  });
  beforeEach(async () => {
    await client.$executeRawUnsafe(`TRUNCATE "ContactMessage", "MailOutbox", "RateLimitBucket" CASCADE`);
    smtp.received = [];
  });

  const submit = (fields: Record<string, string>, locale: "da" | "sv" = "da", clientAddress = nextClient()) =>
    submitContact(client, { ...valid, ...fields }, { locale, clientAddress });

  describe("routing", () => {
    it("sends a question about an item to the item's adviser", async () => {
      const adviser = await routeAdviser(client, "sv", ids["da/publication/testrapport"]);
      expect(adviser?.slug).toBe("anna-test");
    });

    it("falls back to an adviser of the item's topics, then to the locale's default adviser", async () => {
      const itemId = ids["sv/publication/testrapport"]!;
      const topic = await client.topic.findUniqueOrThrow({ where: { slug: "samarbejde" } });
      await client.item.update({
        where: { id: itemId },
        data: { adviserId: null, topics: { deleteMany: {}, create: [{ topicId: topic.id }] } },
      });
      // sven-prov is the Swedish default, but anna-test answers for the item's topic.
      expect((await routeAdviser(client, "sv", itemId))?.slug).toBe("anna-test");

      await client.itemTopic.deleteMany({ where: { itemId } });
      expect((await routeAdviser(client, "sv", itemId))?.slug).toBe("sven-prov");
      expect((await routeAdviser(client, "da", itemId))?.slug).toBe("anna-test");
      expect((await routeAdviser(client, "sv", null))?.slug).toBe("sven-prov");
    });

    it("stores the routed adviser and the receipt names them with the reference, not the message", async () => {
      const { outcome } = await submit({ item: ids["sv/project/provprojekt"]! }, "da");
      expect(outcome.status).toBe("stored");
      if (outcome.status !== "stored") return;
      expect(outcome.reference).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      const receipt = await getReceipt(client, outcome.reference, "sv");
      expect(receipt).toEqual({ reference: outcome.reference, adviser: { name: "Sven Prov", title: "Utredare" } });
      expect(JSON.stringify(receipt)).not.toContain(valid.message);
      expect(await getReceipt(client, "0000-0000-0000-0000", "da")).toBeNull();
    });
  });

  describe("delivery", () => {
    it("mails the routed adviser once, with the visitor as Reply-To and no one else as recipient", async () => {
      const { outcome } = await submit({ item: ids["da/publication/testrapport"]! });
      expect(outcome.status).toBe("stored");
      expect(await sendDueMail(client, transport())).toEqual({ sent: 1, failed: 0, givenUp: 0, lostLease: 0 });
      expect(await sendDueMail(client, transport())).toEqual({ sent: 0, failed: 0, givenUp: 0, lostLease: 0 });

      expect(smtp.received).toHaveLength(1);
      const [received] = smtp.received;
      expect(received!.to).toEqual(["anna@example.org"]);
      expect(received!.mail.replyTo?.value).toEqual([{ name: "Mette Hansen", address: "mette@kommune.example" }]);
      expect(received!.mail.subject).toContain("Spørgsmål om rapporten");
      expect(received!.mail.text).toContain("Hvordan har I målt effekten?");
      expect(received!.mail.text).toContain("Testrapport om samarbejde");
      expect(received!.mail.html).toBe(false);
      const [message] = await listContactMessages(client);
      expect(message?.mail).toEqual([expect.objectContaining({ attempts: 1, lastError: null })]);
      expect(message?.mail[0]?.sentAt).not.toBeNull();
    });

    it("keeps the message while the mail server is down and delivers it once when it is back", async () => {
      await smtp.stop();
      const { outcome } = await submit({ subject: "Under udfaldet" });
      expect(outcome.status).toBe("stored");
      expect(await client.contactMessage.count()).toBe(1);

      const failedAt = new Date();
      const settings = outboxSettings({});
      expect(await sendDueMail(client, transport(), { now: failedAt })).toMatchObject({ sent: 0, failed: 1 });
      const [pending] = await listPendingMail(client);
      expect(pending).toMatchObject({ attempts: 1, to: "anna@example.org", failedAt: null });
      expect(pending!.lastError).toBeTruthy();
      // Counted from the failure, with up to half of it taken off at random.
      const wait = new Date(pending!.nextAttemptAt).getTime() - failedAt.getTime();
      expect(wait).toBeGreaterThanOrEqual(backoffMs(1, settings, () => 0));
      expect(wait).toBeLessThanOrEqual(backoffMs(1, settings, () => 1));

      await smtp.start();
      // Not due yet: the backoff holds it back.
      expect(await sendDueMail(client, transport(), { now: failedAt })).toMatchObject({ sent: 0, failed: 0 });
      const later = new Date(failedAt.getTime() + backoffMs(1, settings, () => 1));
      expect(await sendDueMail(client, transport(), { now: later })).toMatchObject({ sent: 1, failed: 0 });
      expect(await sendDueMail(client, transport(), { now: new Date(later.getTime() + 3_600_000) })).toMatchObject({
        sent: 0,
        failed: 0,
      });
      expect(smtp.received.map((r) => r.mail.subject)).toEqual([expect.stringContaining("Under udfaldet")]);
      expect(await listPendingMail(client)).toEqual([]);
    });

    it("stores 200 parallel submissions and delivers each exactly once with three senders at work", async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          submit({ subject: `Spørgsmål nr. ${i}`, message: `Besked ${i}`, email: `person${i}@example.net` }),
        ),
      );
      expect(outcomes.filter((o) => o.outcome.status === "stored")).toHaveLength(200);
      expect(await client.contactMessage.count()).toBe(200);
      expect(await client.mailOutbox.count()).toBe(200);

      const reports = await Promise.all([1, 2, 3].map(() => sendDueMail(client, transport())));
      expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(200);
      expect(smtp.received).toHaveLength(200);
      const subjects = new Set(smtp.received.map((r) => r.mail.subject));
      expect(subjects.size).toBe(200);
      const messageIds = new Set(smtp.received.map((r) => r.mail.messageId));
      expect(messageIds.size).toBe(200);
      for (const r of smtp.received) expect(r.to).toEqual(["anna@example.org"]);
      expect(await client.mailOutbox.count({ where: { sentAt: null } })).toBe(0);
    });
  });

  describe("bad input", () => {
    const required = ["name", "email", "subject", "message", "consent"] as const;
    for (const field of required) {
      it(`asks for the ${field} when it is missing`, async () => {
        const { outcome, values } = await submitContact(
          client,
          Object.fromEntries(Object.entries(valid).filter(([k]) => k !== field)),
          { locale: "da", clientAddress: nextClient() },
        );
        expect(outcome).toEqual({ status: "invalid", errors: { [field]: "required" } });
        // What the visitor typed comes back for the form.
        expect(values.subject).toBe(field === "subject" ? "" : valid.subject);
      });
    }

    it("rejects an invalid e-mail address and a 100 kB message", async () => {
      expect((await submit({ email: "mette@" })).outcome).toEqual({ status: "invalid", errors: { email: "invalid" } });
      expect((await submit({ message: "x".repeat(100_000) })).outcome).toEqual({
        status: "invalid",
        errors: { message: "tooLong" },
      });
    });

    it("refuses header injection in name, subject and e-mail, so no extra recipient is ever added", async () => {
      const outcome = await submit({
        name: "Eve\r\nBcc: victim@example.com",
        subject: "Hej\r\nBcc: victim@example.com",
        email: "eve@example.com\r\nBcc: victim@example.com",
      });
      expect(outcome.outcome).toEqual({
        status: "invalid",
        errors: { name: "lineBreak", subject: "lineBreak", email: "lineBreak" },
      });
      expect(await client.contactMessage.count()).toBe(0);
    });

    it("stores HTML and script in every field as inert text and mails plain text only", async () => {
      const html = `<script>alert(1)</script><b onmouseover="x()">fed</b>`;
      const { outcome } = await submit({
        name: html,
        organisation: html,
        municipality: html,
        subject: html,
        message: `${html}\n<img src=x onerror=alert(1)>`,
      });
      expect(outcome.status).toBe("stored");
      const [stored] = await listContactMessages(client);
      expect(stored).toMatchObject({ name: html, organisation: html, municipality: html, subject: html });
      await sendDueMail(client, transport());
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.mail.html).toBe(false);
      expect(smtp.received[0]!.mail.text).toContain("<img src=x onerror=alert(1)>");
      expect(smtp.received[0]!.to).toEqual(["anna@example.org"]);
    });

    it("keeps emoji and right-to-left text intact", async () => {
      const fields = { name: "زينب 👩🏽‍💼", subject: "سؤال عن التقرير 📄", message: "مرحبا! 🙂\nשלום" };
      const { outcome } = await submit(fields);
      expect(outcome.status).toBe("stored");
      const [stored] = await listContactMessages(client);
      expect(stored).toMatchObject(fields);
      await sendDueMail(client, transport());
      expect(smtp.received[0]!.mail.subject).toContain(fields.subject);
      expect(smtp.received[0]!.mail.text).toContain(fields.message);
    });

    it("rejects a forged adviser and ignores a forged item, never mailing anyone but an adviser", async () => {
      for (const adviser of ["not-an-adviser", ids["anna-test"]!, "x@evil.example", '\'; DROP TABLE "Adviser"; --']) {
        expect((await submit({ adviser })).outcome).toEqual({ status: "invalid", errors: { adviser: "unknown" } });
      }
      const forgedItem = await submit({ item: "00000000-0000-4000-8000-000000000000" }, "sv");
      expect(forgedItem.outcome.status).toBe("stored");
      const junkItem = await submit({ item: "<script>", subject: "Andet emne" }, "sv");
      expect(junkItem.outcome.status).toBe("stored");
      await sendDueMail(client, transport());
      expect(smtp.received.flatMap((r) => r.to)).toEqual(["sven@example.org", "sven@example.org"]);
    });

    it("lets the visitor choose an adviser by slug", async () => {
      const { outcome } = await submit({ adviser: "sven-prov", item: ids["da/publication/testrapport"]! });
      expect(outcome.status).toBe("stored");
      await sendDueMail(client, transport());
      expect(smtp.received[0]!.to).toEqual(["sven@example.org"]);
    });
  });

  describe("abuse", () => {
    it("stores a double submit once, with or without the form key", async () => {
      const key = "k3yOfOneFilledInForm-123";
      const [a, b] = await Promise.all([submit({ key }), submit({ key })]);
      const c = await submit({ key });
      expect(a.outcome.status).toBe("stored");
      const references = [a, b, c].map((r) => (r.outcome.status === "stored" ? r.outcome.reference : null));
      expect(new Set(references).size).toBe(1);
      // Without a key (a cached page without JavaScript) the same content within the window counts once.
      const d = await submit({ subject: "Uden nøgle" });
      const e = await submit({ subject: "Uden nøgle" });
      expect(e.outcome).toMatchObject({ status: "stored", duplicate: true });
      expect(d.outcome.status === "stored" && e.outcome.status === "stored" && d.outcome.reference).toBe(
        e.outcome.status === "stored" && e.outcome.reference,
      );
      expect(await client.contactMessage.count()).toBe(2);
      expect(await client.mailOutbox.count()).toBe(2);
    });

    it("discards a filled-in honeypot and stores nothing", async () => {
      expect((await submit({ website: "http://spam.example" })).outcome).toEqual({ status: "discarded" });
      expect(await client.contactMessage.count()).toBe(0);
    });

    it("refuses a form sent faster than the minimum fill time, trusting only a signed start", async () => {
      expect((await submit({ started: issueStartStamp(Date.now()) })).outcome).toEqual({ status: "tooFast" });
      expect((await submit({ elapsed: "400" })).outcome).toEqual({ status: "tooFast" });
      expect((await submit({ started: issueStartStamp(Date.now() - 10_000), subject: "Langsom" })).outcome.status).toBe(
        "stored",
      );
      // A stamp whose signature does not match counts as missing, like a cached page without JavaScript.
      const [time] = issueStartStamp().split(".");
      expect((await submit({ started: `${time}.forged`, subject: "Forfalsket" })).outcome.status).toBe("stored");
    });

    it("refuses a form posted without its time fields as sent too fast, and stores nothing", async () => {
      const untimed: Record<string, string> = { ...valid };
      delete untimed.started;
      delete untimed.elapsed;
      const before = await client.contactMessage.count();
      const result = await submitContact(
        client,
        { ...untimed, subject: "Uden tidsfelter" },
        { locale: "da", clientAddress: nextClient() },
      );
      expect(result.outcome).toEqual({ status: "tooFast" });
      expect(result.values.subject).toBe("Uden tidsfelter");
      const form = new FormData();
      for (const [key, value] of Object.entries({ ...untimed, subject: "Uden tidsfelter 2" })) form.set(key, value);
      expect((await submitContact(client, form, { locale: "da", clientAddress: nextClient() })).outcome).toEqual({
        status: "tooFast",
      });
      expect(await client.contactMessage.count()).toBe(before);
    });

    it("limits submissions per client across app processes", async () => {
      const address = "203.0.113.7";
      const other = createPrismaClient(database.url(), 2);
      try {
        const outcomes = [];
        for (let i = 0; i < 6; i++) {
          // Alternate between two clients, as two app processes would.
          const db = i % 2 ? other : client;
          outcomes.push(
            (await submitContact(db, { ...valid, subject: `Nr. ${i}` }, { locale: "da", clientAddress: address }))
              .outcome,
          );
        }
        expect(outcomes.slice(0, 5).every((o) => o.status === "stored")).toBe(true);
        expect(outcomes[5]).toMatchObject({ status: "rateLimited" });
        expect((await submit({ subject: "Anden klient" })).outcome.status).toBe("stored");
      } finally {
        await other.$disconnect();
      }
    });
  });
});
