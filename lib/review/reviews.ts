// Review dates: who keeps each item true, when it is due, "mark as reviewed", and the owners' weekly digest.
import "server-only";
import { randomBytes } from "node:crypto";
import { createTranslator } from "use-intl/core";
import da from "@/messages/da.json";
import sv from "@/messages/sv.json";
import type { Db } from "@/lib/database/client";
import { Prisma, type ItemType, type Locale } from "@/lib/generated/prisma/client";
import type { Staff } from "@/lib/auth/sessions";
import { audit } from "@/lib/admin/audit";
import { adminPath } from "@/lib/admin/paths";
import { editSelect, valuesOf } from "@/lib/admin/item-queries";
import { touchCacheTags } from "@/lib/cache/store";
import { cacheTags } from "@/lib/cache/tags";
import { mailFrom } from "@/lib/contact/mail";
import { siteUrl } from "@/lib/seo/urls";
import { isoWeek, reviewDueAt, reviewDueSoonDays, reviewState, type ReviewState } from "./policy";
import { reviewDueWhere, reviewedStatus } from "./where";

export type ReviewRow = {
  id: string;
  title: string;
  type: ItemType;
  locale: Locale;
  dueAt: Date;
  state: ReviewState;
  owner: { id: string; name: string } | null;
};

const rowSelect = {
  id: true,
  title: true,
  type: true,
  locale: true,
  reviewedAt: true,
  createdAt: true,
  owner: { select: { id: true, name: true } },
} satisfies Prisma.ItemSelect;

function toRow(r: Prisma.ItemGetPayload<{ select: typeof rowSelect }>, now: Date): ReviewRow {
  const dueAt = reviewDueAt(r);
  return {
    id: r.id,
    title: r.title,
    type: r.type,
    locale: r.locale,
    dueAt,
    state: reviewState(dueAt, now),
    owner: r.owner,
  };
}

// The items due for review within reviewDueSoonDays or overdue, earliest first; optionally one owner's (null: unowned)
export async function listReviewQueue(
  client: Db,
  options: { now?: Date; ownerId?: string | null; take?: number } = {},
): Promise<{ rows: ReviewRow[]; overdue: number; due: number; unowned: number }> {
  const now = options.now ?? new Date();
  const soon = new Date(now.getTime() + reviewDueSoonDays * 86_400_000);
  const owner: Prisma.ItemWhereInput = options.ownerId === undefined ? {} : { ownerId: options.ownerId };
  const [rows, overdue, dueBySoon, unowned] = await Promise.all([
    client.item.findMany({ where: { AND: [reviewDueWhere(soon), owner] }, select: rowSelect }),
    client.item.count({ where: { AND: [reviewDueWhere(now), owner] } }),
    client.item.count({ where: { AND: [reviewDueWhere(soon), owner] } }),
    client.item.count({ where: { AND: [reviewedStatus, { ownerId: null }] } }),
  ]);
  const sorted = rows.map((r) => toRow(r, now)).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return { rows: sorted.slice(0, options.take ?? 500), overdue, due: dueBySoon - overdue, unowned };
}

export type ReviewInfo = {
  itemId: string;
  version: number;
  owner: { id: string; name: string; email: string } | null;
  reviewedAt: Date | null;
  dueAt: Date;
  state: ReviewState;
  /** Whether the item takes part in reviews now (published). */
  active: boolean;
};

// One item's owner and review dates
export async function reviewInfo(client: Db, itemId: string, now = new Date()): Promise<ReviewInfo | null> {
  if (!/^[0-9a-f-]{36}$/i.test(itemId)) return null;
  const row = await client.item.findUnique({
    where: { id: itemId },
    select: {
      id: true,
      version: true,
      type: true,
      status: true,
      reviewedAt: true,
      createdAt: true,
      owner: { select: { id: true, name: true, email: true } },
    },
  });
  if (!row) return null;
  const dueAt = reviewDueAt(row);
  return {
    itemId: row.id,
    version: row.version,
    owner: row.owner,
    reviewedAt: row.reviewedAt,
    dueAt,
    state: reviewState(dueAt, now),
    active: row.status === "published",
  };
}

// The staff accounts that may own items, by name
export async function ownerChoices(client: Db): Promise<{ value: string; label: string }[]> {
  const rows = await client.staffUser.findMany({
    where: { active: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
  return rows.map((r) => ({ value: r.id, label: `${r.name} <${r.email}>` }));
}

export type ReviewOutcome = { status: "reviewed"; reviewedAt: Date } | { status: "gone" };

// Mark an item as reviewed now: the review date moves on, a revision keeps the state that was reviewed, the audit log
// says who did it, and the public page shows the new date
export async function markReviewed(
  client: Db,
  staff: Pick<Staff, "id" | "email" | "name">,
  itemId: string,
  now = new Date(),
): Promise<ReviewOutcome> {
  return client.$transaction(async (tx) => {
    const row = await tx.item.findUnique({ where: { id: itemId }, select: { ...editSelect, title: true } });
    if (!row) return { status: "gone" as const };
    await tx.item.update({ where: { id: itemId }, data: { reviewedAt: now } });
    await tx.revision.create({
      data: {
        itemId,
        version: row.version,
        authorId: staff.id,
        authorName: staff.name,
        action: "review",
        snapshot: valuesOf(row),
        createdAt: now,
      },
    });
    await audit(tx, staff, "item.review", "item", itemId, { version: row.version, title: row.title });
    await touchCacheTags(tx, [cacheTags.catalogue]);
    return { status: "reviewed" as const, reviewedAt: now };
  });
}

export type OwnerOutcome = { status: "saved" } | { status: "gone" } | { status: "unknownOwner" };

// Give an item an owner (an active staff member) or none. An owner chosen in the admin counts as an admin edit: the
// import leaves the item as it is from then on, and the export writes the owner to its file.
export async function setItemOwner(
  client: Db,
  staff: Pick<Staff, "id" | "email">,
  itemId: string,
  ownerId: string | null,
  now = new Date(),
): Promise<OwnerOutcome> {
  return client.$transaction(async (tx) => {
    const item = await tx.item.findUnique({ where: { id: itemId }, select: { id: true, ownerId: true } });
    if (!item) return { status: "gone" as const };
    if (ownerId) {
      const owner = await tx.staffUser.findFirst({ where: { id: ownerId, active: true }, select: { id: true } });
      if (!owner) return { status: "unknownOwner" as const };
    }
    if (item.ownerId === ownerId) return { status: "saved" as const };
    await tx.item.update({ where: { id: itemId }, data: { ownerId, adminEditedAt: now } });
    await audit(tx, staff, "item.owner", "item", itemId, { from: item.ownerId, to: ownerId });
    return { status: "saved" as const };
  });
}

const catalogues = { da, sv } as const;

export type DigestReport = { week: string; queued: number; alreadySent: number; owners: number };

// Queue this week's review digest for every active owner with items due within reviewDueSoonDays or overdue. The
// (owner, week) key is written in the same transaction as the e-mail, so whichever process or cron run comes first
// queues it and every other run of the week skips it.
export async function queueReviewDigests(client: Db, now = new Date()): Promise<DigestReport> {
  const week = isoWeek(now);
  const queue = await listReviewQueue(client, { now });
  const byOwner = new Map<string, ReviewRow[]>();
  for (const row of queue.rows) {
    if (!row.owner) continue;
    byOwner.set(row.owner.id, [...(byOwner.get(row.owner.id) ?? []), row]);
  }
  const owners = await client.staffUser.findMany({
    where: { id: { in: [...byOwner.keys()] }, active: true },
    select: { id: true, email: true, name: true, adviser: { select: { languages: true } } },
  });
  const report: DigestReport = { week, queued: 0, alreadySent: 0, owners: owners.length };
  for (const owner of owners) {
    const rows = byOwner.get(owner.id)!;
    const locale: Locale = owner.adviser?.languages[0] ?? "da";
    const mail = composeDigest(locale, owner.name, rows, now);
    const queued = await client.$transaction(async (tx) => {
      const key = await tx.reviewDigest.createMany({
        data: [{ ownerId: owner.id, week, itemCount: rows.length }],
        skipDuplicates: true,
      });
      if (key.count !== 1) return false;
      await tx.mailOutbox.create({
        data: {
          toAddress: owner.email,
          subject: mail.subject,
          textBody: mail.text,
          messageId: `<review-${week.toLowerCase()}.${randomBytes(6).toString("hex")}@${/@([^>\s]+)>?\s*$/.exec(mailFrom())?.[1] ?? "localhost"}>`,
        },
      });
      return true;
    });
    if (queued) report.queued++;
    else report.alreadySent++;
  }
  return report;
}

// Write one owner's digest in their language
export function composeDigest(
  locale: Locale,
  name: string,
  rows: ReviewRow[],
  now: Date,
): { subject: string; text: string } {
  const t = createTranslator({ locale, messages: catalogues[locale], namespace: "Admin.reviewDigest" });
  const date = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "da-DK", {
    dateStyle: "long",
    timeZone: "Europe/Copenhagen",
  });
  const base = siteUrl();
  const section = (state: ReviewState, heading: string) => {
    const list = rows.filter((r) => r.state === state);
    if (!list.length) return [];
    return [
      heading,
      ...list.flatMap((r) => [
        `- ${r.title} (${t("dueOn", { date: date.format(r.dueAt) })})`,
        `  ${base}${adminPath(locale, `items/${r.id}`)}`,
      ]),
      "",
    ];
  };
  const overdue = rows.filter((r) => r.state === "overdue").length;
  const lines = [
    t("greeting", { name }),
    "",
    t("intro", { count: rows.length, date: date.format(now) }),
    "",
    ...section("overdue", t("overdue")),
    ...section("due", t("dueSoon")),
    t("howTo"),
    `${base}${adminPath(locale, "items?review=mine")}`,
  ];
  return { subject: t("subject", { count: rows.length, overdue }), text: lines.join("\n") };
}
