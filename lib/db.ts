import "server-only";
import { createPrismaClient } from "@/lib/database/client";
import { env } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createPrismaClient> };

// The one PrismaClient of the app; it connects on first use, so importing it never needs a database
export function db() {
  if (!globalForPrisma.prisma) {
    const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
    globalForPrisma.prisma = createPrismaClient(DATABASE_URL, DATABASE_POOL_SIZE);
  }
  return globalForPrisma.prisma;
}
