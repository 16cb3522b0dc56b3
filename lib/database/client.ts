import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;

// Create a PrismaClient over adapter-pg for the PostgreSQL at url
export function createPrismaClient(url: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize });
  // With one connection (the embedded database), a transaction waits its turn behind the queries before it
  return new PrismaClient({ adapter, ...(poolSize === 1 ? { transactionOptions: { maxWait: 15_000 } } : {}) });
}
