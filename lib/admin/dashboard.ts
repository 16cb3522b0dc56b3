// What needs a staff member's attention, for the admin's start page: new inbox messages, reviews due, failed mail,
// recent "not helpful" feedback with comments, publications scheduled for the coming two weeks and recent changes by
// others. Each part is read with the staff member's own rights (an editor sees the messages routed to them).
import "server-only";
import type { Db } from "@/lib/database/client";
import type { ItemType, Locale } from "@/lib/generated/prisma/client";
import type { Staff } from "@/lib/auth/sessions";
import { outboxCounts } from "@/lib/contact/outbox";
import { listReviewQueue, type ReviewRow } from "@/lib/review/reviews";
import { reviewDueWhere, reviewedStatus } from "@/lib/review/where";
import { reviewDueSoonDays } from "@/lib/review/policy";

/** How far back "recent" feedback and changes reach. */
export const recentDays = 30;
/** How far ahead the calendar of scheduled publications looks. */
export const calendarDays = 14;

export type Attention = {
  inbox: {
    count: number;
    messages: { id: string; reference: string; subject: string; name: string; createdAt: Date }[];
  } | null;
  reviews: { mine: ReviewRow[]; mineCount: number; overdue: number; due: number; unowned: number };
  mail: { failed: number; waiting: number } | null;
  feedback: { id: string; itemId: string; itemTitle: string; comment: string; createdAt: Date }[];
  scheduled: { id: string; title: string; type: ItemType; locale: Locale; publishedAt: Date }[];
  changes: {
    id: string;
    at: Date;
    actorEmail: string;
    action: string;
    entity: string;
    entityId: string | null;
    title: string | null;
  }[];
  /** The calendar's first day (midnight UTC of today) and its length. */
  calendar: { from: Date; days: number };
};

// Read everything the dashboard lists for one staff member
export async function attentionFor(client: Db, staff: Staff, now = new Date()): Promise<Attention> {
  const since = new Date(now.getTime() - recentDays * 86_400_000);
  const until = new Date(now.getTime() + calendarDays * 86_400_000);
  const mayReadInbox = staff.role === "admin" || !!staff.adviserId;
  const inboxWhere = {
    status: "new" as const,
    ...(staff.role === "admin" ? {} : { adviserId: staff.adviserId ?? "00000000-0000-0000-0000-000000000000" }),
  };
  const [inboxCount, inboxRows, mine, overdue, dueSoon, unowned, mail, feedback, scheduled, changes] =
    await Promise.all([
      mayReadInbox ? client.contactMessage.count({ where: inboxWhere }) : 0,
      mayReadInbox
        ? client.contactMessage.findMany({
            where: inboxWhere,
            orderBy: { createdAt: "asc" },
            take: 5,
            select: { id: true, reference: true, subject: true, name: true, createdAt: true },
          })
        : [],
      listReviewQueue(client, { now, ownerId: staff.id, take: 10 }),
      client.item.count({ where: reviewDueWhere(now) }),
      client.item.count({ where: reviewDueWhere(new Date(now.getTime() + reviewDueSoonDays * 86_400_000)) }),
      client.item.count({ where: { AND: [reviewedStatus, { ownerId: null }] } }),
      staff.role === "admin" ? outboxCounts(client) : null,
      client.pageFeedback.findMany({
        where: { helpful: false, comment: { not: null }, createdAt: { gte: since } },
        orderBy: { createdAt: "desc" },
        take: 5,
        select: { id: true, comment: true, createdAt: true, item: { select: { id: true, title: true } } },
      }),
      client.item.findMany({
        where: { status: "published", publishedAt: { gt: now, lte: until } },
        orderBy: { publishedAt: "asc" },
        take: 100,
        select: { id: true, title: true, type: true, locale: true, publishedAt: true },
      }),
      client.auditLog.findMany({
        where: {
          at: { gte: since },
          actorId: { not: null },
          NOT: { actorId: staff.id },
          entity: { in: ["item", "topics", "organisations", "places", "advisers", "glossary", "contactMessage"] },
        },
        orderBy: { at: "desc" },
        take: 10,
        select: { id: true, at: true, actorEmail: true, action: true, entity: true, entityId: true, detail: true },
      }),
    ]);
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return {
    inbox: mayReadInbox ? { count: inboxCount, messages: inboxRows } : null,
    reviews: { mine: mine.rows, mineCount: mine.rows.length, overdue, due: dueSoon - overdue, unowned },
    mail,
    feedback: feedback.map((f) => ({
      id: f.id,
      itemId: f.item.id,
      itemTitle: f.item.title,
      comment: f.comment ?? "",
      createdAt: f.createdAt,
    })),
    scheduled: scheduled.map((s) => ({ ...s, publishedAt: s.publishedAt! })),
    changes: changes.map((c) => {
      const detail = c.detail as Record<string, unknown> | null;
      // The first name the entry gives that is not empty (a glossary term may lack its Danish word)
      const title = [detail?.title, detail?.name, detail?.nameDa, detail?.termDa, detail?.termSv, detail?.slug].find(
        (v): v is string => typeof v === "string" && v.trim() !== "",
      );
      return {
        id: c.id,
        at: c.at,
        actorEmail: c.actorEmail,
        action: c.action,
        entity: c.entity,
        entityId: c.entityId,
        title: title ?? null,
      };
    }),
    calendar: { from, days: calendarDays },
  };
}
