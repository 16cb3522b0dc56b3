import { afterAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDatabase } from "@/lib/database/embedded";

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function query(url: string, sql: string) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  it("keeps its data across a restart", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "kb-pglite-"));
    dirs.push(dataDir);
    const first = await startEmbeddedDatabase({ dataDir });
    await query(first.url, "CREATE TABLE kept (word text); INSERT INTO kept VALUES ('socialøkonomi')");
    await first.stop();

    const second = await startEmbeddedDatabase({ dataDir });
    try {
      expect(await query(second.url, "SELECT word FROM kept")).toEqual([{ word: "socialøkonomi" }]);
    } finally {
      await second.stop();
    }
  });

  it("has the Danish and Swedish text search configurations and pg_trgm", async () => {
    const db = await startEmbeddedDatabase();
    try {
      const [row] = await query(
        db.url,
        "SELECT to_tsvector('danish', 'socialøkonomiske virksomheder')::text AS da, to_tsvector('swedish', 'sociala företagen')::text AS sv",
      );
      expect(row).toEqual({ da: "'socialøkonomisk':1 'virksom':2", sv: "'företag':2 'social':1" });
      await query(db.url, "CREATE EXTENSION IF NOT EXISTS pg_trgm");
      const [sim] = await query(db.url, "SELECT similarity('upphandling', 'uphandling') > 0.5 AS close");
      expect(sim).toEqual({ close: true });
    } finally {
      await db.stop();
    }
  });
});
