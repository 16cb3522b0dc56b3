// Load generation with wrk (Debian's `wrk`): fixed connections and duration, loopback only.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { memoryProbe } from "./processes";

export type LoadResult = {
  requests: number;
  rps: number;
  p50ms: number;
  p99ms: number;
  errors: number;
  peakMb: number | null;
};

// done() prints one JSON line; request() (only in the rotating script) cycles through paths.
const report = `
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nBENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
`;

const rotate = `
local paths = {}
local i = 0
function init(args)
  for p in string.gmatch(os.getenv("BENCH_PATHS") or "/", "[^ ]+") do table.insert(paths, p) end
end
function request()
  i = i % #paths + 1
  return wrk.format(nil, paths[i])
end
`;

export function writeLuaScripts(dir: string) {
  writeFileSync(path.join(dir, "report.lua"), report);
  writeFileSync(path.join(dir, "rotate.lua"), rotate + report);
}

export type LoadOptions = {
  wrk: string;
  luaDir: string;
  origin: string; // http://127.0.0.1:port
  paths: string[]; // one path, or several to cycle through
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  memoryOf?: number; // pid whose process tree's peak memory to report
};

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(o.origin)) throw new Error(`loopback only: ${o.origin}`);
  const script = path.join(o.luaDir, o.paths.length > 1 ? "rotate.lua" : "report.lua");
  const args = [
    "-t1",
    `-c${o.connections}`,
    `-d${o.seconds}s`,
    "--timeout",
    "10s",
    "-s",
    script,
    ...Object.entries(o.headers ?? {}).flatMap(([k, v]) => ["-H", `${k}: ${v}`]),
    o.origin + o.paths[0],
  ];
  const probe = o.memoryOf !== undefined ? memoryProbe(o.memoryOf) : undefined;
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(o.wrk, args, {
      env: { ...process.env, BENCH_PATHS: o.paths.join(" ") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    // wrk stops itself after the duration; this only guards against a hang
    const guard = setTimeout(() => child.kill("SIGKILL"), (o.seconds + 30) * 1000);
    child.on("error", reject);
    child.on("exit", () => {
      clearTimeout(guard);
      resolve(text);
    });
  });
  const peakMb = probe ? probe.stop() : null;
  const line = output.split("\n").find((l) => l.startsWith("BENCH "));
  if (!line) throw new Error(`wrk printed no result:\n${output}`);
  const r = JSON.parse(line.slice(6)) as {
    requests: number;
    duration_us: number;
    p50_us: number;
    p99_us: number;
    errors: number;
  };
  return {
    requests: r.requests,
    rps: r.requests / (r.duration_us / 1e6),
    p50ms: r.p50_us / 1000,
    p99ms: r.p99_us / 1000,
    errors: r.errors,
    peakMb,
  };
}
