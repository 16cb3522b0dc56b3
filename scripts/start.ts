// `npm start` and `npm run dev`, the newcomer's one command: open the database (DATABASE_URL or the embedded one),
// apply migrations, import content/, keep the local secrets in .data/, build when the sources are newer than the
// build, then run `next start` (or `next dev`). Production runs these steps one by one instead (docs/deployment-and-operations.md).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EmbeddedDatabaseBusyError, openDatabase } from "@/lib/database/runtime";
import { prepareDatabase } from "./prepare";
import { serverEnv } from "./server-env";
import { ContentError } from "@/lib/content/load";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const port = process.env.PORT ?? "3000";
const nextBin = path.join("node_modules", ".bin", "next");
const sources = [
  "app",
  "components",
  "lib",
  "messages",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "global.d.ts",
  "package.json",
];

function newestSource(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  if (entry === path.join("lib", "generated")) return 0;
  return readdirSync(entry).reduce((max, name) => Math.max(max, newestSource(path.join(entry, name))), stat.mtimeMs);
}

function buildIsStale(): boolean {
  const buildId = path.join(".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return sources.some((entry) => newestSource(entry) > built);
}

// The secrets every app process must share, made once for this checkout and kept in .data/ (owner-only); values in
// the environment win
function localSecrets(): Record<string, string> {
  const file = path.join(".data", "secrets.json");
  mkdirSync(".data", { recursive: true, mode: 0o700 });
  let kept: Record<string, string> = {};
  if (existsSync(file)) kept = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  const wanted: Record<string, () => string> = {
    FORM_SECRET: () => randomBytes(32).toString("base64url"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: () => randomBytes(32).toString("base64"),
  };
  let changed = false;
  for (const [name, make] of Object.entries(wanted)) {
    if (!kept[name]) {
      kept[name] = make();
      changed = true;
    }
  }
  if (changed) writeFileSync(file, JSON.stringify(kept, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  const secrets: Record<string, string> = {};
  for (const name of Object.keys(wanted)) secrets[name] = process.env[name] || kept[name]!;
  return secrets;
}

async function main() {
  const database = await openDatabase().catch((error: unknown) => {
    if (!(error instanceof EmbeddedDatabaseBusyError)) throw error;
    console.error(error.message);
    process.exit(1);
  });
  console.log(database.embedded ? `Embedded PostgreSQL at ${database.url}` : "Using DATABASE_URL.");
  const running: { next?: ChildProcess } = {};
  // The server goes first (it still holds database connections), then the database; a server that does not end
  // within ten seconds is killed, so that no process is left holding the port.
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const server = running.next;
    if (server && server.exitCode === null && server.signalCode === null) {
      const ended = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      const late = setTimeout(() => server.kill("SIGKILL"), 10_000);
      await ended;
      clearTimeout(late);
    }
    await database.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(130));
  process.on("SIGTERM", () => void stop(143));
  try {
    await prepareDatabase(database.url);
  } catch (error) {
    console.error(error instanceof ContentError ? error.message : error);
    return stop(1);
  }

  const env = serverEnv(database, port, localSecrets());
  if (mode === "start" && buildIsStale()) {
    console.log("Building the site…");
    const build = spawnSync(nextBin, ["build"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
    if (build.status !== 0) return stop(build.status ?? 1);
  }
  // Only this machine reaches the server unless BIND_HOST says otherwise (behind a proxy: docs/deployment-and-operations.md).
  const host = process.env.BIND_HOST ?? "127.0.0.1";
  // The server itself starts as production starts it (scripts/serve.sh), with the same memory settings.
  running.next =
    mode === "dev"
      ? spawn(nextBin, ["dev", "-p", port, "-H", host], { stdio: "inherit", env })
      : spawn("sh", [path.join("scripts", "serve.sh"), "-p", port, "-H", host], { stdio: "inherit", env });
  running.next.on("exit", (code, signal) => void stop(code ?? (signal ? 1 : 0)));
}

void main();
