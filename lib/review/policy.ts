// When an item's review falls due: one period per item type, counted from the last review or, for an item never
// reviewed, from when it came into the database (the import or its creation in the admin). Change them here only.
import type { ItemType } from "@/lib/content/schema";

/** Months between reviews, per item type. Guidance (articles) and projects age fastest. */
export const reviewPeriodMonths: Record<ItemType, number> = {
  article: 12,
  project: 12,
  case: 24,
  reference: 24,
  publication: 36,
};

/** An item whose review falls due within this many days is listed as due (before it is overdue). */
export const reviewDueSoonDays = 30;

export type ReviewState = "ok" | "due" | "overdue";

// Add whole calendar months in UTC, keeping the day where the month has it (31 January + 1 month = 28/29 February)
export function addMonths(date: Date, months: number): Date {
  const out = new Date(date.getTime());
  const day = out.getUTCDate();
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + months);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(day, last));
  return out;
}

// The date an item's review falls due
export function reviewDueAt(item: { type: ItemType; reviewedAt: Date | null; createdAt: Date }): Date {
  return addMonths(item.reviewedAt ?? item.createdAt, reviewPeriodMonths[item.type]);
}

// Whether a review due at this time is overdue, due soon or not yet due
export function reviewState(dueAt: Date, now = new Date()): ReviewState {
  if (dueAt.getTime() <= now.getTime()) return "overdue";
  if (dueAt.getTime() <= now.getTime() + reviewDueSoonDays * 86_400_000) return "due";
  return "ok";
}

// The latest "counted from" time at which an item of this type is due by `at`: an item is due by `at` when its last
// review (or its arrival) lies at or before this cutoff
export function reviewCutoff(type: ItemType, at: Date): Date {
  return addMonths(at, -reviewPeriodMonths[type]);
}

// The ISO 8601 week of a date ("2026-W49"), in UTC: the key of one owner's weekly digest
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}
