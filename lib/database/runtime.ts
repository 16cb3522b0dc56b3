// Choose the database for a command: DATABASE_URL when set, otherwise the embedded PostgreSQL in
// .data/. While one process serves the embedded database, others connect to it instead of opening
// the same data folder twice.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedDatabase } from "./embedded";

export type OpenDatabase = { url: string; embedded: boolean; close: () => Promise<void> };

const dataDir = () => path.resolve(process.env.EMBEDDED_DB_DIR ?? path.join(process.cwd(), ".data", "pglite"));
const lockFile = () => `${dataDir()}.lock.json`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Open the database this process should use
export async function openDatabase(): Promise<OpenDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, embedded: false, close: async () => {} };

  const lock = lockFile();
  if (existsSync(lock)) {
    const held = JSON.parse(readFileSync(lock, "utf8")) as { pid: number; url: string };
    if (held.pid !== process.pid && alive(held.pid)) return { url: held.url, embedded: true, close: async () => {} };
  }
  mkdirSync(path.dirname(dataDir()), { recursive: true });
  const server = await startEmbeddedDatabase({
    dataDir: dataDir(),
    port: process.env.EMBEDDED_DB_PORT ? Number(process.env.EMBEDDED_DB_PORT) : 0,
  });
  writeFileSync(lock, JSON.stringify({ pid: process.pid, url: server.url }));
  let closed = false;
  return {
    url: server.url,
    embedded: true,
    close: async () => {
      if (closed) return;
      closed = true;
      rmSync(lock, { force: true });
      await server.stop();
    },
  };
}
