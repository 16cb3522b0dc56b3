// Backup and restore: the whole database with its stored files goes into one file, comes back into a
// fresh database with every row, and a download from the restored database gives the same bytes.
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testDatabases, truncateCatalogue } from "../helpers/databases";
import { fixtureContent } from "../helpers/content";
import type { Db } from "@/lib/database/client";

let activeClient: Db | undefined;
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined, has: () => false }) }));
vi.mock("@/lib/db", () => ({ db: () => activeClient! }));

const databases = testDatabases({ beforeAll, afterAll });
const { GET } = await import("@/app/files/[name]/route");
const { writeStoredFile, chunkBytes } = await import("@/lib/file-store");
const { backupDatabase, restoreDatabase } = await import("@/lib/database/backup");
const { startEmbeddedDatabase } = await import("@/lib/database/embedded");
const { createPrismaClient } = await import("@/lib/database/client");
const { loadCatalogue } = await import("@/lib/content/load");
const { importCatalogue } = await import("@/lib/content/import");

const root = path.resolve(import.meta.dirname, "../..");
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

// Rows per table, to compare a database with its restored copy
async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
    );
    const out: Record<string, number> = {};
    for (const { name } of tables.rows)
      out[name] = Number((await client.query(`SELECT count(*) AS n FROM "${name}"`)).rows[0].n);
    return out;
  } finally {
    await client.end();
  }
}

// A fresh, empty database beside the one under test
async function freshDatabase(name: string, url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (name === "embedded") {
    const server = await startEmbeddedDatabase();
    return { url: server.url, drop: () => server.stop() };
  }
  const target = new URL(url);
  const database = `${target.pathname.slice(1)}_restore_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  target.pathname = `/${database}`;
  return {
    url: target.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: url });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await again.end();
    },
  };
}

describe.each(databases)("backup and restore on the $name database", (database) => {
  let folder = "";
  const file = randomBytes(2 * chunkBytes + 4321);
  file.write("%PDF-1.7\n", 0, "latin1");

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "kb-backup-"));
    const client = database.client();
    await truncateCatalogue(client);
    await importCatalogue(client, await loadCatalogue(fixtureContent));
    const item = await client.item.findFirstOrThrow({ where: { attachments: { some: {} } } });
    await client.attachment.create({
      data: {
        itemId: item.id,
        title: "Sikret",
        fileName: "sikret.pdf",
        mimeType: "application/pdf",
        sizeBytes: file.length,
        location: "files/sikret.pdf",
        position: 9,
      },
    });
    await writeStoredFile(client, "sikret.pdf", [file], { maxBytes: 1e9 });
    // A place inside another: a table that points at itself comes back in any order.
    const [parent] = await client.place.findMany({ take: 1 });
    await client.place.create({
      data: { slug: "indre-by", name: "Indre by", kind: "city", country: parent!.country, parentId: parent!.id },
    });
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("restores every row into a fresh database and the restored file downloads with the same bytes", async () => {
    const backupFile = path.join(folder, "kb.backup");
    const written = await backupDatabase(database.url(), backupFile);
    expect(written.FileChunk).toBe(Math.ceil(file.length / chunkBytes) + 1);
    const fresh = await freshDatabase(database.name, database.url());
    const restoredClient = createPrismaClient(fresh.url, 2);
    try {
      const restored = await restoreDatabase(fresh.url, backupFile);
      expect(restored).toEqual(written);
      expect(await rowCounts(fresh.url)).toEqual(await rowCounts(database.url()));
      activeClient = restoredClient;
      for (const [name, bytes] of [
        ["sikret.pdf", file],
        [
          "testrapport.pdf",
          await import("node:fs/promises").then((fs) => fs.readFile(`${fixtureContent}/files/testrapport.pdf`)),
        ],
      ] as const) {
        const response = await GET(new Request(`http://kb.test/files/${name}`), {
          params: Promise.resolve({ name }),
        });
        expect(response.status, name).toBe(200);
        expect(sha(Buffer.from(await response.arrayBuffer())), name).toBe(sha(bytes));
      }
      // The search index is computed again from the restored rows.
      const item = await restoredClient.item.findFirstOrThrow({ where: { attachments: { some: {} } } });
      const found = await restoredClient.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Item" WHERE "searchVector" IS NOT NULL AND id = ${item.id}::uuid`;
      expect(found).toHaveLength(1);
      // A second restore into the same (now filled) database is refused and changes nothing.
      await expect(restoreDatabase(fresh.url, backupFile)).rejects.toThrow(/empty database/);
      expect(await rowCounts(fresh.url)).toEqual(await rowCounts(database.url()));
    } finally {
      await restoredClient.$disconnect();
      await fresh.drop();
    }
  });

  it("refuses a file that is not a backup, or one cut short, and leaves the database empty", async () => {
    const fresh = await freshDatabase(database.name, database.url());
    try {
      const junk = path.join(folder, "junk.backup");
      await writeFile(junk, "not a backup");
      await expect(restoreDatabase(fresh.url, junk)).rejects.toThrow();
      const full = path.join(folder, "full.backup");
      await backupDatabase(database.url(), full);
      const { readFile } = await import("node:fs/promises");
      const { gunzipSync, gzipSync } = await import("node:zlib");
      const lines = gunzipSync(await readFile(full))
        .toString()
        .split("\n");
      const cut = path.join(folder, "cut.backup");
      await writeFile(cut, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join("\n")));
      await expect(restoreDatabase(fresh.url, cut)).rejects.toThrow(/incomplete|expected/);
      const counts = await rowCounts(fresh.url);
      expect(Object.entries(counts).filter(([name, n]) => name !== "_prisma_migrations" && n > 0)).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });

  it("works as the npm scripts, in a child process", async () => {
    const backupFile = path.join(folder, "script.backup");
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: database.url() };
    const out = await run(
      process.execPath,
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/backup.ts", "backup", backupFile],
      {
        cwd: root,
        env,
      },
    );
    expect(out.stdout).toMatch(/^Wrote \d+ rows of \d+ tables \(\d+ file chunks\)/);
    const fresh = await freshDatabase(database.name, database.url());
    try {
      const restored = await run(
        process.execPath,
        [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/backup.ts", "restore", backupFile],
        { cwd: root, env: { ...process.env, DATABASE_URL: fresh.url } },
      );
      expect(restored.stdout).toMatch(/^Restored \d+ rows/);
      expect(await rowCounts(fresh.url)).toEqual(await rowCounts(database.url()));
    } finally {
      await fresh.drop();
    }
  });
});
