// Cache tags in PostgreSQL: every app process reads this table (lib/cache/handler.mjs), so that a change made
// anywhere (the content import, an editor's save in another process) drops the cached pages everywhere within about
// a second. Write the tags in the transaction of the change itself, so that the two commit together.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { CacheTag } from "./tags";

type Client = PrismaClient | Prisma.TransactionClient;

// Mark tags as changed now, by the database's clock
export async function touchCacheTags(client: Client, tags: readonly CacheTag[]) {
  if (tags.length === 0) return;
  await client.$executeRaw`
    INSERT INTO "CacheTag" (tag, "revalidatedAt")
    SELECT unnest(${[...new Set(tags)]}::text[]), clock_timestamp() AT TIME ZONE 'UTC'
    ON CONFLICT (tag) DO UPDATE SET "revalidatedAt" = excluded."revalidatedAt"`;
}
