import { afterAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { socketPath, startEmbeddedDatabase } from "@/lib/database/embedded";

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

type Report = {
  pid: number;
  event: string;
  url?: string;
  seen?: number[];
  at: number;
  name?: string;
  message?: string;
};

// A real process opening the embedded database in dataDir; its JSON lines are collected as they come
function opener(dataDir: string, mode: "share" | "script", holdMs = 0) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/embedded-owner.ts", mode, String(holdMs)], {
    env: { ...process.env, DATABASE_URL: "", EMBEDDED_DB_DIR: dataDir },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const reports: Report[] = [];
  let buffered = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const line of lines) if (line.startsWith("{")) reports.push(JSON.parse(line) as Report);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const next = async (event?: string) => {
    for (;;) {
      const found = reports.find((report) => !event || report.event === event);
      if (found) return found;
      if (child.exitCode !== null || child.signalCode !== null) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const late = reports.find((report) => !event || report.event === event);
        if (late) return late;
        throw new Error(`process ended without ${event ?? "a report"}: ${JSON.stringify(reports)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return { child, reports, exited, next };
}

const children: ChildProcess[] = [];
afterAll(() => children.forEach((child) => child.kill("SIGKILL")));

async function folder() {
  const dir = await mkdtemp(path.join(tmpdir(), "kb-own-"));
  dirs.push(dir);
  return path.join(dir, "pglite");
}

// Socket inodes of a process that listen on TCP
function tcpListeners(pid: number): string[] {
  const inodes = new Set(
    readdirSync(`/proc/${pid}/fd`)
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        } catch {
          return undefined;
        }
      })
      .filter(Boolean),
  );
  return ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((table) =>
    readFileSync(table, "utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[3] === "0A" && inodes.has(cols[9]))
      .map((cols) => cols[1]!),
  );
}

describe("who owns the embedded database's data folder", { timeout: 90_000 }, () => {
  it("two starters at once: exactly one owns the folder, the other says so; a script connects to the owner", async () => {
    const dataDir = await folder();
    const a = opener(dataDir, "share");
    const b = opener(dataDir, "share");
    children.push(a.child, b.child);
    const [first, second] = await Promise.all([a.next(), b.next()]);
    const events = [first.event, second.event].sort();
    expect(events).toEqual(["error", "open"]);
    const owner = first.event === "open" ? first : second;
    const refused = first.event === "error" ? first : second;
    expect(refused.name).toBe("EmbeddedDatabaseBusyError");
    expect(refused.message).toContain(`already served by process ${owner.pid}`);

    const script = opener(dataDir, "script", 1);
    children.push(script.child);
    const opened = await script.next("open");
    expect(opened.url).toBe(owner.url);
    // The script wrote into the owner's database and saw the owner's row beside its own.
    expect(opened.seen).toEqual([owner.pid, opened.pid].sort((x, y) => x - y));
    expect(await script.exited).toBe(0);

    const ownerProcess = owner.pid === a.child.pid ? a : b;
    ownerProcess.child.stdin!.end();
    expect(await ownerProcess.exited).toBe(0);
  });

  it("a script's own database never serves npm start: the start waits for the script to end, then owns the folder", async () => {
    const dataDir = await folder();
    const script = opener(dataDir, "script", 1500);
    children.push(script.child);
    const scriptOpen = await script.next("open");
    const start = opener(dataDir, "share");
    children.push(start.child);
    const started = await start.next("open");
    const scriptClosed = await script.next("closed");
    expect(started.at).toBeGreaterThanOrEqual(scriptClosed.at);
    // The start opened the folder itself: the script's row is there (same data files), and the start is its owner.
    expect(started.seen).toEqual([scriptOpen.pid, started.pid].sort((x, y) => x - y));
    const later = opener(dataDir, "share");
    children.push(later.child);
    expect((await later.next()).message).toContain(`already served by process ${started.pid}`);
    start.child.stdin!.end();
    expect(await start.exited).toBe(0);
  });

  it("a stale lock file naming a live unrelated process, a damaged one, and an owner killed outright block no start", async () => {
    const dataDir = await folder();
    // The lock file of earlier versions naming a process that lives (this one) and a port nobody serves.
    await writeFile(
      `${dataDir}.lock.json`,
      JSON.stringify({ pid: process.pid, url: "postgresql://postgres@127.0.0.1:1/x" }),
    );
    const first = opener(dataDir, "share");
    children.push(first.child);
    expect((await first.next()).event).toBe("open");
    first.child.kill("SIGKILL");
    await first.exited;
    // The killed owner left its socket file behind; the key file and the old lock file are damaged.
    expect(statSync(socketPath(`${dataDir}.run`)).isSocket()).toBe(true);
    await writeFile(`${dataDir}.run/owner-key`, "\u0000garbage");
    await writeFile(`${dataDir}.lock.json`, '{"pid": 12');
    const second = opener(dataDir, "script", 1);
    children.push(second.child);
    const opened = await second.next();
    expect(opened.event).toBe("open");
    expect(opened.seen).toEqual([first.child.pid, second.child.pid].sort((x, y) => x! - y!));
    expect(await second.exited).toBe(0);
  });

  it("listens on no TCP port, only in folders no other user can enter", async () => {
    const dataDir = await folder();
    const owner = opener(dataDir, "share");
    children.push(owner.child);
    const opened = await owner.next("open");
    expect(opened.url).toBe(`postgresql://postgres@localhost/postgres?host=${encodeURIComponent(`${dataDir}.run`)}`);
    expect(tcpListeners(owner.child.pid!)).toEqual([]);
    expect(statSync(`${dataDir}.run`).mode & 0o777).toBe(0o700);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(`${dataDir}.run/owner-key`).mode & 0o777).toBe(0o600);
    if (process.getuid?.() === 0) {
      // Another user (nobody) is refused at the folder before any PostgreSQL talk.
      const other = spawn(
        process.execPath,
        [
          "-e",
          `require("net").connect(process.argv[1]).on("connect",()=>process.exit(0)).on("error",(e)=>{console.log(e.code);process.exit(1)})`,
          socketPath(`${dataDir}.run`),
        ],
        { uid: 65534, gid: 65534, stdio: ["ignore", "pipe", "inherit"] },
      );
      let out = "";
      other.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      const code = await new Promise((resolve) => other.on("exit", resolve));
      expect({ code, out: out.trim() }).toEqual({ code: 1, out: "EACCES" });
    }
    owner.child.stdin!.end();
    expect(await owner.exited).toBe(0);
  });
});
