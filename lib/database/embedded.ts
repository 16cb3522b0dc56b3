// The embedded PostgreSQL: PGlite served over the PostgreSQL wire protocol, so the app talks to it
// through the same adapter-pg connection as to any real server. It listens only on a Unix socket in a
// folder that only its owner can enter: PGlite asks for no password, so the folder's permissions are
// what keeps other local users out (there is no TCP listener at all).
import { chmodSync, lstatSync, mkdirSync, rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedDatabase = {
  url: string;
  /** Folder holding the server's socket (`.s.PGSQL.5432`, as PostgreSQL names it). */
  socketDir: string;
  stop: () => Promise<void>;
};

export type EmbeddedOptions = {
  /** Folder for the data files; omitted means in memory only. */
  dataDir?: string;
  /** Folder for the socket, made owner-only; omitted means a private temporary folder, removed on stop. */
  socketDir?: string;
};

// Unix socket paths are limited to 108 bytes on Linux and 104 on macOS, the final NUL included.
const maxSocketPath = 100;

// The connection string for a server listening in socketDir
export function socketUrl(socketDir: string): string {
  return `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`;
}

// The socket file of a server listening in socketDir
export function socketPath(socketDir: string): string {
  return path.join(socketDir, ".s.PGSQL.5432");
}

// Create a folder that only this user can enter, or make an existing one so; refuse a symbolic link or another user's folder
export function privateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory()) throw new Error(`${dir} is not a folder.`);
  if (typeof process.getuid === "function" && stat.uid !== process.getuid())
    throw new Error(`${dir} belongs to another user; the embedded database will not use it.`);
  if ((stat.mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
}

// Start an embedded PostgreSQL server
export async function startEmbeddedDatabase(options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const ownDir = options.socketDir ? undefined : await mkdtemp(path.join(tmpdir(), "kb-pglite-"));
  const socketDir = path.resolve(options.socketDir ?? ownDir!);
  const socket = socketPath(socketDir);
  if (socket.length > maxSocketPath)
    throw new Error(
      `The embedded database's socket path ${socket} is longer than ${maxSocketPath} characters; set EMBEDDED_DB_DIR to a shorter path.`,
    );
  privateFolder(socketDir);
  if (options.dataDir) privateFolder(options.dataDir);
  // A socket file left by a process that died; the caller owns this folder, so nobody else is listening on it.
  rmSync(socket, { force: true });

  const db = await PGlite.create({
    dataDir: options.dataDir,
    extensions: { pg_trgm, unaccent },
  });
  const server = new PGLiteSocketServer({ db, path: socket, maxConnections: 32 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    url: socketUrl(socketDir),
    socketDir,
    stop: async () => {
      await server.stop();
      await db.close();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}
