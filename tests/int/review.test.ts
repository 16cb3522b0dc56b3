// Review dates (owner, review-by per type, "mark as reviewed", the weekly digest) and the dashboard's reads, on the
// embedded database and on DATABASE_URL when it is set.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/database/client";
import type { ItemType } from "@/lib/generated/prisma/client";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { catalogueFromDatabase } from "@/lib/content/export";
import { listAdminItems } from "@/lib/admin/item-queries";
import { listRevisions } from "@/lib/admin/item-revisions";
import { attentionFor } from "@/lib/admin/dashboard";
import { listReviewQueue, markReviewed, queueReviewDigests, reviewInfo, setItemOwner } from "@/lib/review/reviews";
import { addMonths, isoWeek, reviewPeriodMonths } from "@/lib/review/policy";
import type { Staff } from "@/lib/auth/sessions";
import { scratchContent } from "../helpers/content";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });
const now = new Date("2026-06-17T10:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

async function staffMember(client: Db, email: string, name: string, role: "admin" | "editor" = "editor") {
  const row = await client.staffUser.create({ data: { email, name, passwordHash: "x", role } });
  const staff: Staff = {
    id: row.id,
    email,
    name,
    role,
    adviserId: null,
    mustChangePassword: false,
    secondFactor: true,
    authAt: now,
  };
  return staff;
}

let serial = 0;
async function item(
  client: Db,
  patch: {
    type?: ItemType;
    status?: "draft" | "published" | "archived";
    createdAt: Date;
    reviewedAt?: Date;
    ownerId?: string;
    title?: string;
    body?: string;
    publishedAt?: Date;
  },
) {
  const slug = `emne-${++serial}`;
  const type = patch.type ?? "article";
  return client.item.create({
    data: {
      contentKey: `da/${type}/${slug}`,
      type,
      locale: "da",
      slug,
      title: patch.title ?? `Emne ${serial}`,
      summary: "Resumé",
      body: patch.body ?? "",
      status: patch.status ?? "published",
      publishedAt: patch.publishedAt ?? daysAgo(400),
      createdAt: patch.createdAt,
      reviewedAt: patch.reviewedAt ?? null,
      ownerId: patch.ownerId ?? null,
    },
  });
}

describe("review policy", () => {
  it("counts whole months, keeping the day where the month has it", () => {
    expect(addMonths(new Date("2026-01-31T00:00:00Z"), 1).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(addMonths(new Date("2026-06-17T10:00:00Z"), -12).toISOString()).toBe("2025-06-17T10:00:00.000Z");
  });
  it("names the ISO week, the digest's key", () => {
    expect(isoWeek(new Date("2026-06-17T10:00:00Z"))).toBe("2026-W25");
    expect(isoWeek(new Date("2027-01-01T10:00:00Z"))).toBe("2026-W53");
    expect(isoWeek(new Date("2026-01-01T10:00:00Z"))).toBe("2026-W01");
  });
});

describe.each(databases)("review dates and the dashboard on the $name database", (database) => {
  beforeEach(async () => {
    await truncateCatalogue(database.client());
  });

  it("lists items due and overdue by their type's period, counted from the last review or the arrival", async () => {
    const client = database.client();
    const owner = await staffMember(client, "owner@example.org", "Olga Owner");
    expect(reviewPeriodMonths.article).toBe(12);
    expect(reviewPeriodMonths.case).toBe(24);
    // An article that arrived 13 months ago and was never reviewed: overdue.
    const overdue = await item(client, { createdAt: daysAgo(395), ownerId: owner.id, title: "Gammel vejledning" });
    // A case of the same age: its period is 24 months, so not yet due.
    await item(client, { type: "case", createdAt: daysAgo(395) });
    // An article reviewed 350 days ago: due within 30 days.
    const due = await item(client, { createdAt: daysAgo(900), reviewedAt: daysAgo(350) });
    // An old draft and an old archived item take no part.
    await item(client, { status: "draft", createdAt: daysAgo(900) });
    await item(client, { status: "archived", createdAt: daysAgo(900) });

    const queue = await listReviewQueue(client, { now });
    expect(queue.rows.map((r) => [r.id, r.state])).toEqual([
      [overdue.id, "overdue"],
      [due.id, "due"],
    ]);
    expect(queue).toMatchObject({ overdue: 1, due: 1, unowned: 2 });
    const mine = await listReviewQueue(client, { now, ownerId: owner.id });
    expect(mine.rows.map((r) => r.id)).toEqual([overdue.id]);

    vi.useFakeTimers({ now, toFake: ["Date"] });
    try {
      const flagged = await listAdminItems(client, { review: "overdue" });
      expect(flagged.map((r) => [r.title, r.review?.state, r.owner])).toEqual([
        ["Gammel vejledning", "overdue", "Olga Owner"],
      ]);
      const unowned = await listAdminItems(client, { review: "unowned" });
      expect(unowned).toHaveLength(2);
      expect(unowned.every((r) => r.owner === null)).toBe(true);
      const own = await listAdminItems(client, { review: "mine", ownerId: owner.id });
      expect(own.map((r) => r.id)).toEqual([overdue.id]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("marks an item as reviewed with a revision and an audit entry, and its next review moves a period on", async () => {
    const client = database.client();
    const editor = await staffMember(client, "ed@example.org", "Edith Editor");
    const row = await item(client, { createdAt: daysAgo(400), title: "Vejledning om udbud" });
    expect((await reviewInfo(client, row.id, now))!.state).toBe("overdue");

    const outcome = await markReviewed(client, editor, row.id, now);
    expect(outcome).toEqual({ status: "reviewed", reviewedAt: now });
    const info = (await reviewInfo(client, row.id, now))!;
    expect(info.reviewedAt?.toISOString()).toBe(now.toISOString());
    expect(info.dueAt.toISOString()).toBe("2027-06-17T10:00:00.000Z");
    expect(info.state).toBe("ok");
    const revisions = await listRevisions(client, row.id);
    expect(revisions.map((r) => [r.action, r.authorName])).toEqual([["review", "Edith Editor"]]);
    const audits = await client.auditLog.findMany({ where: { entityId: row.id } });
    expect(audits.map((a) => [a.action, a.actorEmail])).toEqual([["item.review", "ed@example.org"]]);
    expect((await listReviewQueue(client, { now })).rows).toHaveLength(0);
    // The review is not an edit: the import may still bring the item's file in.
    expect((await client.item.findUnique({ where: { id: row.id } }))!.adminEditedAt).toBeNull();
    expect(await markReviewed(client, editor, "00000000-0000-4000-8000-000000000000", now)).toEqual({
      status: "gone",
    });
  });

  it("gives an item an active staff member as owner, refuses anyone else, and audits the change", async () => {
    const client = database.client();
    const admin = await staffMember(client, "admin@example.org", "Ada Admin", "admin");
    const owner = await staffMember(client, "owner@example.org", "Olga Owner");
    const gone = await staffMember(client, "gone@example.org", "Gone Staff");
    await client.staffUser.update({ where: { id: gone.id }, data: { active: false } });
    const row = await item(client, { createdAt: daysAgo(10) });

    expect(await setItemOwner(client, admin, row.id, gone.id)).toEqual({ status: "unknownOwner" });
    expect(await setItemOwner(client, admin, row.id, "00000000-0000-4000-8000-000000000000")).toEqual({
      status: "unknownOwner",
    });
    expect((await client.item.findUnique({ where: { id: row.id } }))!.ownerId).toBeNull();
    expect(await setItemOwner(client, admin, row.id, owner.id, now)).toEqual({ status: "saved" });
    const saved = (await client.item.findUnique({ where: { id: row.id } }))!;
    expect(saved.ownerId).toBe(owner.id);
    expect(saved.adminEditedAt?.toISOString()).toBe(now.toISOString());
    const audits = await client.auditLog.findMany({ where: { entityId: row.id } });
    expect(audits.map((a) => [a.action, a.detail])).toEqual([["item.owner", { from: null, to: owner.id }]]);
    expect(await setItemOwner(client, admin, row.id, null)).toEqual({ status: "saved" });
    expect((await client.item.findUnique({ where: { id: row.id } }))!.ownerId).toBeNull();
  });

  it("queues one digest per owner per week through the outbox, however many runs there are at once", async () => {
    const client = database.client();
    const olga = await staffMember(client, "olga@example.org", "Olga Owner");
    const sven = await staffMember(client, "sven@example.org", "Sven Svensson");
    const adviser = await client.adviser.create({
      data: { slug: "sven", name: "Sven", titleDa: "R", titleSv: "R", email: "s@example.org", languages: ["sv"] },
    });
    await client.staffUser.update({ where: { id: sven.id }, data: { adviserId: adviser.id } });
    const quiet = await staffMember(client, "quiet@example.org", "Quiet Owner");
    await item(client, { createdAt: daysAgo(400), ownerId: olga.id, title: "Overskredet vejledning" });
    await item(client, { createdAt: daysAgo(900), reviewedAt: daysAgo(350), ownerId: olga.id, title: "Snart" });
    await item(client, { createdAt: daysAgo(400), ownerId: sven.id, title: "Försenad vägledning" });
    await item(client, { createdAt: daysAgo(10), ownerId: quiet.id });

    // Four runs at once (several app servers or cron hosts): each owner gets exactly one digest this week.
    const reports = await Promise.all([1, 2, 3, 4].map(() => queueReviewDigests(client, now)));
    expect(reports.reduce((n, r) => n + r.queued, 0)).toBe(2);
    expect(reports.reduce((n, r) => n + r.alreadySent, 0)).toBe(6);
    const again = await queueReviewDigests(client, new Date(now.getTime() + 2 * 86_400_000));
    expect(again).toMatchObject({ week: "2026-W25", queued: 0, alreadySent: 2 });

    const mails = await client.mailOutbox.findMany({ orderBy: { toAddress: "asc" } });
    expect(mails.map((m) => m.toAddress)).toEqual(["olga@example.org", "sven@example.org"]);
    const [toOlga, toSven] = mails;
    expect(toOlga!.subject).toBe("2 emner skal gennemgås (1 overskredet)");
    expect(toOlga!.textBody).toContain("Hej Olga Owner");
    expect(toOlga!.textBody).toContain("- Overskredet vejledning (senest ");
    expect(toOlga!.textBody).toMatch(/\/da\/admin\/items\/[0-9a-f-]{36}/);
    expect(toOlga!.textBody.indexOf("Overskredet:")).toBeLessThan(toOlga!.textBody.indexOf("Snart:"));
    expect(toSven!.subject).toBe("1 post ska granskas (1 försenade)");
    expect(toSven!.textBody).toContain("/sv/admin/items/");
    expect(await client.reviewDigest.count()).toBe(2);

    // The next week brings the next digest.
    const nextWeek = await queueReviewDigests(client, new Date(now.getTime() + 7 * 86_400_000));
    expect(nextWeek).toMatchObject({ week: "2026-W26", queued: 2 });
  });

  it("imports an owner named by e-mail and a review date, leaves an unknown address unowned, and exports both", async () => {
    const client = database.client();
    const owner = await staffMember(client, "owner@example.org", "Olga Owner");
    const content = await scratchContent();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      await content.edit("items/da/publication/testrapport.md", (text) =>
        text.replace("year: 2016\n", "year: 2016\nowner: Owner@Example.org\nreviewed: 2026-01-15\n"),
      );
      await content.edit("items/sv/project/provprojekt.md", (text) =>
        text.replace(/^---\n/, "---\nowner: nobody@example.org\n"),
      );
      await importCatalogue(client, await loadCatalogue(content.dir));
      const rows = await client.item.findMany({ select: { contentKey: true, ownerId: true, reviewedAt: true } });
      const byKey = new Map(rows.map((r) => [r.contentKey, r]));
      expect(byKey.get("da/publication/testrapport")).toMatchObject({
        ownerId: owner.id,
        reviewedAt: new Date("2026-01-15T00:00:00Z"),
      });
      expect(byKey.get("sv/project/provprojekt")).toMatchObject({ ownerId: null, reviewedAt: null });
      expect(warn.mock.calls.flat().join("\n")).toMatch(
        /provprojekt\.md: owner nobody@example\.org is no staff account/,
      );

      const exported = await catalogueFromDatabase(client);
      const report = exported.items.find((i) => i.key === "da/publication/testrapport")!;
      expect(report.data).toMatchObject({ owner: "owner@example.org", reviewed: "2026-01-15" });

      // A review marked in the admin is not moved back by an older date in the file.
      const itemId = (await client.item.findUnique({ where: { contentKey: "da/publication/testrapport" } }))!.id;
      await markReviewed(client, owner, itemId, now);
      await content.edit("items/da/publication/testrapport.md", (text) => text.replace("year: 2016", "year: 2017"));
      await importCatalogue(client, await loadCatalogue(content.dir));
      const after = (await client.item.findUnique({ where: { id: itemId } }))!;
      expect(after.year).toBe(2017);
      expect(after.reviewedAt?.toISOString()).toBe(now.toISOString());
    } finally {
      warn.mockRestore();
      await content.remove();
    }
  });

  it("gathers what needs attention: new messages, reviews, failed mail, unhelpful comments, the calendar and others' changes", async () => {
    const client = database.client();
    const admin = await staffMember(client, "admin@example.org", "Ada Admin", "admin");
    const editor = await staffMember(client, "ed@example.org", "Edith Editor");
    const mine = await item(client, { createdAt: daysAgo(400), ownerId: admin.id, title: "Min gamle vejledning" });
    const soon = await item(client, {
      status: "published",
      createdAt: daysAgo(1),
      publishedAt: new Date(now.getTime() + 3 * 86_400_000),
      title: "Kommer snart",
    });
    await item(client, {
      createdAt: daysAgo(1),
      publishedAt: new Date(now.getTime() + 20 * 86_400_000),
      title: "Kommer senere",
    });
    await client.contactMessage.create({
      data: {
        reference: "KB-1",
        submissionKey: "k1",
        locale: "da",
        name: "Borger",
        email: "b@example.org",
        subject: "Et spørgsmål",
        message: "Hej",
      },
    });
    await client.contactMessage.create({
      data: {
        reference: "KB-2",
        submissionKey: "k2",
        locale: "da",
        name: "Borger",
        email: "b@example.org",
        subject: "Besvaret",
        message: "Hej",
        status: "answered",
      },
    });
    await client.mailOutbox.create({
      data: { toAddress: "x@example.org", subject: "s", textBody: "t", messageId: "<m1@x>", failedAt: now },
    });
    await client.pageFeedback.createMany({
      data: [
        {
          itemId: mine.id,
          locale: "da",
          helpful: false,
          comment: "Forældet tal",
          submissionKey: "f1",
          createdAt: daysAgo(2),
        },
        { itemId: mine.id, locale: "da", helpful: false, comment: null, submissionKey: "f2", createdAt: daysAgo(2) },
        { itemId: mine.id, locale: "da", helpful: true, comment: "God", submissionKey: "f3", createdAt: daysAgo(2) },
        {
          itemId: mine.id,
          locale: "da",
          helpful: false,
          comment: "Gammel",
          submissionKey: "f4",
          createdAt: daysAgo(90),
        },
      ],
    });
    await client.auditLog.createMany({
      data: [
        {
          actorId: editor.id,
          actorEmail: editor.email,
          action: "item.save",
          entity: "item",
          entityId: soon.id,
          detail: { title: "Kommer snart" },
          at: daysAgo(1),
        },
        {
          actorId: admin.id,
          actorEmail: admin.email,
          action: "item.save",
          entity: "item",
          entityId: mine.id,
          detail: { title: "Min" },
          at: daysAgo(1),
        },
        { actorId: null, actorEmail: "system", action: "access.refused", entity: "access", at: daysAgo(1) },
        // A glossary term still without its Danish word is named by its Swedish one
        {
          actorId: editor.id,
          actorEmail: editor.email,
          action: "glossary.create",
          entity: "glossary",
          entityId: randomUUID(),
          detail: { termDa: "", termSv: "Tyresö", slug: "tyreso" },
          at: daysAgo(2),
        },
      ],
    });

    const seen = await attentionFor(client, admin, now);
    expect(seen.inbox).toMatchObject({ count: 1, messages: [{ reference: "KB-1", subject: "Et spørgsmål" }] });
    expect(seen.reviews.mine.map((r) => r.title)).toEqual(["Min gamle vejledning"]);
    expect(seen.reviews).toMatchObject({ overdue: 1, unowned: 2 });
    expect(seen.mail).toEqual({ failed: 1, waiting: 0 });
    expect(seen.feedback.map((f) => f.comment)).toEqual(["Forældet tal"]);
    expect(seen.scheduled.map((s) => s.title)).toEqual(["Kommer snart"]);
    expect(seen.changes.map((c) => [c.actorEmail, c.title])).toEqual([
      ["ed@example.org", "Kommer snart"],
      ["ed@example.org", "Tyresö"],
    ]);

    // An editor with no adviser has no inbox and no mail page; their own change is not "by others".
    const editorView = await attentionFor(client, editor, now);
    expect(editorView.inbox).toBeNull();
    expect(editorView.mail).toBeNull();
    expect(editorView.reviews.mine).toEqual([]);
    expect(editorView.changes.map((c) => c.actorEmail)).toEqual(["admin@example.org"]);
  });
});
