// The databases integration tests run against: always an embedded in-memory PostgreSQL, and the
// server at DATABASE_URL when one is given.
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/database/embedded";
import { applyMigrations } from "@/lib/database/migrations";
import { createPrismaClient, type Db } from "@/lib/database/client";

export type TestDatabase = { name: string; url: () => string; client: () => Db };

const catalogueTables = [
  "Item",
  "Topic",
  "Organisation",
  "Place",
  "Adviser",
  "GlossaryTerm",
  "RecordSlugRedirect",
  "Attachment",
  "ItemTopic",
  "ItemPlace",
  "ItemOrganisation",
  "ItemRelation",
  "AdviserTopic",
  "StaffUser",
  "CacheTag",
  "ContactMessage",
  "MailOutbox",
  "PageFeedback",
  "RateLimitBucket",
  "Session",
  "LoginThrottle",
  "Revision",
  "AuditLog",
  "StoredFile",
  "FileChunk",
  "ContentTombstone",
  "LinkTarget",
  "ItemLink",
  "LinkCheck",
  "LinkScan",
  "JobLease",
  "BestBet",
  "BestBetItem",
  "AttachmentText",
  "Alert",
];

// Empty every catalogue table
export async function truncateCatalogue(client: Db) {
  await client.$executeRawUnsafe(`TRUNCATE ${catalogueTables.map((t) => `"${t}"`).join(", ")} CASCADE`);
}

// Register hooks that open each test database, migrate it and empty it before and after the file
export function testDatabases(hooks: {
  beforeAll: (fn: () => Promise<void>) => void;
  afterAll: (fn: () => Promise<void>) => void;
}): TestDatabase[] {
  const list: TestDatabase[] = [];
  let embedded: EmbeddedDatabase | undefined;
  const clients = new Map<string, Db>();
  const add = (name: string, getUrl: () => string) =>
    list.push({
      name,
      url: getUrl,
      client: () => {
        if (!clients.has(name)) clients.set(name, createPrismaClient(getUrl(), 4));
        return clients.get(name)!;
      },
    });
  add("embedded", () => embedded!.url);
  const external = process.env.DATABASE_URL;
  if (external) add("DATABASE_URL", () => external);

  hooks.beforeAll(async () => {
    embedded = await startEmbeddedDatabase();
    for (const db of list) {
      await applyMigrations(db.url());
      await truncateCatalogue(db.client());
    }
  });
  hooks.afterAll(async () => {
    for (const db of list) {
      await truncateCatalogue(db.client());
      await db.client().$disconnect();
    }
    clients.clear();
    await embedded?.stop();
  });
  return list;
}
