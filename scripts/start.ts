// `npm start` and `npm run dev`: open the database (DATABASE_URL or the embedded one), apply
// migrations, import content/, build when the sources are newer than the build, then run Next.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { openDatabase } from "@/lib/database/runtime";
import { prepareDatabase } from "@/lib/database/prepare";
import { ContentError } from "@/lib/content/load";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const port = process.env.PORT ?? "3000";
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const sources = [
  "app",
  "components",
  "lib",
  "messages",
  "public",
  "proxy.ts",
  "next.config.ts",
  "global.d.ts",
  "package.json",
];

function newestSource(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((max, name) => Math.max(max, newestSource(path.join(entry, name))), stat.mtimeMs);
}

function buildIsStale(): boolean {
  const buildId = path.join(".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return sources.some((entry) => newestSource(entry) > built);
}

async function main() {
  const database = await openDatabase();
  console.log(database.embedded ? `Embedded PostgreSQL at ${database.url}` : "Using DATABASE_URL.");
  const running: { next?: ChildProcess } = {};
  // The server goes first (it still holds database connections), then the database; a server that does not end
  // within five seconds is killed, so that no process is left holding the port.
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const server = running.next;
    if (server && server.exitCode === null && server.signalCode === null) {
      const ended = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      const late = setTimeout(() => server.kill("SIGKILL"), 5000);
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

  if (mode === "start" && buildIsStale()) {
    console.log("Building the site…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit" });
    if (build.status !== 0) return stop(build.status ?? 1);
  }
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    SITE_URL: process.env.SITE_URL ?? `http://localhost:${port}`,
  };
  const server = ["--import", "tsx", "scripts/server.ts", ...(mode === "dev" ? ["--dev"] : [])];
  running.next = spawn(process.execPath, server, { stdio: "inherit", env: { ...env, PORT: port } });
  running.next.on("exit", (code) => void stop(code ?? 0));
}

void main();
