import "server-only";
import type { Db } from "@/lib/database/client";
import { Prisma, type ItemType, type Locale } from "@/lib/generated/prisma/client";
import { visibleWhere } from "@/lib/catalogue/visibility";
import { digest, guardFields, sentTooFast, validFormKey } from "@/lib/form-guard";
import { rateLimits, takeToken } from "@/lib/rate-limit";
import { feedbackValues, parseFeedback, type FeedbackErrors, type FeedbackValues } from "./schema";

export type FeedbackOutcome =
  | { status: "stored"; duplicate: boolean }
  | { status: "invalid"; errors: FeedbackErrors }
  | { status: "tooFast" }
  | { status: "rateLimited"; retryAfterSeconds: number }
  | { status: "discarded" };

// Without a form key, the same answer from the same client within this window counts once.
const duplicateWindowMs = 15 * 60 * 1000;

// Take a "Was this page helpful?" answer through the abuse checks and validation, and store it
export async function submitFeedback(
  client: Db,
  form: FormData | Record<string, unknown>,
  context: { locale: Locale; clientAddress: string; now?: Date },
): Promise<{ outcome: FeedbackOutcome; values: FeedbackValues }> {
  const now = context.now ?? new Date();
  const values = feedbackValues(form);
  const guard = guardFields(form);
  if (guard.website) return { outcome: { status: "discarded" }, values };
  const parsed = parseFeedback(values);
  if (!parsed.ok) return { outcome: { status: "invalid", errors: parsed.errors }, values };
  if (sentTooFast(guard, now.getTime())) return { outcome: { status: "tooFast" }, values };
  const { item: itemId, helpful, comment } = parsed.data;
  const item = await client.item.findFirst({
    where: { id: itemId, ...visibleWhere(now) },
    select: { id: true },
  });
  if (!item) return { outcome: { status: "invalid", errors: { item: "unknown" } }, values };

  const content = [itemId, String(helpful), comment];
  const window = Math.floor(now.getTime() / duplicateWindowMs);
  // Two people answering "yes" alike are two answers, so the fallback key includes the client.
  const keys = validFormKey(guard.key)
    ? [`k:${digest(guard.key, ...content)}`]
    : [window, window - 1].map((w) => `c:${digest(String(w), context.clientAddress, ...content)}`);
  if (await client.pageFeedback.findFirst({ where: { submissionKey: { in: keys } }, select: { id: true } })) {
    return { outcome: { status: "stored", duplicate: true }, values };
  }
  const limit = await takeToken(client, rateLimits.feedback, context.clientAddress, now);
  if (!limit.allowed) return { outcome: { status: "rateLimited", retryAfterSeconds: limit.retryAfterSeconds }, values };
  try {
    await client.pageFeedback.create({
      data: { itemId, locale: context.locale, helpful, comment: comment || null, submissionKey: keys[0]! },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { outcome: { status: "stored", duplicate: true }, values };
    }
    throw error;
  }
  return { outcome: { status: "stored", duplicate: false }, values };
}

// Find the published item an answer is about
export async function getFeedbackItem(
  client: Db,
  id: string,
): Promise<{ id: string; type: ItemType; slug: string } | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  return client.item.findFirst({
    where: { id, ...visibleWhere() },
    select: { id: true, type: true, slug: true },
  });
}

export type FeedbackEntry = {
  id: string;
  item: { id: string; title: string; type: string; slug: string };
  locale: Locale;
  helpful: boolean;
  comment: string | null;
  createdAt: string;
};

// List feedback, newest first, optionally for one item, for the staff pages
export async function listFeedback(
  client: Db,
  filter: { itemId?: string; take?: number; skip?: number } = {},
): Promise<FeedbackEntry[]> {
  const rows = await client.pageFeedback.findMany({
    where: { itemId: filter.itemId },
    orderBy: { createdAt: "desc" },
    take: filter.take ?? 100,
    skip: filter.skip ?? 0,
    include: { item: { select: { id: true, title: true, type: true, slug: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    item: r.item,
    locale: r.locale,
    helpful: r.helpful,
    comment: r.comment,
    createdAt: r.createdAt.toISOString(),
  }));
}

export type FeedbackTally = { itemId: string; yes: number; no: number };

// Count yes and no answers per item
export async function feedbackTally(client: Db, filter: { itemId?: string } = {}): Promise<FeedbackTally[]> {
  const groups = await client.pageFeedback.groupBy({
    by: ["itemId", "helpful"],
    where: { itemId: filter.itemId },
    _count: { _all: true },
  });
  const tally = new Map<string, FeedbackTally>();
  for (const g of groups) {
    const entry = tally.get(g.itemId) ?? { itemId: g.itemId, yes: 0, no: 0 };
    if (g.helpful) entry.yes += g._count._all;
    else entry.no += g._count._all;
    tally.set(g.itemId, entry);
  }
  return [...tally.values()];
}
