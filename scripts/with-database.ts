// The one way the command-line tools reach the database: open it (DATABASE_URL, or the embedded database), apply
// pending migrations when the task asks for it, hand the task a client and the address, then close both.
import { openDatabase } from "@/lib/database/runtime";
import { applyMigrations } from "@/lib/database/migrations";
import { createPrismaClient, type Db } from "@/lib/database/client";

export type DatabaseTask<T> = (client: Db, url: string) => Promise<T>;

// Run a task on the database, opened for this process alone unless share is set
export async function withDatabase<T>(
  task: DatabaseTask<T>,
  options: { migrate?: boolean; share?: boolean } = {},
): Promise<T> {
  const database = await openDatabase({ share: options.share ?? false });
  const client = createPrismaClient(database.url, 2);
  try {
    if (options.migrate) await applyMigrations(database.url);
    return await task(client, database.url);
  } finally {
    await client.$disconnect();
    await database.close();
  }
}
