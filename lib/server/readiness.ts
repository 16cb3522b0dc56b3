import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { isDraining } from "./lifecycle";

export type Readiness = {
  ready: boolean;
  database: boolean;
  migrations: "applied" | "pending" | "unknown";
  stopping: boolean;
};

const timeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);

// Whether this server should get traffic: database reachable within two seconds, migrations applied, not stopping
export async function readiness(): Promise<Readiness> {
  const stopping = isDraining();
  let database = false;
  let migrations: Readiness["migrations"] = "unknown";
  try {
    const [folders, rows] = await Promise.all([
      readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true }),
      timeout(
        db().$queryRaw<{ name: string }[]>`
          SELECT migration_name AS name FROM "_prisma_migrations"
          WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        2000,
      ),
    ]);
    database = true;
    const applied = new Set(rows.map((r) => r.name));
    const wanted = folders.filter((f) => f.isDirectory()).map((f) => f.name);
    migrations = wanted.every((name) => applied.has(name)) ? "applied" : "pending";
  } catch {
    // The database did not answer in time (or the migrations table is missing): not ready.
  }
  return { ready: database && migrations === "applied" && !stopping, database, migrations, stopping };
}

// Whether the database answers a trivial query within 1.5 seconds
export async function databaseAnswers(): Promise<boolean> {
  try {
    await timeout(db().$queryRaw`SELECT 1`, 1500);
    return true;
  } catch {
    return false;
  }
}
