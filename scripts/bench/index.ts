// `npm run bench`: starts the built site the README way (`npm start`), and beside it a minimal static
// Next.js app, nginx serving the same bytes from disk and nginx with the shipped proxy cache
// (scripts/deploy/nginx.conf) in front of the site; measures throughput, latency and memory at 16
// connections, the uncached render time of item pages, Lighthouse 12 scores and the JavaScript
// each page ships, and prints it all. Not a test: it prints figures and exits 0 unless it breaks.

// ---- The pages measured. Paths are the Danish ones; change them here. ----
type PageSpec = { name: string; path: string; lighthouse: boolean };
const PAGES: PageSpec[] = [
  { name: "home", path: "/da", lighthouse: true },
  { name: "listing", path: "/da/artikler", lighthouse: true },
  {
    name: "item",
    path: "/da/publikationer/erfaringsopsamling-pulje-kommuner-og-socialoekonomiske-virksomheder",
    lighthouse: true,
  },
  { name: "glossary", path: "/da/ordliste", lighthouse: false },
];
// Item pages requested in turn for the uncached render time.
const RENDER_PATHS = [
  "/da/publikationer/erfaringsopsamling-pulje-kommuner-og-socialoekonomiske-virksomheder",
  "/sv/fall/clean-car-service-goteborg",
  "/da/cases/jammerbugt-partnerskabsaftale-socialoekonomiske-virksomheder",
  "/sv/publikationer/samordning-for-socialt-foretagande",
];
// Targets from the issue.
const TARGET = { appVsStaticNext: 0.8, proxyVsNginx: 0.5, uncachedP50Ms: 15, jsBeyondMinimalKb: 15 };

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { runLoad, writeLuaScripts, type LoadResult } from "./load";
import { proxyConfig, staticConfig } from "./nginx";
import { lighthouse, shippedJs, type JsSize, type Scores } from "./page-facts";
import {
  ensureTool,
  findDescendant,
  isRunning,
  killAllNow,
  memoryProbe,
  portIsFree,
  startReaper,
  startServer,
  stopAll,
  waitForHttp,
  type Server,
} from "./processes";
import { nextBin, prepareStaticApp } from "./static-next";

const root = process.cwd();
const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const APP_PORT = env("BENCH_PORT", 3103);
const AUX_PORT = env("BENCH_AUX_PORT", 3113);
const PORTS = {
  app: APP_PORT,
  staticNext: AUX_PORT,
  nginxStatic: AUX_PORT + 1,
  proxy: AUX_PORT + 2,
  chrome: AUX_PORT + 3,
};
const SECONDS = env("BENCH_SECONDS", 5);
const CONNECTIONS = env("BENCH_CONNECTIONS", 16);
const LIGHTHOUSE = process.env.BENCH_LIGHTHOUSE !== "0";
const CHROME = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const benchDir = path.join(root, ".bench");
const runDir = path.join(benchDir, "run");
const origin = (port: number) => `http://127.0.0.1:${port}`;

// ---- small helpers ----

type Response = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

// A plain GET without Accept-Encoding (like wrk's requests), so bodies are the uncompressed bytes
function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`timeout: ${url}`)));
    req.on("error", reject);
  });
}

const fmt = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined || Number.isNaN(n) ? "–" : n.toFixed(digits);
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const lpad = (s: string | number, n: number) => String(s).padStart(n);
const verdict = (ok: boolean) => (ok ? "meets" : "MISSES");

function printTable(head: string[], rows: (string | number)[][], align: ("l" | "r")[]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? "").length)));
  const line = (cells: (string | number)[]) =>
    "  " + cells.map((c, i) => (align[i] === "r" ? lpad(c, widths[i]!) : pad(c, widths[i]!))).join("  ");
  console.log(line(head));
  console.log("  " + widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

// Whether a shared cache may keep a response, and if not, why
function sharedCacheVerdict(headers: http.IncomingHttpHeaders): { cacheable: boolean; why: string } {
  const cc = String(headers["cache-control"] ?? "").toLowerCase();
  if (headers["set-cookie"]) return { cacheable: false, why: "sets a cookie" };
  if (/\b(private|no-store|no-cache)\b/.test(cc)) return { cacheable: false, why: "private/no-store/no-cache" };
  if (/\bs-maxage=[1-9]/.test(cc) || /\bmax-age=[1-9]/.test(cc)) return { cacheable: true, why: "" };
  return { cacheable: false, why: cc ? "no positive max-age/s-maxage" : "no Cache-Control" };
}

const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");

function machine() {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const version = (cmd: string, args: string[]) =>
    spawnSync(cmd, args, { encoding: "utf8" }).stderr?.trim().split("\n")[0] ||
    spawnSync(cmd, args, { encoding: "utf8" }).stdout?.trim().split("\n")[0];
  return {
    date: new Date().toISOString().slice(0, 10),
    cores: os.cpus().length,
    cpu,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    version,
  };
}

// ---- the run ----

type Target = "app" | "staticNext" | "nginxStatic" | "proxy";
const targetLabel: Record<Target, string> = {
  app: "app (npm start)",
  staticNext: "minimal static Next.js",
  nginxStatic: "nginx, same bytes from disk",
  proxy: "app behind shipped proxy cache",
};

type PageState = PageSpec & {
  status: number;
  bytes: number;
  cacheControl: string;
  setCookie: boolean;
  shared: { cacheable: boolean; why: string };
  proxyCache?: string;
  load: Partial<Record<Target, LoadResult & { note?: string }>>;
  appTreeMb?: number | null;
  js?: JsSize;
  staticJs?: JsSize;
  scores?: Scores | string;
};

type Site = { app: Server; nextServer: number | undefined; appRoot: number | undefined };

async function main() {
  const started = Date.now();
  const m = machine();
  console.log(
    `Benchmark ${m.date} · ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB · Node ${m.node} · ` +
      `${CONNECTIONS} connections, ${SECONDS} s per run, loopback only`,
  );
  console.log(`Load average before the run: ${loadAverage()} (other work on the machine skews every figure)`);
  const { wrk, nginx, chrome } = findTools(m);
  await prepareRunDir();
  const site = await startSite(started);
  const { pages, live } = await readPages();
  const staticNext = await startStaticNext(live);
  const { nginxStatic, proxy } = nginx ? await startNginx(nginx, live) : {};
  await measureShippedJs(live);
  if (chrome) await runLighthouse(live, chrome);
  await loadBaselines(wrk, live, staticNext, nginxStatic);
  const { render, renderPaths } = await measureUncachedRender(wrk);
  const appStillAnswers = await loadApp(wrk, live, site, proxy);

  reportLoad(live, appStillAnswers);
  reportRatios(live);
  reportRender(live, render, renderPaths);
  reportCacheControl(pages);
  reportShippedJs(live);
  if (chrome) reportLighthouse(pages);
  writeFileSync(
    path.join(benchDir, "results.json"),
    JSON.stringify(
      { machine: { ...m, version: undefined }, connections: CONNECTIONS, seconds: SECONDS, pages, render, renderPaths },
      null,
      2,
    ) + "\n",
  );
  console.log(`\nLoad average after the run: ${loadAverage()}`);
  console.log(
    `Done in ${((Date.now() - started) / 1000).toFixed(0)} s. Raw figures: .bench/results.json; logs: .bench/run/`,
  );
}

// Find wrk (required), nginx and Chromium
function findTools(m: ReturnType<typeof machine>) {
  console.log("\nTools");
  const wrk = ensureTool("wrk", "wrk");
  if (!wrk) throw new Error("wrk is required (Debian package `wrk`)");
  const nginx = ensureTool("nginx", "nginx");
  console.log(`  ${m.version(wrk, ["-v"])}`);
  if (nginx) console.log(`  ${m.version(nginx, ["-v"])}`);
  else console.log("  nginx missing: the nginx rows are skipped");
  const chrome = LIGHTHOUSE && existsSync(CHROME) ? CHROME : undefined;
  if (LIGHTHOUSE && !chrome) console.log(`  no Chromium at ${CHROME} (set CHROME_PATH): Lighthouse is skipped`);
  return { wrk, nginx, chrome };
}

// Check the ports and make an empty run folder with its reaper and wrk scripts
async function prepareRunDir() {
  for (const [name, port] of Object.entries(PORTS)) {
    if (!(await portIsFree(port)))
      throw new Error(`port ${port} (${name}) is in use: stop what listens there or set BENCH_PORT / BENCH_AUX_PORT`);
  }
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  startReaper(path.join(runDir, "process-groups"));
  writeLuaScripts(runDir);
}

// 1. Start the site, the README way
async function startSite(started: number): Promise<Site> {
  console.log(
    `\nStarting the site: PORT=${APP_PORT} npm start (${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded database"}; ` +
      "it builds first when the sources are newer than .next)…",
  );
  const app = startServer("npm start", "npm", ["start"], {
    // The site's own address is the one measured, so canonical URLs point where Lighthouse looks.
    env: { ...process.env, PORT: String(APP_PORT), SITE_URL: origin(APP_PORT), NEXT_TELEMETRY_DISABLED: "1" },
    log: path.join(runDir, "app.log"),
  });
  await waitForHttp(origin(APP_PORT) + "/da", app, 15 * 60_000);
  const nextServer = findDescendant(app.child.pid!, "next-server");
  const appRoot = nextServer
    ? Number(readFileSync(`/proc/${nextServer}/stat`, "utf8").split(") ")[1]!.split(" ")[1])
    : undefined;
  console.log(`  ready after ${((Date.now() - started) / 1000).toFixed(0)} s (next-server pid ${nextServer ?? "?"})`);
  return { app, nextServer, appRoot };
}

// 2. What exists, its bytes and its headers
async function readPages() {
  const pages: PageState[] = [];
  for (const spec of PAGES) {
    let res = await get(origin(APP_PORT) + spec.path);
    for (let i = 0; i < 5; i++) res = await get(origin(APP_PORT) + spec.path); // warm
    pages.push({
      ...spec,
      status: res.status,
      bytes: res.body.length,
      cacheControl: String(res.headers["cache-control"] ?? "(none)"),
      setCookie: Boolean(res.headers["set-cookie"]),
      shared: sharedCacheVerdict(res.headers),
      load: {},
    });
    if (res.status === 200) writeFileSync(path.join(runDir, `${spec.name}.html`), res.body);
  }
  const live = pages.filter((p) => p.status === 200);
  console.log("\nPages");
  printTable(
    ["page", "path", "status", "bytes"],
    pages.map((p) => [
      p.name,
      p.path,
      p.status === 404 ? "404: not yet built, not measured" : p.status,
      p.status === 200 ? p.bytes : "",
    ]),
    ["l", "l", "l", "r"],
  );
  if (live.length === 0) throw new Error("none of the pages answers 200");
  return { pages, live };
}

// 3. Start a minimal static Next.js app with pages of the same sizes
async function startStaticNext(live: PageState[]) {
  console.log("\nMinimal static Next.js app (.bench/static-app): pages of the same byte sizes…");
  const staticDir = path.join(benchDir, "static-app");
  const sizes = prepareStaticApp(
    staticDir,
    root,
    Object.fromEntries(live.map((p) => [p.name, p.bytes])),
    path.join(runDir, "static-build.log"),
  );
  const staticNext = startServer("minimal Next.js", nextBin, ["start", "-p", String(PORTS.staticNext)], {
    cwd: staticDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    log: path.join(runDir, "static-next.log"),
  });
  await waitForHttp(origin(PORTS.staticNext) + `/${live[0]!.name}`, staticNext, 60_000);
  for (const p of live) {
    const r = await get(origin(PORTS.staticNext) + `/${p.name}`);
    console.log(`  /${p.name}: ${r.body.length} bytes (app page ${p.bytes}; built ${sizes[p.name]})`);
  }
  return staticNext;
}

// 4. Start nginx: the same bytes from disk, and the shipped proxy config in front of the app
async function startNginx(nginx: string, live: PageState[]) {
  const staticPrefix = path.join(runDir, "nginx-static");
  const conf = staticConfig(staticPrefix, PORTS.nginxStatic);
  for (const p of live)
    writeFileSync(path.join(staticPrefix, "html", `${p.name}.html`), readFileSync(path.join(runDir, `${p.name}.html`)));
  const nginxStatic = startServer(
    "nginx static",
    nginx,
    ["-e", path.join(staticPrefix, "error.log"), "-p", staticPrefix, "-c", conf],
    {
      log: path.join(staticPrefix, "stdout.log"),
    },
  );
  const proxyPrefix = path.join(runDir, "nginx-proxy");
  const pconf = proxyConfig(proxyPrefix, PORTS.proxy, APP_PORT, path.join(root, "scripts", "deploy", "nginx.conf"));
  const proxy = startServer(
    "nginx proxy",
    nginx,
    ["-e", path.join(proxyPrefix, "error.log"), "-p", proxyPrefix, "-c", pconf],
    {
      log: path.join(proxyPrefix, "stdout.log"),
    },
  );
  await waitForHttp(origin(PORTS.nginxStatic) + `/${live[0]!.name}`, nginxStatic, 10_000);
  await waitForHttp(origin(PORTS.proxy) + live[0]!.path, proxy, 10_000);
  for (const p of live) {
    await get(origin(PORTS.proxy) + p.path);
    const second = await get(origin(PORTS.proxy) + p.path);
    p.proxyCache = String(second.headers["x-cache-status"] ?? "?");
  }
  return { nginxStatic, proxy };
}

// 5. Measure the JavaScript each page ships
async function measureShippedJs(live: PageState[]) {
  for (const p of live) {
    p.js = await shippedJs(origin(APP_PORT), p.path);
    p.staticJs = await shippedJs(origin(PORTS.staticNext), `/${p.name}`);
  }
}

// 6. Lighthouse, while the site is fresh
async function runLighthouse(live: PageState[], chrome: string) {
  console.log("\nLighthouse 12 (mobile)…");
  for (const p of live.filter((x) => x.lighthouse)) {
    // Lighthouse now and then fails to record a trace (NO_NAVSTART): one more try before giving up.
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        p.scores = await lighthouse(
          origin(APP_PORT) + p.path,
          path.join(runDir, `lighthouse-${p.name}.json`),
          chrome,
          PORTS.chrome,
        );
        break;
      } catch (error) {
        p.scores = `failed: ${(error as Error).message.split("\n")[0]}`;
      }
    }
  }
}

// 7. Baselines under load: the minimal Next.js app and nginx
async function loadBaselines(wrk: string, live: PageState[], staticNext: Server, nginxStatic?: Server) {
  console.log(`\nLoad: ${CONNECTIONS} connections, ${SECONDS} s per run after a warm-up…`);
  for (const p of live) {
    await warm(wrk, PORTS.staticNext, [`/${p.name}`], 2);
    p.load.staticNext = await measure(wrk, PORTS.staticNext, [`/${p.name}`], staticNext.child.pid);
    if (nginxStatic) {
      await warm(wrk, PORTS.nginxStatic, [`/${p.name}`], 1);
      p.load.nginxStatic = await measure(wrk, PORTS.nginxStatic, [`/${p.name}`], nginxStatic.child.pid);
    }
  }
}

// 8. Uncached item render. Next.js draft mode (the __prerender_bypass cookie holding the build's
// previewModeId) makes every request render on the server: it skips the full-route cache and
// forces "use cache" functions to run again. One connection, so latency is the render time
async function measureUncachedRender(wrk: string) {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next", "prerender-manifest.json"), "utf8")) as {
    preview: { previewModeId: string };
  };
  const draft = { Cookie: `__prerender_bypass=${manifest.preview.previewModeId}` };
  const renderPaths: string[] = [];
  for (const p of RENDER_PATHS) if ((await get(origin(APP_PORT) + p, draft)).status === 200) renderPaths.push(p);
  let render: LoadResult | undefined;
  if (renderPaths.length > 0) {
    await runLoad({
      wrk,
      luaDir: runDir,
      origin: origin(APP_PORT),
      paths: renderPaths,
      connections: 1,
      seconds: 1,
      headers: draft,
    });
    render = await runLoad({
      wrk,
      luaDir: runDir,
      origin: origin(APP_PORT),
      paths: renderPaths,
      connections: 1,
      seconds: SECONDS,
      headers: draft,
    });
  }
  return { render, renderPaths };
}

// 9. Load the app, directly and through the proxy cache; whether it still answers afterwards
async function loadApp(wrk: string, live: PageState[], site: Site, proxy?: Server): Promise<boolean> {
  for (const p of live) {
    if (!isRunning(site.app) || !site.nextServer) {
      p.load.app = undefined;
      continue;
    }
    await warm(wrk, APP_PORT, [p.path], 2);
    const whole = site.appRoot ? memoryProbe(site.appRoot) : undefined;
    p.load.app = await measure(wrk, APP_PORT, [p.path], site.nextServer);
    p.appTreeMb = whole?.stop() ?? null;
    if (proxy) {
      await warm(wrk, PORTS.proxy, [p.path], 1);
      p.load.proxy = await measure(wrk, PORTS.proxy, [p.path], proxy.child.pid);
    }
  }
  return (await get(origin(APP_PORT) + live[0]!.path).catch(() => ({ status: 0 }))).status === 200;
}

// The throughput and latency table
function reportLoad(live: PageState[], appStillAnswers: boolean) {
  console.log(
    `\nThroughput and latency (${CONNECTIONS} connections, ${SECONDS} s, wrk; peak MB = RSS of the server's process tree)`,
  );
  const rows: (string | number)[][] = [];
  for (const p of live) {
    (["app", "staticNext", "nginxStatic", "proxy"] as Target[]).forEach((t, i) => {
      const r = p.load[t];
      rows.push([
        i === 0 ? p.name : "",
        i === 0 ? p.bytes : "",
        targetLabel[t],
        r ? fmt(r.rps, 0) : "–",
        r && r.requests > 0 ? fmt(r.p50ms, 2) : r ? "none done" : "–",
        r && r.requests > 0 ? fmt(r.p99ms, 2) : "–",
        r ? fmt(r.peakMb, 0) : "–",
        r ? r.errors : "–",
      ]);
    });
  }
  printTable(["page", "bytes", "server", "req/s", "p50 ms", "p99 ms", "peak MB", "errors"], rows, [
    "l",
    "r",
    "l",
    "r",
    "r",
    "r",
    "r",
    "r",
  ]);
  const dbNote = live
    .filter((p) => p.appTreeMb)
    .map((p) => `${p.name} ${fmt(p.appTreeMb, 0)} MB`)
    .join(", ");
  if (dbNote)
    console.log(
      `  next-server + its parent (npm start's tsx process, which holds the embedded database when DATABASE_URL is unset): ${dbNote}`,
    );
  if (!appStillAnswers)
    console.log(`  ! the app stopped answering ${live[0]!.path} with 200 after the load; see .bench/run/app.log`);
}

// The ratios against the targets
function reportRatios(live: PageState[]) {
  console.log("\nRatios (req/s)");
  printTable(
    [
      "page",
      `app / minimal Next (≥ ${TARGET.appVsStaticNext})`,
      `proxy / nginx static (≥ ${TARGET.proxyVsNginx})`,
      "note",
    ],
    live.map((p) => {
      const a = p.load.app && p.load.staticNext ? p.load.app.rps / p.load.staticNext.rps : NaN;
      const b = p.load.proxy && p.load.nginxStatic ? p.load.proxy.rps / p.load.nginxStatic.rps : NaN;
      const note = p.shared.cacheable
        ? `proxy cache: ${p.proxyCache ?? "–"}`
        : `not cacheable (${p.shared.why}): the app renders every request`;
      return [
        p.name,
        Number.isNaN(a) ? "–" : `${fmt(a, 3)} ${verdict(a >= TARGET.appVsStaticNext)}`,
        Number.isNaN(b) ? "–" : `${fmt(b, 3)} ${verdict(b >= TARGET.proxyVsNginx)}`,
        note,
      ];
    }),
    ["l", "r", "r", "l"],
  );
}

// The uncached render time
function reportRender(live: PageState[], render: LoadResult | undefined, renderPaths: string[]) {
  console.log("\nUncached item render (1 connection; draft-mode cookie forces a server render of each request)");
  if (render) {
    console.log(
      `  ${renderPaths.length} item pages in turn: ${render.requests} renders, p50 ${fmt(render.p50ms, 1)} ms, ` +
        `p99 ${fmt(render.p99ms, 1)} ms, errors ${render.errors} → target p50 ≤ ${TARGET.uncachedP50Ms} ms: ` +
        verdict(render.p50ms <= TARGET.uncachedP50Ms),
    );
    if (!live.some((p) => p.shared.cacheable))
      console.log("  (the pages are not cached yet, so every request above is an uncached render too)");
  } else console.log("  no item page of RENDER_PATHS answers 200");
}

// The Cache-Control each page is sent with
function reportCacheControl(pages: PageState[]) {
  console.log("\nCache-Control sent by the app (plain GET)");
  printTable(
    ["page", "Cache-Control", "Set-Cookie", "shared cache may keep it", "proxy, 2nd request"],
    pages.map((p) =>
      p.status === 200
        ? [
            p.name,
            p.cacheControl,
            p.setCookie ? "yes" : "no",
            p.shared.cacheable ? "yes" : `no: ${p.shared.why}`,
            p.proxyCache ?? "–",
          ]
        : [p.name, "–", "–", `not yet built (${p.status})`, "–"],
    ),
    ["l", "l", "l", "l", "l"],
  );
}

// The JavaScript each page ships
function reportShippedJs(live: PageState[]) {
  console.log("\nJavaScript shipped, gzipped kB (script src files + inline scripts; nomodule and JSON left out)");
  printTable(
    [
      "page",
      "files",
      "app src",
      "app inline",
      "app total",
      "minimal src",
      "minimal inline",
      "minimal total",
      `src beyond minimal (≤ ${TARGET.jsBeyondMinimalKb})`,
    ],
    live.map((p) => {
      const beyond = p.js!.externalKb - p.staticJs!.externalKb;
      return [
        p.name,
        p.js!.files,
        fmt(p.js!.externalKb),
        fmt(p.js!.inlineKb),
        fmt(p.js!.totalKb),
        fmt(p.staticJs!.externalKb),
        fmt(p.staticJs!.inlineKb),
        fmt(p.staticJs!.totalKb),
        `${fmt(beyond)} ${p.name === "item" ? verdict(beyond <= TARGET.jsBeyondMinimalKb) : ""}`.trim(),
      ];
    }),
    ["l", "r", "r", "r", "r", "r", "r", "r", "r"],
  );
}

// The Lighthouse scores
function reportLighthouse(pages: PageState[]) {
  console.log("\nLighthouse 12, mobile (targets: performance ≥ 95, the others 100)");
  printTable(
    ["page", "performance", "accessibility", "best practices", "SEO"],
    pages
      .filter((p) => p.lighthouse)
      .map((p) => {
        if (p.status !== 200) return [p.name, `not yet built (${p.status})`, "", "", ""];
        if (typeof p.scores === "string" || !p.scores) return [p.name, p.scores ?? "–", "", "", ""];
        const s = p.scores;
        return [p.name, s.performance, s.accessibility, s.bestPractices, s.seo];
      }),
    ["l", "r", "r", "r", "r"],
  );
}

const warm = (wrk: string, port: number, paths: string[], seconds: number, headers?: Record<string, string>) =>
  runLoad({ wrk, luaDir: runDir, origin: origin(port), paths, connections: CONNECTIONS, seconds, headers });
const measure = (wrk: string, port: number, paths: string[], memoryOf?: number, headers?: Record<string, string>) =>
  runLoad({
    wrk,
    luaDir: runDir,
    origin: origin(port),
    paths,
    connections: CONNECTIONS,
    seconds: SECONDS,
    headers,
    memoryOf,
  });

// Stop every server on exit, Ctrl-C and error
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await stopAll();
  process.exit(code);
}
process.on("exit", killAllNow);
for (const [sig, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
] as const) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping the servers started by the benchmark…`);
    void shutdown(code);
  });
}

main().then(
  () => shutdown(0),
  (error: unknown) => {
    console.error(`\nbench failed: ${error instanceof Error ? error.message : String(error)}`);
    void shutdown(1);
  },
);
