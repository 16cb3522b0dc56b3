// E-mail alerts without an account: sign-up through the abuse checks, double opt-in with an expiring hashed token,
// the purge of unconfirmed alerts, digests queued exactly once (two runners at once, a run stopped half-way), one-click
// unsubscribe and the manage link, on the embedded database and on DATABASE_URL when it is set; the mails go through
// the outbox to a real SMTP server on loopback.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTransport } from "nodemailer";
import type { Db } from "@/lib/database/client";
import type { ItemType, Locale } from "@/lib/generated/prisma/client";
import { sendDueMail, type MailTransport } from "@/lib/contact/outbox";
import {
  checkConfirmToken,
  confirmAlert,
  countAlerts,
  endAlertsOf,
  listAlertsOf,
  purgeUnconfirmedAlerts,
  subscribeAlert,
  unsubscribeAlert,
} from "@/lib/alerts/store";
import { queueAlertDigests, runAlerts, windowEnd } from "@/lib/alerts/digest";
import { canonicalAlertQuery } from "@/lib/alerts/lists";
import { manageToken, readManageToken, readUnsubscribeToken, unsubscribeToken } from "@/lib/alerts/tokens";
import { saveItem } from "@/lib/admin/item-save";
import { emptyItemValues } from "@/lib/admin/item-form";
import { TestSmtpServer } from "../helpers/smtp";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

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
const nextClient = () => `203.0.113.${++clientCounter % 250}:${clientCounter}`;

// As the rendered form sends it without JavaScript on a cached page: the time fields are there, empty
const form = (fields: Record<string, string>) => ({
  email: "mette@kommune.example",
  frequency: "daily",
  list: "topic=udbud",
  website: "",
  key: "",
  started: "",
  elapsed: "",
  ...fields,
});

// The confirmation token in a queued mail's text
function tokenIn(text: string): string {
  const match = /[?&]token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no token in ${text}`);
  return match[1]!;
}

describe("alert lists", () => {
  it("spells a page's filters as its feed does, whatever order they came in", () => {
    expect(canonicalAlertQuery("year=2024&topic=udbud&type=case&page=3")?.query).toBe(
      "topic=udbud&type=case&year=2024",
    );
    expect(canonicalAlertQuery("lang=sv&q=udbud&sort=newest")?.query).toBe("q=udbud&lang=sv");
    expect(canonicalAlertQuery("")).toBeNull();
    expect(canonicalAlertQuery("q=")).toBeNull();
    expect(canonicalAlertQuery("topic=<script>")).toBeNull();
  });

  it("signs the unsubscribe and manage links so that none can be made up", () => {
    const id = "0b6f3f52-5f7d-4c36-9d0e-0a3d2f7c1e11";
    expect(readUnsubscribeToken(unsubscribeToken(id))).toBe(id);
    expect(readUnsubscribeToken(`${id}.${"A".repeat(32)}`)).toBeNull();
    expect(readUnsubscribeToken(unsubscribeToken(id).replace(id.slice(0, 8), "1b6f3f52"))).toBeNull();
    expect(readManageToken(manageToken("Mette@Kommune.example"))).toBe("mette@kommune.example");
    const [value] = manageToken("mette@kommune.example").split(".");
    const forged = Buffer.from("other@example.org").toString("base64url");
    expect(readManageToken(manageToken("mette@kommune.example").replace(value!, forged))).toBeNull();
  });

  it("closes windows at now, the start of the day and the start of the ISO week (UTC)", () => {
    const wednesday = new Date("2026-06-17T10:30:00Z");
    expect(windowEnd("immediate", wednesday)).toEqual(wednesday);
    expect(windowEnd("daily", wednesday).toISOString()).toBe("2026-06-17T00:00:00.000Z");
    expect(windowEnd("weekly", wednesday).toISOString()).toBe("2026-06-15T00:00:00.000Z");
    expect(windowEnd("weekly", new Date("2026-06-21T23:00:00Z")).toISOString()).toBe("2026-06-15T00:00:00.000Z");
  });
});

describe.each(databases)("e-mail alerts on the $name database", (database) => {
  let client: Db;
  let topicId: string;
  let serial = 0;

  beforeAll(async () => {
    client = database.client();
    await truncateCatalogue(client);
    const topic = await client.topic.create({ data: { slug: "udbud", nameDa: "Udbud", nameSv: "Upphandling" } });
    topicId = topic.id;
  });
  beforeEach(async () => {
    await client.$executeRawUnsafe(
      `TRUNCATE "Alert", "MailOutbox", "RateLimitBucket", "JobLease", "ItemTopic", "Item" CASCADE`,
    );
    smtp.received = [];
  });

  async function item(patch: {
    publishedAt: Date;
    locale?: Locale;
    type?: ItemType;
    topic?: boolean;
    title?: string;
    substantialChangeAt?: Date;
    status?: "published" | "draft";
  }) {
    const slug = `emne-${++serial}`;
    const type = patch.type ?? "case";
    const locale = patch.locale ?? "da";
    return client.item.create({
      data: {
        contentKey: `${locale}/${type}/${slug}`,
        type,
        locale,
        slug,
        title: patch.title ?? `Emne ${serial}`,
        summary: "Et kort resumé",
        status: patch.status ?? "published",
        publishedAt: patch.publishedAt,
        substantialChangeAt: patch.substantialChangeAt ?? null,
        topics: patch.topic === false ? undefined : { create: [{ topicId }] },
      },
    });
  }

  // Sign up and confirm an alert at the given time; its id
  async function confirmed(fields: Record<string, string>, at: Date, locale: Locale = "da"): Promise<string> {
    const { outcome } = await subscribeAlert(client, form(fields), { locale, clientAddress: nextClient(), now: at });
    expect(outcome.status).toBe("queued");
    const mail = await client.mailOutbox.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    const result = await confirmAlert(client, tokenIn(mail.textBody), at);
    expect(result.status).toBe("valid");
    return result.status === "valid" ? result.alert.id : "";
  }

  describe("sign-up and confirmation", () => {
    it("stores the alert unconfirmed with only a hash of its token, and queues a confirmation mail with one-click unsubscribe", async () => {
      const at = new Date("2026-06-17T10:00:00Z");
      const { outcome } = await subscribeAlert(client, form({ email: " Mette@Kommune.example " }), {
        locale: "da",
        clientAddress: nextClient(),
        now: at,
      });
      expect(outcome).toEqual({ status: "queued" });
      const alert = await client.alert.findFirstOrThrow();
      expect(alert).toMatchObject({
        email: "mette@kommune.example",
        locale: "da",
        query: "topic=udbud",
        frequency: "daily",
        confirmedAt: null,
        sentUpTo: null,
      });
      expect(alert.confirmExpiresAt?.toISOString()).toBe("2026-06-19T10:00:00.000Z");
      const mails = await client.mailOutbox.findMany();
      expect(mails).toHaveLength(1);
      const token = tokenIn(mails[0]!.textBody);
      expect(alert.confirmTokenHash).not.toContain(token);
      expect(JSON.stringify(alert)).not.toContain(token);
      expect(mails[0]!.subject).toContain("Udbud");
      expect(mails[0]!.textBody).toContain("/da/besked-om-nyt/bekraeft?token=");
      expect(mails[0]!.headers).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });

      // The mail arrives through the outbox with the one-click headers (RFC 8058).
      expect(await sendDueMail(client, transport())).toMatchObject({ sent: 1 });
      const received = smtp.received[0]!;
      expect(received.to).toEqual(["mette@kommune.example"]);
      expect(received.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      expect(received.raw).toMatch(
        /^List-Unsubscribe:\s+<http[^>]+\/api\/alerts\/unsubscribe\?locale=da&token=[^>]+>$/m,
      );
    });

    it("refuses bad input with a code per field and stores nothing", async () => {
      const cases: [Record<string, string>, Record<string, string>][] = [
        [{ email: "" }, { email: "required" }],
        [{ email: "not an address" }, { email: "email" }],
        [{ email: `${"a".repeat(250)}@example.org` }, { email: "tooLong" }],
        [{ email: "a@b.dk\r\nBcc: x@y.z" }, { email: "email" }],
        [{ frequency: "hourly" }, { frequency: "required" }],
        [{ list: "" }, { list: "unknown" }],
        [{ list: "page=2" }, { list: "unknown" }],
      ];
      for (const [fields, errors] of cases) {
        const { outcome, values } = await subscribeAlert(client, form(fields), {
          locale: "da",
          clientAddress: nextClient(),
        });
        expect(outcome).toEqual({ status: "invalid", errors });
        // What was typed comes back to the form.
        if (fields.email !== undefined) expect(values.email).toBe(fields.email);
      }
      expect(await client.alert.count()).toBe(0);
      expect(await client.mailOutbox.count()).toBe(0);
    });

    it("applies the contact form's guards: honeypot, fill time and the per-client rate limit", async () => {
      const honeypot = await subscribeAlert(client, form({ website: "http://spam.example" }), {
        locale: "da",
        clientAddress: nextClient(),
      });
      expect(honeypot.outcome.status).toBe("discarded");
      const fast = await subscribeAlert(client, form({ elapsed: "150" }), {
        locale: "da",
        clientAddress: nextClient(),
      });
      expect(fast.outcome.status).toBe("tooFast");
      const noTime = await subscribeAlert(
        client,
        { email: "a@b.dk", frequency: "daily", list: "topic=udbud" },
        {
          locale: "da",
          clientAddress: nextClient(),
        },
      );
      expect(noTime.outcome.status).toBe("tooFast");
      expect(await client.alert.count()).toBe(0);

      const one = nextClient();
      const outcomes = [];
      for (let n = 0; n < 6; n++) {
        const { outcome } = await subscribeAlert(client, form({ email: `p${n}@kommune.example` }), {
          locale: "sv",
          clientAddress: one,
        });
        outcomes.push(outcome.status);
      }
      expect(outcomes).toEqual(["queued", "queued", "queued", "queued", "queued", "rateLimited"]);
      // Another client is not held back.
      const other = await subscribeAlert(client, form({ email: "q@kommune.example" }), {
        locale: "sv",
        clientAddress: nextClient(),
      });
      expect(other.outcome.status).toBe("queued");
    });

    it("sends one address at most three confirmation mails a day, whoever asks, and says the same to everyone", async () => {
      const statuses = [];
      for (let n = 0; n < 5; n++) {
        const { outcome } = await subscribeAlert(client, form({ list: `topic=udbud&year=${2020 + n}` }), {
          locale: "da",
          clientAddress: nextClient(),
        });
        statuses.push(outcome.status);
      }
      expect(statuses).toEqual(["queued", "queued", "queued", "queued", "queued"]);
      expect(await client.mailOutbox.count()).toBe(3);
    });

    it("shows the confirm page without confirming; only the POST confirms, once; the link expires after 48 h", async () => {
      const at = new Date("2026-06-17T10:00:00Z");
      await subscribeAlert(client, form({}), { locale: "da", clientAddress: nextClient(), now: at });
      const token = tokenIn((await client.mailOutbox.findFirstOrThrow()).textBody);
      const seen = await checkConfirmToken(client, token, at);
      expect(seen).toMatchObject({ status: "valid", alert: { name: "Udbud", confirmed: false, frequency: "daily" } });
      expect((await client.alert.findFirstOrThrow()).confirmedAt).toBeNull();

      const later = new Date(at.getTime() + 47 * 3_600_000);
      expect(await confirmAlert(client, token, later)).toMatchObject({ status: "valid" });
      const alert = await client.alert.findFirstOrThrow();
      expect(alert.confirmedAt?.toISOString()).toBe(later.toISOString());
      expect(alert.sentUpTo?.toISOString()).toBe(later.toISOString());
      expect(alert.confirmTokenHash).toBeNull();
      expect(await confirmAlert(client, token, later)).toEqual({ status: "invalid" });
      expect(await confirmAlert(client, "x".repeat(43), later)).toEqual({ status: "invalid" });

      await subscribeAlert(client, form({ email: "late@kommune.example" }), {
        locale: "da",
        clientAddress: nextClient(),
        now: at,
      });
      const lateToken = tokenIn(
        (await client.mailOutbox.findFirstOrThrow({ where: { toAddress: "late@kommune.example" } })).textBody,
      );
      const tooLate = new Date(at.getTime() + 48 * 3_600_000 + 1000);
      expect(await confirmAlert(client, lateToken, tooLate)).toEqual({ status: "expired" });
      expect(
        (await client.alert.findFirstOrThrow({ where: { email: "late@kommune.example" } })).confirmedAt,
      ).toBeNull();
    });

    it("answers a second sign-up for a confirmed alert with a mail pointing to the manage page, changing nothing", async () => {
      const at = new Date("2026-06-17T10:00:00Z");
      const id = await confirmed({ frequency: "weekly" }, at);
      await client.mailOutbox.deleteMany();
      const { outcome } = await subscribeAlert(client, form({ frequency: "immediate" }), {
        locale: "da",
        clientAddress: nextClient(),
        now: at,
      });
      expect(outcome.status).toBe("queued");
      const alert = await client.alert.findUniqueOrThrow({ where: { id } });
      expect(alert.frequency).toBe("weekly");
      const mail = await client.mailOutbox.findFirstOrThrow();
      expect(mail.textBody).toContain("/da/besked-om-nyt/dine-beskeder?token=");
    });

    it("deletes unconfirmed alerts after 7 days and keeps confirmed ones", async () => {
      const now = new Date("2026-06-17T10:00:00Z");
      const day = 86_400_000;
      await subscribeAlert(client, form({ email: "old@kommune.example" }), {
        locale: "da",
        clientAddress: nextClient(),
        now: new Date(now.getTime() - 8 * day),
      });
      await subscribeAlert(client, form({ email: "recent@kommune.example" }), {
        locale: "da",
        clientAddress: nextClient(),
        now: new Date(now.getTime() - 6 * day),
      });
      await confirmed({ email: "kept@kommune.example" }, new Date(now.getTime() - 30 * day));
      expect(await purgeUnconfirmedAlerts(client, now)).toBe(1);
      expect((await client.alert.findMany({ orderBy: { email: "asc" } })).map((a) => a.email)).toEqual([
        "kept@kommune.example",
        "recent@kommune.example",
      ]);
    });
  });

  describe("digests", () => {
    it("sends nothing before confirmation, then each window's new and substantially changed items once", async () => {
      const monday = new Date("2026-06-15T09:00:00Z");
      await subscribeAlert(client, form({ email: "waiting@kommune.example" }), {
        locale: "da",
        clientAddress: nextClient(),
        now: monday,
      });
      const id = await confirmed({}, monday);
      const old = await item({ publishedAt: new Date("2025-01-01T00:00:00Z"), title: "Gammel case" });
      await item({ publishedAt: new Date("2026-06-15T12:00:00Z"), title: "Ny dansk case" });
      await item({ publishedAt: new Date("2026-06-15T13:00:00Z"), title: "Nytt svenskt fall", locale: "sv" });
      await item({ publishedAt: new Date("2026-06-15T14:00:00Z"), title: "Uden emnet", topic: false });
      await item({ publishedAt: new Date("2026-06-15T15:00:00Z"), title: "Kladde", status: "draft" });
      await client.item.update({
        where: { id: old.id },
        data: { substantialChangeAt: new Date("2026-06-15T16:00:00Z") },
      });
      // Published after the daily window closes: it belongs to the next day's mail.
      await item({ publishedAt: new Date("2026-06-16T08:00:00Z"), title: "Næste dags case" });
      await client.mailOutbox.deleteMany();

      const tuesday = new Date("2026-06-16T10:00:00Z");
      const report = await queueAlertDigests(client, { now: tuesday });
      expect(report).toMatchObject({ due: 1, queued: 1 });
      const mails = await client.mailOutbox.findMany();
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail.toAddress).toBe("mette@kommune.example");
      expect(mail.subject).toBe("Nyt i »Udbud«: 3 emner");
      expect(mail.textBody).toContain("- Ny dansk case [på dansk]");
      expect(mail.textBody).toContain("- Nytt svenskt fall [på svensk]");
      expect(mail.textBody).toMatch(/Væsentligt ændret:\n- Gammel case \[på dansk\]/);
      expect(mail.textBody).not.toContain("Uden emnet");
      expect(mail.textBody).not.toContain("Kladde");
      expect(mail.textBody).not.toContain("Næste dags case");
      expect(mail.textBody).toContain(`/api/alerts/unsubscribe?locale=da&token=${unsubscribeToken(id)}`);
      expect(mail.textBody).toContain("/da/besked-om-nyt/dine-beskeder?token=");
      expect(mail.headers).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
      expect((await client.alert.findUniqueOrThrow({ where: { id } })).sentUpTo?.toISOString()).toBe(
        "2026-06-16T00:00:00.000Z",
      );

      // The same day again: nothing. The next day: only what came since.
      expect(await queueAlertDigests(client, { now: new Date("2026-06-16T23:00:00Z") })).toMatchObject({
        due: 0,
        queued: 0,
      });
      expect(await client.mailOutbox.count()).toBe(1);
      await queueAlertDigests(client, { now: new Date("2026-06-17T06:00:00Z") });
      const next = await client.mailOutbox.findMany({ orderBy: { createdAt: "asc" } });
      expect(next).toHaveLength(2);
      expect(next[1]!.subject).toBe("Nyt i »Udbud«: 1 emne");
      expect(next[1]!.textBody).toContain("Næste dags case");
      // The unconfirmed alert never got anything.
      expect(await client.mailOutbox.count({ where: { toAddress: "waiting@kommune.example" } })).toBe(0);
    });

    it("writes a Swedish search alert in Swedish and lists only items holding the searched words", async () => {
      const at = new Date("2026-06-17T10:00:00Z");
      await confirmed(
        { email: "anna@kommun.example", list: "q=upphandling&lang=sv", frequency: "immediate" },
        at,
        "sv",
      );
      await item({ publishedAt: new Date(at.getTime() + 60_000), locale: "sv", title: "Social upphandling i Malmö" });
      await item({ publishedAt: new Date(at.getTime() + 60_000), locale: "sv", title: "Arbetsintegrerande företag" });
      await item({ publishedAt: new Date(at.getTime() + 60_000), locale: "da", title: "Upphandling på dansk side" });
      await client.mailOutbox.deleteMany();
      await queueAlertDigests(client, { now: new Date(at.getTime() + 120_000) });
      const mail = await client.mailOutbox.findFirstOrThrow();
      expect(mail.subject).toBe("Nytt i ”Sökning: ”upphandling” · På svenska”: 1 post");
      expect(mail.textBody).toContain("- Social upphandling i Malmö [på svenska]");
      expect(mail.textBody).not.toContain("Arbetsintegrerande");
      expect(mail.textBody).not.toContain("dansk side");
      expect(mail.textBody).toContain("/sv/bevakning/dina-bevakningar?token=");
    });

    it("lists an item again once an editor saves it with 'substantial change' ticked, and not after a plain save", async () => {
      const staff = await client.staffUser.create({
        data: { email: "ed@example.org", name: "Edith Editor", passwordHash: "x", role: "editor" },
      });
      const editor = { id: staff.id, email: staff.email, name: staff.name };
      const values = {
        ...emptyItemValues(),
        type: "case",
        locale: "da",
        title: "Kommunen køber socialt",
        summary: "Om udbud",
        topicIds: [topicId],
      };
      const created = await saveItem(client, editor, { id: null, baseVersion: 0, values, intent: "publish" });
      expect(created.status).toBe("saved");
      if (created.status !== "saved") return;
      const at = new Date(Date.now() + 1000);
      await confirmed({ frequency: "immediate" }, at);
      await client.mailOutbox.deleteMany();
      const plain = await saveItem(
        client,
        editor,
        { id: created.id, baseVersion: 1, values: { ...created.values, summary: "Rettet stavefejl" }, intent: "save" },
        new Date(at.getTime() + 1000),
      );
      expect(plain.status).toBe("saved");
      expect(await queueAlertDigests(client, { now: new Date(at.getTime() + 2000) })).toMatchObject({ queued: 0 });
      const ticked = await saveItem(
        client,
        editor,
        {
          id: created.id,
          baseVersion: 2,
          values: { ...created.values, summary: "Nye regler fra 2027" },
          intent: "save",
          substantialChange: true,
        },
        new Date(at.getTime() + 3000),
      );
      expect(ticked.status).toBe("saved");
      expect((await client.item.findUniqueOrThrow({ where: { id: created.id } })).substantialChangeAt?.getTime()).toBe(
        at.getTime() + 3000,
      );
      expect(await queueAlertDigests(client, { now: new Date(at.getTime() + 4000) })).toMatchObject({ queued: 1 });
      const mail = await client.mailOutbox.findFirstOrThrow();
      expect(mail.textBody).toMatch(/Væsentligt ændret:\n- Kommunen køber socialt \[på dansk\]\n  Nye regler fra 2027/);
    });

    it("moves the mark of an alert with nothing new without a mail", async () => {
      const at = new Date("2026-06-17T10:00:00Z");
      const id = await confirmed({ frequency: "immediate" }, at);
      await client.mailOutbox.deleteMany();
      const later = new Date(at.getTime() + 60_000);
      expect(await queueAlertDigests(client, { now: later })).toMatchObject({ due: 1, queued: 0, empty: 1 });
      expect(await client.mailOutbox.count()).toBe(0);
      expect((await client.alert.findUniqueOrThrow({ where: { id } })).sentUpTo?.toISOString()).toBe(
        later.toISOString(),
      );
    });

    it("queues each alert's digest exactly once with two runners at once, and a second runner waits for the lease", async () => {
      const at = new Date("2026-06-17T10:00:00Z");
      const count = 40;
      for (let n = 0; n < count; n++) {
        await client.alert.create({
          data: {
            email: `m${n}@kommune.example`,
            locale: n % 2 ? "sv" : "da",
            query: "topic=udbud",
            frequency: "immediate",
            confirmedAt: at,
            sentUpTo: at,
          },
        });
      }
      await item({ publishedAt: new Date(at.getTime() + 1000), title: "Fælles nyhed" });
      const later = new Date(at.getTime() + 60_000);
      // Without the lease, as if it had run out under a slow runner: the marks alone keep the mails single.
      const reports = await Promise.all([
        queueAlertDigests(client, { now: later }),
        queueAlertDigests(client, { now: later }),
      ]);
      expect(reports[0]!.queued + reports[1]!.queued).toBe(count);
      const mails = await client.mailOutbox.findMany({ select: { toAddress: true } });
      expect(mails).toHaveLength(count);
      expect(new Set(mails.map((m) => m.toAddress)).size).toBe(count);

      // With the lease: one run works, the other finds it held.
      await item({ publishedAt: new Date(later.getTime() + 1000), title: "Anden nyhed" });
      const after = new Date(later.getTime() + 60_000);
      const runs = await Promise.all([
        runAlerts(client, { now: after, holder: "a" }),
        runAlerts(client, { now: after, holder: "b" }),
      ]);
      expect(runs.filter((r) => r.ran)).toHaveLength(1);
      expect(await client.mailOutbox.count()).toBe(2 * count);
      const lease = await client.jobLease.findUniqueOrThrow({ where: { name: "alerts" } });
      expect(lease.holder).toBeNull();
      expect(lease.lastReport).toMatchObject({ queued: count });
    });

    it("a run stopped half-way loses nothing and doubles nothing: the next run sends the rest", async () => {
      const at = new Date("2026-06-17T10:00:00Z");
      const count = 520; // more than one batch of 500
      await client.alert.createMany({
        data: Array.from({ length: count }, (_, n) => ({
          email: `r${n}@kommune.example`,
          locale: "da" as const,
          query: "topic=udbud",
          frequency: "immediate" as const,
          confirmedAt: at,
          sentUpTo: at,
        })),
      });
      await item({ publishedAt: new Date(at.getTime() + 1000), title: "Nyhed" });
      const later = new Date(at.getTime() + 60_000);
      // The runner loses its lease after the first batch and stops there.
      const first = await queueAlertDigests(client, { now: later, onBatch: async () => false });
      expect(first.queued).toBe(500);
      const second = await queueAlertDigests(client, { now: later });
      expect(second.queued).toBe(count - 500);
      expect(await client.mailOutbox.count()).toBe(count);
      expect(await queueAlertDigests(client, { now: later })).toMatchObject({ due: 0, queued: 0 });
    });
  });

  describe("unsubscribe, manage, counts", () => {
    it("ends one alert by its signed link, and all alerts of an address from the manage page", async () => {
      const at = new Date("2026-06-17T10:00:00Z");
      const a = await confirmed({}, at);
      await confirmed({ list: "type=case" }, at);
      await confirmed({ list: "q=udbud" }, at);
      await confirmed({ email: "other@kommune.example" }, at);
      expect(readUnsubscribeToken(unsubscribeToken(a))).toBe(a);
      expect(await unsubscribeAlert(client, a)).toEqual({ ended: true });
      expect(await unsubscribeAlert(client, a)).toEqual({ ended: false });
      const mine = await listAlertsOf(client, "mette@kommune.example", "da");
      expect(mine.map((m) => m.name).sort()).toEqual(["Cases", "Søgning: »udbud«"]);
      expect(await endAlertsOf(client, "other@kommune.example", mine[0]!.id)).toBe(0);
      expect(await endAlertsOf(client, "mette@kommune.example")).toBe(2);
      expect(await client.alert.count()).toBe(1);
    });

    it("counts confirmed alerts per topic and type for the staff, without addresses", async () => {
      const at = new Date("2026-06-17T10:00:00Z");
      await confirmed({ email: "a@kommune.example" }, at);
      await confirmed({ email: "b@kommune.example", frequency: "weekly" }, at);
      await confirmed({ email: "a@kommune.example", list: "topic=udbud&type=case" }, at);
      await subscribeAlert(client, form({ email: "c@kommune.example" }), { locale: "da", clientAddress: nextClient() });
      const counts = await countAlerts(client);
      expect(counts.total).toBe(3);
      expect(counts.byFrequency).toEqual({ immediate: 0, daily: 2, weekly: 1 });
      expect(counts.rows).toEqual([
        { topic: "udbud", type: null, search: false, count: 2 },
        { topic: "udbud", type: "case", search: false, count: 1 },
      ]);
      expect(JSON.stringify(counts)).not.toContain("@");
    });
  });
});
