// Servers started by the benchmark: each in its own process group, all stopped on exit, Ctrl-C or
// error; memory read from /proc.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";

export type Server = { name: string; child: ChildProcess; log: string };

const started: Server[] = [];
let reaperList: string | undefined;

// A detached watcher that SIGKILLs every process group the benchmark started if the benchmark
// itself dies without cleaning up (e.g. killed with SIGKILL). After a clean stop its list is empty.
export function startReaper(listFile: string) {
  reaperList = listFile;
  writeFileSync(listFile, "");
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; for g in $(cat '${listFile}'); do kill -KILL -$g 2>/dev/null; done`;
  spawn("sh", ["-c", script], { detached: true, stdio: "ignore" }).unref();
  // Chromium and the like start process groups of their own: keep the list current
  setInterval(recordGroups, 500).unref();
}

function recordGroups() {
  if (!reaperList) return;
  const groups = new Set<number>();
  for (const s of started) {
    if (!isRunning(s) || s.child.pid === undefined) continue;
    groups.add(s.child.pid);
    for (const pid of processTree(s.child.pid)) {
      const pgid = processGroup(pid);
      if (pgid && pgid > 1 && pgid !== process.pid && pgid !== processGroup(process.pid)) groups.add(pgid);
    }
  }
  writeFileSync(reaperList, [...groups].join("\n") + "\n");
}

function clearReaper() {
  if (reaperList) writeFileSync(reaperList, "");
}

function signal(pid: number, sig: NodeJS.Signals) {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

// The server's process group and every descendant (some, like Chromium, start groups of their own)
function signalTree(child: ChildProcess, sig: NodeJS.Signals, tree = child.pid ? processTree(child.pid) : []) {
  if (child.pid === undefined) return;
  signal(-child.pid, sig);
  for (const pid of tree) signal(pid, sig);
}

// Start a command in a new process group, its output going to a log file
export function startServer(
  name: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; log: string },
): Server {
  const out = createWriteStream(options.log);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const server = { name, child, log: options.log };
  started.push(server);
  recordGroups();
  return server;
}

export function isRunning(server: Server): boolean {
  return server.child.exitCode === null && server.child.signalCode === null;
}

// Stop one server: SIGTERM to its group, SIGKILL after a grace period
export async function stopServer(server: Server, graceMs = 5000): Promise<void> {
  if (!isRunning(server)) {
    signalTree(server.child, "SIGKILL", []);
    return;
  }
  const tree = processTree(server.child.pid!);
  const exited = new Promise<void>((resolve) => server.child.once("exit", () => resolve()));
  signalTree(server.child, "SIGTERM", tree);
  const timer = setTimeout(() => signalTree(server.child, "SIGKILL", tree), graceMs);
  await exited;
  clearTimeout(timer);
  // Whatever the leader left behind
  await new Promise((r) => setTimeout(r, 200));
  signalTree(server.child, "SIGKILL", tree);
}

// Wait for a command started with startServer to finish; stop it after timeoutMs
export async function waitForExit(server: Server, timeoutMs: number): Promise<number | null> {
  if (!isRunning(server)) return server.child.exitCode;
  const guard = setTimeout(() => void stopServer(server, 1000), timeoutMs);
  const code = await new Promise<number | null>((resolve) => server.child.once("exit", (c) => resolve(c)));
  clearTimeout(guard);
  return code;
}

export async function stopAll(): Promise<void> {
  await Promise.all(started.map((s) => stopServer(s)));
  clearReaper();
}

// Last resort, synchronous: used from the process "exit" handler
export function killAllNow() {
  for (const s of started) signalTree(s.child, "SIGKILL");
  clearReaper();
}

export function tail(file: string, lines = 30): string {
  if (!existsSync(file)) return "";
  return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
}

export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

// Wait until url answers with any HTTP status below 500
export async function waitForHttp(url: string, server: Server, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(server))
      throw new Error(`${server.name} exited early; its log ${server.log} ends:\n${tail(server.log)}`);
    try {
      // One request at a time, given all the time a cold server needs
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(120_000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${server.name} did not answer ${url} within ${timeoutMs / 1000} s; its log ${server.log} ends:\n${tail(server.log)}`,
  );
}

// ---- /proc ----

type ProcInfo = { pid: number; ppid: number; comm: string };

function listProcesses(): ProcInfo[] {
  const result: ProcInfo[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      result.push({ pid: Number(entry), ppid, comm });
    } catch {
      // exited while listing
    }
  }
  return result;
}

function processGroup(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
  } catch {
    return undefined;
  }
}

// pid and all its descendants
export function processTree(pid: number): number[] {
  const all = listProcesses();
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const p of all) if (p.ppid === tree[i]) tree.push(p.pid);
  }
  return tree;
}

// The first process below root whose name starts with prefix (e.g. "next-server")
export function findDescendant(root: number, prefix: string): number | undefined {
  const all = listProcesses();
  const inTree = new Set(processTree(root));
  return all.find((p) => inTree.has(p.pid) && p.comm.startsWith(prefix))?.pid;
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

// Peak memory of a process tree during a measurement: the larger of the tree's RSS sampled every
// 100 ms and the root's VmHWM (its peak RSS, reset at the start through /proc/<pid>/clear_refs).
export function memoryProbe(root: number) {
  let hwmReset = false;
  try {
    writeFileSync(`/proc/${root}/clear_refs`, "5");
    hwmReset = true;
  } catch {
    // not permitted: rely on sampling
  }
  const sample = () => processTree(root).reduce((sum, pid) => sum + statusKb(pid, "VmRSS"), 0);
  let peakKb = sample();
  const timer = setInterval(() => {
    peakKb = Math.max(peakKb, sample());
  }, 100);
  return {
    stop(): number {
      clearInterval(timer);
      peakKb = Math.max(peakKb, sample());
      if (hwmReset) peakKb = Math.max(peakKb, statusKb(root, "VmHWM"));
      return peakKb / 1024;
    },
  };
}

export function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":").concat(["/usr/sbin", "/usr/bin", "/sbin"])) {
    const candidate = `${dir}/${command}`;
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

// Find a Debian tool, installing its package with apt-get when running as root
export function ensureTool(command: string, pkg: string): string | undefined {
  const found = which(command);
  if (found) return found;
  if (process.getuid?.() !== 0) {
    console.log(`  ${command} is missing: install it with \`sudo apt-get install -y ${pkg}\``);
    return undefined;
  }
  console.log(`  installing ${pkg} (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let r = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", pkg], { stdio: "ignore", env });
  if (r.status !== 0) {
    spawnSync("apt-get", ["update"], { stdio: "ignore", env });
    r = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", pkg], { stdio: "ignore", env });
  }
  return which(command);
}
