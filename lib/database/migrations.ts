// Prisma migrations driven through Prisma's schema engine compiled to WebAssembly, so that they
// work where the native engine cannot be installed. The folder keeps Prisma's own format, so
// `prisma migrate deploy` does the same job wherever the native engine is available.
import { readFile, readdir, mkdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { startEmbeddedDatabase } from "./embedded";

const root = process.cwd();
export const schemaPath = path.join(root, "prisma", "schema.prisma");
export const migrationsDir = path.join(root, "prisma", "migrations");
const filters = { externalTables: [], externalEnums: [] };
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

// The engine reads pg_catalog columns of PostgreSQL's internal "char" type, which adapter-pg cannot
// map: pass them through as text and tell the engine they are characters, as it expects.
const charColumns = Symbol("charColumns");
type RawResult = { fields: { dataTypeID: number }[]; rows: unknown[] & { [charColumns]?: number[] } };
type Queryable = {
  performIO?: (query: unknown) => Promise<RawResult>;
  queryRaw: (query: unknown) => Promise<{ columnTypes: number[]; rows: RawResult["rows"] }>;
};

function patchCharColumns<T extends object>(adapter: T): T {
  const queryable = adapter as unknown as Queryable;
  const performIO = queryable.performIO?.bind(adapter);
  if (!performIO) return adapter;
  const queryRaw = queryable.queryRaw.bind(adapter);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    const found: number[] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        found.push(i);
      }
    });
    if (found.length) result.rows[charColumns] = found;
    return result;
  };
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of result.rows[charColumns] ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  return adapter;
}

function adapterFactory(url: string) {
  const main = new PrismaPg({ connectionString: url, max: 2 });
  return bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: main.adapterName,
    connect: async () => patchCharColumns(await main.connect()),
    // A throwaway in-memory PostgreSQL serves as the shadow database on any server, so that
    // creating migrations needs no CREATE DATABASE right.
    connectToShadowDb: async () => {
      const shadow = await startEmbeddedDatabase();
      const factory = new PrismaPg({ connectionString: shadow.url, max: 1 });
      const adapter = patchCharColumns(await factory.connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await shadow.stop();
      };
      return adapter;
    },
  });
}

type EngineModule = typeof import("@prisma/schema-engine-wasm");
let engineModule: Promise<EngineModule> | undefined;

// Load the wasm schema engine (its package targets bundlers, so instantiate it by hand)
function loadEngine(): Promise<EngineModule> {
  engineModule ??= (async () => {
    // The engine reports Rust panics through this global before it throws.
    const registry = {
      message: "",
      set_message(m: string) {
        this.message = m;
      },
    };
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof registry }).PRISMA_WASM_PANIC_REGISTRY ??= registry;
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = (await import(bgPath)) as EngineModule & { __wbg_set_wasm: (w: unknown) => void };
    const bytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return bg;
  })();
  return engineModule;
}

async function withEngine<T>(url: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngine();
  const schema = await readFile(schemaPath, "utf8");
  const log = (message: string) => {
    if (process.env.DEBUG_MIGRATIONS) console.error(message);
  };
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, log, adapterFactory(url));
  try {
    return await run(engine);
  } catch (error) {
    const panic = (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { message: string } }).PRISMA_WASM_PANIC_REGISTRY;
    if (panic?.message) throw new Error(`schema engine panicked: ${panic.message}`, { cause: error });
    throw error;
  } finally {
    engine.free();
  }
}

// Read the migrations folder the way Prisma's CLI hands it to the engine
export async function readMigrations(dir = migrationsDir): Promise<MigrationList> {
  const lockPath = path.join(dir, "migration_lock.toml");
  const names = existsSync(dir)
    ? (await readdir(dir, { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => {
        const file = path.join(dir, name, "migration.sql");
        return {
          path: name,
          migrationFile: {
            path: "migration.sql",
            content: existsSync(file)
              ? { tag: "ok" as const, value: await readFile(file, "utf8") }
              : { tag: "error" as const, value: `${file} is missing` },
          },
        };
      }),
    ),
  };
}

// Apply pending migrations to the database at url
export async function applyMigrations(url: string): Promise<string[]> {
  const migrationsList = await readMigrations();
  return withEngine(url, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters });
    return out.appliedMigrationNames;
  });
}

// Compute the SQL that would bring the migrations up to schema.prisma ("" when they agree)
export async function pendingSchemaChanges(): Promise<string> {
  const migrations = await readMigrations();
  const schema = await readFile(schemaPath, "utf8");
  const scratch = await startEmbeddedDatabase();
  try {
    return await withEngine(scratch.url, async (engine) => {
      const result = await engine.diff({
        from: { tag: "migrations", ...migrations },
        to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
        script: true,
        exitCode: true,
        filters,
      });
      return result.exitCode === 2 ? (result.stdout ?? "") : "";
    });
  } finally {
    await scratch.stop();
  }
}

// Write a new migration folder for whatever schema.prisma adds to the migrations
export async function createMigration(name: string): Promise<string | null> {
  const lock = path.join(migrationsDir, "migration_lock.toml");
  if (!existsSync(lock)) {
    await mkdir(migrationsDir, { recursive: true });
    await writeFile(
      lock,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  const sql = await pendingSchemaChanges();
  if (!sql.trim()) return null;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = `${stamp}_${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")}`;
  await mkdir(path.join(migrationsDir, folder), { recursive: true });
  await writeFile(path.join(migrationsDir, folder, "migration.sql"), sql);
  return folder;
}
