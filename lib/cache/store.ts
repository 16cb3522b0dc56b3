// Cache tags in PostgreSQL: every app process polls this table, so that a change made anywhere (the content
// import, an editor's save in another process) drops the cached pages everywhere within about a second.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { CacheTag } from "./tags";

type Client = PrismaClient | Prisma.TransactionClient;

// Mark tags as changed now
export async function touchCacheTags(client: Client, tags: readonly CacheTag[]) {
  if (tags.length === 0) return;
  const now = new Date();
  for (const tag of tags) {
    await client.cacheTag.upsert({
      where: { tag },
      create: { tag, revalidatedAt: now },
      update: { revalidatedAt: now },
    });
  }
}
