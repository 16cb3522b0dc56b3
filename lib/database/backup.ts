// Backup and restore of the whole database, uploaded files included (they live in StoredFile and
// FileChunk). The backup is one gzip file of JSON lines, written from a single REPEATABLE READ snapshot
// through an ordinary connection, so it works the same on the embedded database (which pg_dump of
// another major version cannot read) and on any PostgreSQL, while the site runs. Rows are read with a
// cursor a few at a time and restored in batches, so neither side holds a table or a file whole.
// Restore goes into an empty database: the migrations are applied first, then the rows, table by
// table in the order of their foreign keys.
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { applyMigrations } from "./migrations";

const format = "kb-backup";
const version = 1;

type Table = { name: string; columns: string[]; selfReferencing: boolean };
type Line =
  | ["backup", { format: string; version: number; createdAt: string; migrations: string[] }]
  | ["table", string, string[]]
  | ["row", Record<string, unknown>]
  | ["end", string, number];

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

// The app's tables in an order where every table comes after those its foreign keys point to, with
// their columns (generated ones left out: PostgreSQL computes them again)
async function tablesInOrder(client: pg.Client): Promise<Table[]> {
  const tables = await client.query<{ name: string; columns: string[] }>(`
    SELECT c.relname AS name,
           array_agg(a.attname::text ORDER BY a.attnum) AS columns
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated::text = ''
    WHERE c.relkind = 'r' AND c.relname <> '_prisma_migrations'
    GROUP BY c.relname
    ORDER BY c.relname`);
  const references = await client.query<{ source: string; target: string }>(`
    SELECT s.relname AS source, t.relname AS target
    FROM pg_constraint k
    JOIN pg_class s ON s.oid = k.conrelid
    JOIN pg_class t ON t.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = s.relnamespace AND n.nspname = current_schema()
    WHERE k.contype = 'f'`);
  const selfReferencing = new Set(references.rows.filter((r) => r.source === r.target).map((r) => r.source));
  const needs = new Map(tables.rows.map((t) => [t.name, new Set<string>()]));
  for (const r of references.rows) if (r.source !== r.target) needs.get(r.source)?.add(r.target);
  const ordered: Table[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.rows.length) {
    const next = tables.rows.filter((t) => !placed.has(t.name) && [...needs.get(t.name)!].every((n) => placed.has(n)));
    if (!next.length) throw new Error("the tables' foreign keys form a cycle; this backup cannot order them");
    for (const t of next) {
      ordered.push({ ...t, selfReferencing: selfReferencing.has(t.name) });
      placed.add(t.name);
    }
  }
  return ordered;
}

async function appliedMigrations(client: pg.Client): Promise<string[]> {
  const rows = await client.query<{ name: string }>(
    `SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.rows.map((r) => r.name);
}

// The lines of a gzip file, one at a time; a damaged file throws
async function* readLines(file: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on("error", (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  const decoder = new StringDecoder("utf8");
  let rest = "";
  for await (const piece of gunzip) {
    const text = rest + decoder.write(piece as Buffer);
    const parts = text.split("\n");
    rest = parts.pop()!;
    yield* parts;
  }
  rest += decoder.end();
  if (rest) yield rest;
}

// Write a backup of the database at url to file; returns the rows written per table
export async function backupDatabase(url: string, file: string): Promise<Record<string, number>> {
  const client = await connect(url);
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(file, { mode: 0o600 }));
  const write = async (text: string) => {
    if (!gzip.write(`${text}\n`)) await once(gzip, "drain");
  };
  const counts: Record<string, number> = {};
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const header: Line = [
      "backup",
      { format, version, createdAt: new Date().toISOString(), migrations: await appliedMigrations(client) },
    ];
    await write(JSON.stringify(header));
    for (const table of await tablesInOrder(client)) {
      await write(JSON.stringify(["table", table.name, table.columns] satisfies Line));
      const columns = table.columns.map(ident).join(", ");
      await client.query(
        `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(r)::text AS row FROM (SELECT ${columns} FROM ${ident(table.name)}) r`,
      );
      let count = 0;
      // Eight rows a fetch: a file chunk is 256 kB, so a fetch holds a few MB at most.
      for (;;) {
        const rows = await client.query<{ row: string }>("FETCH 8 FROM backup_rows");
        for (const { row } of rows.rows) await write(`["row",${row}]`);
        count += rows.rows.length;
        if (rows.rows.length < 8) break;
      }
      await client.query("CLOSE backup_rows");
      await write(JSON.stringify(["end", table.name, count] satisfies Line));
      counts[table.name] = count;
    }
    await client.query("COMMIT");
    gzip.end();
    await written;
  } catch (error) {
    gzip.destroy();
    await written.catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return counts;
}

// Restore a backup into the empty database at url; returns the rows restored per table
export async function restoreDatabase(url: string, file: string): Promise<Record<string, number>> {
  await applyMigrations(url);
  const client = await connect(url);
  const counts: Record<string, number> = {};
  try {
    const tables = new Map((await tablesInOrder(client)).map((t) => [t.name, t]));
    for (const name of tables.keys()) {
      const { rows } = await client.query(`SELECT EXISTS (SELECT FROM ${ident(name)}) AS filled`);
      if (rows[0].filled) throw new Error(`restore needs an empty database, but table ${name} has rows`);
    }
    const lines = readLines(file);
    let table: Table | null = null;
    let batch: string[] = [];
    let batchBytes = 0;
    let started = false;
    const flush = async () => {
      if (!table || !batch.length) return;
      const columns = table.columns.map(ident).join(", ");
      await client.query(
        `INSERT INTO ${ident(table.name)} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${ident(table.name)}, $1::json)`,
        [`[${batch.join(",")}]`],
      );
      counts[table.name] = (counts[table.name] ?? 0) + batch.length;
      batch = [];
      batchBytes = 0;
    };
    await client.query("BEGIN");
    // Foreign keys were checked when the rows were written; a superuser skips checking them again, which
    // also lets a table that points at itself (a place's parent) arrive in any order. Without that
    // right, such a table is inserted in one statement, whose checks run at its end.
    await client.query("SAVEPOINT replica");
    const unchecked = await client
      .query("SET LOCAL session_replication_role = replica")
      .then(() => true)
      .catch(() => false);
    if (!unchecked) await client.query("ROLLBACK TO SAVEPOINT replica");
    for await (const text of lines) {
      if (!text) continue;
      if (text.startsWith('["row",')) {
        if (!table) throw new Error("backup file: a row before its table");
        // The row's JSON as written, without parsing it here.
        const row = text.slice(7, -1);
        batch.push(row);
        batchBytes += row.length;
        if ((unchecked || !table.selfReferencing) && (batchBytes > 4 * 1024 * 1024 || batch.length >= 500))
          await flush();
        continue;
      }
      const line = JSON.parse(text) as Line;
      if (line[0] === "backup") {
        if (line[1].format !== format || line[1].version !== version) throw new Error("not a backup of this site");
        const here = await appliedMigrations(client);
        if (JSON.stringify(here) !== JSON.stringify(line[1].migrations))
          throw new Error(
            `the backup was made at migration ${line[1].migrations.at(-1)}, this database is at ${here.at(-1)}: restore with the same version of the site`,
          );
        started = true;
      } else if (!started) throw new Error("not a backup of this site");
      else if (line[0] === "table") {
        const known = tables.get(line[1]);
        if (!known || JSON.stringify(known.columns) !== JSON.stringify(line[2]) || table)
          throw new Error(`table ${line[1]} in the backup does not match this database`);
        table = known;
        counts[table.name] = 0;
      } else if (line[0] === "end") {
        await flush();
        if (counts[line[1]] !== line[2]) throw new Error(`table ${line[1]}: expected ${line[2]} rows`);
        table = null;
      }
    }
    if (!started) throw new Error("not a backup of this site");
    if (table) throw new Error(`backup file ends inside table ${table.name}: it is incomplete`);
    // A file cut off between two tables ends cleanly: it lacks the tables that came after.
    const missing = [...tables.keys()].find((name) => !(name in counts));
    if (missing) throw new Error(`backup file ends before table ${missing}: it is incomplete`);
    const views = await client.query<{ name: string }>(
      `SELECT matviewname AS name FROM pg_matviews WHERE schemaname = current_schema()`,
    );
    for (const { name } of views.rows) await client.query(`REFRESH MATERIALIZED VIEW ${ident(name)}`);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return counts;
}
