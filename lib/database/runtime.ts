// Choose the database for a command: DATABASE_URL when set, otherwise the embedded PostgreSQL in .data/.
//
// One process at a time owns the embedded database's data folder. Ownership is a listening socket (the owner
// lock) that the kernel gives to one process only and takes back when that process ends, however it ends, so no
// lock file can be left stale and no reused process id can keep the folder locked. On Linux the lock is an
// abstract socket whose name carries a random key kept in the owner-only run folder (other users cannot guess
// it to occupy it); elsewhere it is a socket file in that folder. Whoever binds the lock owns the folder; the
// others ask the owner (it answers on the lock) what it is:
// - the site (`npm start`, which shares its database) serves it for as long as it runs: scripts connect to it,
//   and a second `npm start` on the same folder refuses to start;
// - a script that opened the database for itself shares it with nobody: others wait until it has finished and
//   then take the folder, so a script's short-lived server never becomes the one the site runs on.
import { randomBytes } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { privateFolder, socketUrl, startEmbeddedDatabase } from "./embedded";
import { setting } from "@/lib/env";

export type OpenDatabase = { url: string; embedded: boolean; close: () => Promise<void> };

export type OpenOptions = {
  /** Serve the database to other processes for as long as this one runs (`npm start`); default true. A script passes false. */
  share?: boolean;
  /** How long to wait for another process that has the folder open, in milliseconds; default two minutes. */
  waitMs?: number;
};

type OwnerState = { pid: number; shared: boolean; ready: boolean };

// Another process serves the embedded database to others already.
export class EmbeddedDatabaseBusyError extends Error {}

export const dataDir = () => path.resolve(setting("EMBEDDED_DB_DIR") ?? path.join(process.cwd(), ".data", "pglite"));
export const runDir = () => `${dataDir()}.run`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The random key naming the owner lock (made once, kept owner-only in the run folder)
function ownerKey(dir: string): string {
  const file = path.join(dir, "owner-key");
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      writeFileSync(file, randomBytes(16).toString("hex"), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const key = readFileSync(file, "utf8");
    if (/^[0-9a-f]{32}$/.test(key)) return key;
    // Empty: another process has just created it and is writing it.
    if (key === "" && attempt < 49) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      continue;
    }
    break;
  }
  // A damaged key: replace it whole.
  const key = randomBytes(16).toString("hex");
  const temporary = `${file}.${process.pid}`;
  writeFileSync(temporary, key, { mode: 0o600 });
  renameSync(temporary, file);
  return key;
}

// Where the owner lock listens
export function lockAddress(dir: string): string {
  return process.platform === "linux" ? `\0kb-pglite-${ownerKey(dir)}` : path.join(dir, "owner.sock");
}

function listen(server: net.Server, address: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      server.off("listening", listening);
      if (error.code === "EADDRINUSE") resolve(false);
      else reject(error);
    };
    const listening = () => {
      server.off("error", failed);
      resolve(true);
    };
    server.once("error", failed);
    server.once("listening", listening);
    server.listen(address);
  });
}

// Ask the owner what it is: undefined when nobody listens on the lock (or answers sensibly within a second)
function askOwner(address: string): Promise<OwnerState | undefined> {
  return new Promise((resolve) => {
    let text = "";
    const socket = net.connect(address);
    const done = (state: OwnerState | undefined) => {
      socket.destroy();
      resolve(state);
    };
    socket.setTimeout(1000, () => done(undefined));
    socket.on("error", () => done(undefined));
    socket.on("data", (chunk) => {
      text += chunk.toString("utf8");
      if (text.length > 1000) done(undefined);
    });
    socket.on("end", () => {
      try {
        const state = JSON.parse(text) as OwnerState;
        done(typeof state.pid === "number" ? state : undefined);
      } catch {
        done(undefined);
      }
    });
  });
}

// Bind the owner lock; false when another process holds it
async function takeLock(server: net.Server, address: string): Promise<boolean> {
  if (await listen(server, address)) return true;
  if (address.startsWith("\0")) return false;
  // A socket file: left behind by an owner that died when nobody answers on it. (Two processes finding the same
  // dead file at the same moment could both remove it; Linux's abstract lock has no such gap.)
  if (await askOwner(address)) return false;
  rmSync(address, { force: true });
  return listen(server, address);
}

// Open the database this process should use
export async function openDatabase(options: OpenOptions = {}): Promise<OpenDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, embedded: false, close: async () => {} };

  const share = options.share ?? true;
  const folder = dataDir();
  const run = runDir();
  privateFolder(run);
  const address = lockAddress(run);
  const deadline = Date.now() + (options.waitMs ?? 120_000);
  const state: OwnerState = { pid: process.pid, shared: share, ready: false };
  let waitingFor: number | undefined;

  for (;;) {
    const lock = net.createServer((socket) => socket.end(JSON.stringify(state)));
    if (await takeLock(lock, address)) {
      lock.unref();
      // The lock file of earlier versions (never trusted now).
      rmSync(`${folder}.lock.json`, { force: true });
      let server;
      try {
        server = await startEmbeddedDatabase({ dataDir: folder, socketDir: run });
      } catch (error) {
        lock.close();
        throw error;
      }
      state.ready = true;
      let closed = false;
      return {
        url: server.url,
        embedded: true,
        close: async () => {
          if (closed) return;
          closed = true;
          state.ready = false;
          await server.stop();
          await new Promise((resolve) => lock.close(resolve));
        },
      };
    }
    lock.close();

    const owner = await askOwner(address);
    if (owner?.shared) {
      if (share)
        throw new EmbeddedDatabaseBusyError(
          `The embedded database in ${folder} is already served by process ${owner.pid}. Stop that process first, or set EMBEDDED_DB_DIR or DATABASE_URL.`,
        );
      if (owner.ready) return { url: socketUrl(run), embedded: true, close: async () => {} };
    }
    if (Date.now() > deadline)
      throw new EmbeddedDatabaseBusyError(
        `The embedded database in ${folder} stayed in use by process ${owner?.pid ?? "?"}; try again when it has finished.`,
      );
    if (owner && waitingFor !== owner.pid) {
      waitingFor = owner.pid;
      console.error(
        owner.shared
          ? `Waiting for the embedded database (process ${owner.pid}) to start…`
          : `Waiting for process ${owner.pid}, which has the embedded database open, to finish…`,
      );
    }
    await sleep(100);
  }
}
