import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { applyMigrations, pendingSchemaChanges } from "@/lib/database/migrations";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/database/embedded";

describe("migrations", () => {
  it("agree with prisma/schema.prisma", async () => {
    // A non-empty result is the SQL of the migration that is missing.
    expect(await pendingSchemaChanges()).toBe("");
  });

  describe("on a fresh database", () => {
    let db: EmbeddedDatabase;
    beforeAll(async () => {
      db = await startEmbeddedDatabase();
    });
    afterAll(async () => db.stop());

    it("are applied once and recorded in Prisma's history table", async () => {
      const first = await applyMigrations(db.url);
      expect(first.length).toBeGreaterThan(0);
      expect(await applyMigrations(db.url)).toEqual([]);
      const client = new pg.Client(db.url);
      await client.connect();
      try {
        const history = await client.query(
          `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`,
        );
        expect(history.rows.map((r) => r.migration_name)).toEqual(first);
        const tables = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
        expect(tables.rows.map((r) => r.tablename)).toEqual(
          expect.arrayContaining(["Item", "GlossaryTerm", "Adviser"]),
        );
      } finally {
        await client.end();
      }
    });
  });
});
