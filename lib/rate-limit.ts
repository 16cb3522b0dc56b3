import "server-only";
import { digest } from "@/lib/form-guard";
import type { Db } from "@/lib/database/client";
import { setting } from "@/lib/env";

// Fixed-window request counters kept in PostgreSQL, so the limit holds across every app process.

export type RateLimit = { name: string; limit: number; windowSeconds: number };

export const rateLimits = {
  contact: { name: "contact", limit: setting("CONTACT_RATE_LIMIT"), windowSeconds: 600 },
  feedback: { name: "feedback", limit: setting("FEEDBACK_RATE_LIMIT"), windowSeconds: 600 },
  alerts: { name: "alerts", limit: setting("ALERT_RATE_LIMIT"), windowSeconds: 600 },
  // Confirmation mails to one address a day, whoever asks: nobody can flood a stranger's mailbox from many clients.
  alertAddress: { name: "alert-address", limit: 3, windowSeconds: 86_400 },
} satisfies Record<string, RateLimit>;

// Count one request of the client against the limit; false when the limit is used up
export async function takeToken(
  client: Db,
  rule: RateLimit,
  clientAddress: string,
  now = new Date(),
): Promise<{ allowed: boolean; count: number; retryAfterSeconds: number }> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  // The address itself is not stored, only a hash of it.
  const key = `${rule.name}:${digest("client", clientAddress).slice(0, 22)}`;
  const start = new Date(windowStart).toISOString();
  const rows = await client.$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count")
    VALUES (${key}, ${start}::timestamptz AT TIME ZONE 'UTC', 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 0);
  return {
    allowed: count <= rule.limit,
    count,
    retryAfterSeconds: Math.ceil((windowStart + windowMs - now.getTime()) / 1000),
  };
}

// Delete counters of windows that ended before the given time
export async function pruneRateLimits(client: Db, before: Date): Promise<number> {
  return client.$executeRaw`
    DELETE FROM "RateLimitBucket" WHERE "windowStart" < ${before.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
}
