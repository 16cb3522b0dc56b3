// The embedded PostgreSQL: PGlite served over the PostgreSQL wire protocol, so the app talks to it
// through the same adapter-pg connection as to any real server.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedDatabase = {
  url: string;
  port: number;
  stop: () => Promise<void>;
};

export type EmbeddedOptions = {
  /** Folder for the data files; omitted means in memory only. */
  dataDir?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
};

// Start an embedded PostgreSQL server
export async function startEmbeddedDatabase(options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const host = options.host ?? "127.0.0.1";
  const db = await PGlite.create({
    dataDir: options.dataDir,
    extensions: { pg_trgm, unaccent },
  });
  const server = new PGLiteSocketServer({ db, host, port: options.port ?? 0, maxConnections: 32 });
  await server.start();
  const address = server.getServerConn();
  const port = Number(address.slice(address.lastIndexOf(":") + 1));
  return {
    url: `postgresql://postgres@${host}:${port}/postgres?sslmode=disable`,
    port,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
