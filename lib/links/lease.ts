// A lease on a named job, shared by every app server through PostgreSQL: at most one holder at a time, taken over
// only after it ran out (a holder that died stops nothing for long). The holder renews it as it works; a holder that
// finds it taken over stops.
import type { Db } from "@/lib/database/client";
import type { Prisma } from "@/lib/generated/prisma/client";

function sql(date: Date) {
  return date.toISOString();
}

// Take the lease on a job for a holder until now + ms, if nobody holds it; true when taken
export async function takeLease(
  client: Db,
  name: string,
  holder: string,
  ms: number,
  now = new Date(),
): Promise<boolean> {
  const until = new Date(now.getTime() + ms);
  const rows = await client.$queryRaw<{ holder: string }[]>`
    INSERT INTO "JobLease" ("name", "holder", "lockedUntil", "lastStartedAt")
    VALUES (${name}, ${holder}, ${sql(until)}::timestamptz AT TIME ZONE 'UTC', ${sql(now)}::timestamptz AT TIME ZONE 'UTC')
    ON CONFLICT ("name") DO UPDATE
      SET "holder" = EXCLUDED."holder", "lockedUntil" = EXCLUDED."lockedUntil", "lastStartedAt" = EXCLUDED."lastStartedAt"
      WHERE "JobLease"."lockedUntil" IS NULL
        OR "JobLease"."lockedUntil" <= ${sql(now)}::timestamptz AT TIME ZONE 'UTC'
    RETURNING "holder"`;
  return rows[0]?.holder === holder;
}

// Extend a held lease to now + ms; false when another holder took it over
export async function renewLease(client: Db, name: string, holder: string, ms: number): Promise<boolean> {
  const done = await client.jobLease.updateMany({
    where: { name, holder },
    data: { lockedUntil: new Date(Date.now() + ms) },
  });
  return done.count === 1;
}

// Give the lease up, recording when the run finished and its report
export async function releaseLease(
  client: Db,
  name: string,
  holder: string,
  report: Prisma.InputJsonValue,
): Promise<void> {
  await client.jobLease.updateMany({
    where: { name, holder },
    data: { holder: null, lockedUntil: null, lastFinishedAt: new Date(), lastReport: report },
  });
}
