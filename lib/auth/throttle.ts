import "server-only";
import type { Db } from "@/lib/database/client";

// Login throttling kept in PostgreSQL (table LoginThrottle). Every attempt takes its place in one
// INSERT … ON CONFLICT DO UPDATE … RETURNING before the password is checked, so parallel attempts are all
// counted and none slips past a limit; a success gives the places back.

/** Failures per account and client (or per account and known browser) in a 15-minute window. */
export const pairLimit = { failures: 5, minutes: 15 } as const;
/**
 * Account-wide, for browsers that have not logged in to the account before: after `free` failures each
 * further attempt waits `firstMinutes`, doubling up to `maxMinutes`; the count starts again a day after
 * the last failure or at a success.
 */
export const accountBackoff = { free: 10, firstMinutes: 1, maxMinutes: 15, resetHours: 24 } as const;
/** Rows untouched this long are deleted on the way. */
const keepHours = 24;

const iso = (d: Date) => d.toISOString();

export type Taken = { allowed: true; failures: number } | { allowed: false; retryMinutes: number };

const minutesUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

// Take one attempt in a fixed window of `minutes`; refused once more than `limit` were taken in it
export async function takeWindowed(
  client: Db,
  key: string,
  limit: number,
  minutes: number,
  now = new Date(),
): Promise<Taken> {
  const windowOpen = new Date(now.getTime() - minutes * 60_000);
  const rows = await client.$queryRaw<{ failures: number; windowStart: Date }[]>`
    INSERT INTO "LoginThrottle" AS t ("key", "failures", "windowStart", "updatedAt")
    VALUES (${key}, 1, ${iso(now)}::timestamptz AT TIME ZONE 'UTC', ${iso(now)}::timestamptz AT TIME ZONE 'UTC')
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN t."windowStart" <= ${iso(windowOpen)}::timestamptz AT TIME ZONE 'UTC' THEN 1 ELSE t."failures" + 1 END,
      "windowStart" = CASE WHEN t."windowStart" <= ${iso(windowOpen)}::timestamptz AT TIME ZONE 'UTC'
        THEN ${iso(now)}::timestamptz AT TIME ZONE 'UTC' ELSE t."windowStart" END,
      "updatedAt" = ${iso(now)}::timestamptz AT TIME ZONE 'UTC'
    RETURNING "failures", "windowStart" AT TIME ZONE 'UTC' AS "windowStart"`;
  const row = rows[0]!;
  const failures = Number(row.failures);
  if (failures <= limit) return { allowed: true, failures };
  return { allowed: false, retryMinutes: minutesUntil(new Date(row.windowStart.getTime() + minutes * 60_000), now) };
}

// Take one attempt against an account's backoff; refused while the account waits
export async function takeAccountAttempt(client: Db, key: string, now = new Date()): Promise<Taken> {
  const reset = new Date(now.getTime() - accountBackoff.resetHours * 3600_000);
  const { free, firstMinutes, maxMinutes } = accountBackoff;
  const rows = await client.$queryRaw<{ failures: number }[]>`
    INSERT INTO "LoginThrottle" AS t ("key", "failures", "windowStart", "updatedAt")
    VALUES (${key}, 1, ${iso(now)}::timestamptz AT TIME ZONE 'UTC', ${iso(now)}::timestamptz AT TIME ZONE 'UTC')
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN t."updatedAt" <= ${iso(reset)}::timestamptz AT TIME ZONE 'UTC' THEN 1 ELSE t."failures" + 1 END,
      "nextAt" = CASE
        WHEN t."updatedAt" <= ${iso(reset)}::timestamptz AT TIME ZONE 'UTC' OR t."failures" + 1 < ${free} THEN NULL
        ELSE ${iso(now)}::timestamptz AT TIME ZONE 'UTC'
          + LEAST(${maxMinutes}::float8, ${firstMinutes}::float8 * power(2, LEAST(t."failures" + 1 - ${free}, 20))) * interval '1 minute'
      END,
      "updatedAt" = ${iso(now)}::timestamptz AT TIME ZONE 'UTC'
    WHERE t."nextAt" IS NULL OR t."nextAt" <= ${iso(now)}::timestamptz AT TIME ZONE 'UTC'
      OR t."updatedAt" <= ${iso(reset)}::timestamptz AT TIME ZONE 'UTC'
    RETURNING "failures"`;
  if (rows[0]) return { allowed: true, failures: Number(rows[0].failures) };
  const row = await client.loginThrottle.findUnique({ where: { key }, select: { nextAt: true } });
  return { allowed: false, retryMinutes: row?.nextAt ? minutesUntil(row.nextAt, now) : 1 };
}

// Give back the attempts of the keys after a success
export async function clearThrottle(client: Db, keys: string[]): Promise<void> {
  await client.loginThrottle.deleteMany({ where: { key: { in: keys } } });
}

// Delete throttle rows untouched for a day (called on each failure, so the table stays small)
export async function pruneThrottle(client: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - keepHours * 3600_000);
  return (await client.loginThrottle.deleteMany({ where: { updatedAt: { lt: before } } })).count;
}
