// `npm run bench`: starts the built site the README way (`npm start`), on PostgreSQL (when DATABASE_URL is set) and
// then on the embedded database, one after the other in the same run, and beside them a minimal static Next.js app
// served with the same runtime settings (scripts/serve.sh), nginx serving the same bytes from disk and nginx with the
// shipped proxy cache (scripts/deploy/nginx.conf) in front of the site; measures throughput, latency and memory at 16
// connections, the uncached render time of item pages, Lighthouse 12 scores and the JavaScript each page ships, and
// prints it all. Not a test: it prints figures and exits 0 unless it breaks.

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
// The figures measured before the move to `next start` (custom server, Node 20, PostgreSQL), printed beside this run's.
const BEFORE = {
  appPeakMb: "474–542",
  appVsStaticNext: "0.54–0.81 (listing and item)",
  uncachedP50Ms: "29.5 (PostgreSQL), 38 (embedded)",
  lighthouseItem: "94",
};
// Targets
const TARGET = { appVsStaticNext: 0.8, proxyVsNginx: 0.5, uncachedP50Ms: 15, jsBeyondMinimalKb: 15, appPeakMb: 250 };

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
  stopServer,
  waitForHttp,
  type Server,
} from "./processes";
import { prepareStaticApp } from "./static-next";

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

type Target = "app" | "appEmbedded" | "staticNext" | "nginxStatic" | "proxy";
const targetLabel: Record<Target, string> = {
  app: "app on PostgreSQL",
  appEmbedded: "app on embedded database",
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
  appTreeMb?: Partial<Record<Db, number | null>>;
  js?: JsSize;
  staticJs?: JsSize;
  scores?: Scores | string;
};

type Site = { app: Server; nextServer: number | undefined; appRoot: number | undefined };

// The databases the site is measured on, in this order: PostgreSQL when DATABASE_URL is set, then the embedded one.
type Db = "postgres" | "embedded";
const dbTarget: Record<Db, Target> = { postgres: "app", embedded: "appEmbedded" };
const dbLabel: Record<Db, string> = { postgres: "PostgreSQL", embedded: "embedded database" };
type Render = { db: Db; render: LoadResult | undefined; renderPaths: string[] };

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
  const databases: Db[] = process.env.DATABASE_URL ? ["postgres", "embedded"] : ["embedded"];
  if (!process.env.DATABASE_URL)
    console.log("\nDATABASE_URL is not set: the site is measured on the embedded database only.");
  const renders: Render[] = [];
  const stillAnswers: Partial<Record<Db, boolean>> = {};
  let first: Awaited<ReturnType<typeof readPages>> | undefined;
  for (const db of databases) {
    const site = await startSite(started, db);
    if (!first) {
      // The baselines, the JavaScript and Lighthouse once, against the first site
      first = await readPages();
      const { live } = first;
      const staticNext = await startStaticNext(live);
      const { nginxStatic, proxy } = nginx ? await startNginx(nginx, live) : {};
      await measureShippedJs(live);
      if (chrome) await runLighthouse(live, chrome);
      await loadBaselines(wrk, live, staticNext, nginxStatic);
      await stopServer(staticNext);
      renders.push({ db, ...(await measureUncachedRender(wrk)) });
      stillAnswers[db] = await loadApp(wrk, live, site, db, proxy);
    } else {
      for (const p of first.live) for (let i = 0; i < 5; i++) await get(origin(APP_PORT) + p.path); // warm
      renders.push({ db, ...(await measureUncachedRender(wrk)) });
      stillAnswers[db] = await loadApp(wrk, first.live, site, db);
    }
    await stopServer(site.app);
  }
  const { pages, live } = first!;

  reportLoad(live, stillAnswers);
  reportRatios(live, databases);
  reportRender(live, renders);
  reportCacheControl(pages);
  reportShippedJs(live);
  if (chrome) reportLighthouse(pages);
  reportSummary(live, renders);
  writeFileSync(
    path.join(benchDir, "results.json"),
    JSON.stringify(
      { machine: { ...m, version: undefined }, connections: CONNECTIONS, seconds: SECONDS, pages, renders },
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
async function startSite(started: number, db: Db): Promise<Site> {
  console.log(
    `\nStarting the site on the ${dbLabel[db]}: PORT=${APP_PORT} npm start ` +
      "(it builds first when the sources are newer than .next)…",
  );
  // The site's own address is the one measured, so canonical URLs point where Lighthouse looks.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(APP_PORT),
    SITE_URL: origin(APP_PORT),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (db === "embedded") {
    // An embedded database of the benchmark's own, kept between runs (the first run imports the content)
    delete env.DATABASE_URL;
    env.EMBEDDED_DB_DIR = path.join(benchDir, "embedded-db");
  }
  const app = startServer(`npm start (${dbLabel[db]})`, "npm", ["start"], {
    env,
    log: path.join(runDir, `app-${db}.log`),
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
  // Served as the site is served (scripts/serve.sh: `next start` with the same Node and memory settings), so that the
  // difference between the two is the site's own work.
  const staticNext = startServer(
    "minimal Next.js",
    "sh",
    [path.join(root, "scripts", "serve.sh"), "-p", String(PORTS.staticNext)],
    {
      cwd: staticDir,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      log: path.join(runDir, "static-next.log"),
    },
  );
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
async function loadApp(wrk: string, live: PageState[], site: Site, db: Db, proxy?: Server): Promise<boolean> {
  const target = dbTarget[db];
  for (const p of live) {
    if (!isRunning(site.app) || !site.nextServer) {
      p.load[target] = undefined;
      continue;
    }
    await warm(wrk, APP_PORT, [p.path], 2);
    const whole = site.appRoot ? memoryProbe(site.appRoot) : undefined;
    p.load[target] = await measure(wrk, APP_PORT, [p.path], site.nextServer);
    p.appTreeMb = { ...p.appTreeMb, [db]: whole?.stop() ?? null };
    if (proxy) {
      await warm(wrk, PORTS.proxy, [p.path], 1);
      p.load.proxy = await measure(wrk, PORTS.proxy, [p.path], proxy.child.pid);
    }
  }
  return (await get(origin(APP_PORT) + live[0]!.path).catch(() => ({ status: 0 }))).status === 200;
}

// The throughput and latency table
function reportLoad(live: PageState[], stillAnswers: Partial<Record<Db, boolean>>) {
  console.log(
    `\nThroughput and latency (${CONNECTIONS} connections, ${SECONDS} s, wrk; peak MB = RSS of the server's process tree)`,
  );
  const rows: (string | number)[][] = [];
  for (const p of live) {
    (["app", "appEmbedded", "staticNext", "nginxStatic", "proxy"] as Target[]).forEach((t, i) => {
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
  const peaks = live.map((p) => p.load.app?.peakMb).filter((x): x is number => typeof x === "number");
  if (peaks.length)
    console.log(
      `  app server alone on PostgreSQL, highest peak: ${fmt(Math.max(...peaks), 0)} MB → target ≤ ${TARGET.appPeakMb} MB: ` +
        verdict(Math.max(...peaks) <= TARGET.appPeakMb),
    );
  for (const db of ["postgres", "embedded"] as Db[]) {
    const tree = live
      .filter((p) => p.appTreeMb?.[db])
      .map((p) => `${p.name} ${fmt(p.appTreeMb![db], 0)} MB`)
      .join(", ");
    if (tree)
      console.log(
        `  on the ${dbLabel[db]}, next-server + its parent (npm start's process` +
          `${db === "embedded" ? ", which holds the embedded database" : ""}): ${tree}`,
      );
    if (stillAnswers[db] === false)
      console.log(`  ! the app on the ${dbLabel[db]} stopped answering after the load; see .bench/run/app-${db}.log`);
  }
}

// The ratios against the targets
function reportRatios(live: PageState[], databases: Db[]) {
  console.log("\nRatios (req/s)");
  const ratio = (a?: LoadResult, b?: LoadResult) => (a && b ? a.rps / b.rps : NaN);
  const cell = (x: number, target: number) => (Number.isNaN(x) ? "–" : `${fmt(x, 3)} ${verdict(x >= target)}`);
  printTable(
    [
      "page",
      ...databases.map((db) => `${targetLabel[dbTarget[db]]} / minimal Next (≥ ${TARGET.appVsStaticNext})`),
      `proxy / nginx static (≥ ${TARGET.proxyVsNginx})`,
      "note",
    ],
    live.map((p) => {
      const note = p.shared.cacheable
        ? `proxy cache: ${p.proxyCache ?? "–"}`
        : `not cacheable (${p.shared.why}): the app renders every request`;
      return [
        p.name,
        ...databases.map((db) => cell(ratio(p.load[dbTarget[db]], p.load.staticNext), TARGET.appVsStaticNext)),
        cell(ratio(p.load.proxy, p.load.nginxStatic), TARGET.proxyVsNginx),
        note,
      ];
    }),
    ["l", ...databases.map(() => "r" as const), "r", "l"],
  );
}

// The uncached render time, per database
function reportRender(live: PageState[], renders: Render[]) {
  console.log("\nUncached item render (1 connection; draft-mode cookie forces a server render of each request)");
  for (const { db, render, renderPaths } of renders) {
    if (render) {
      console.log(
        `  ${dbLabel[db]}: ${renderPaths.length} item pages in turn, ${render.requests} renders, ` +
          `p50 ${fmt(render.p50ms, 1)} ms, p99 ${fmt(render.p99ms, 1)} ms, errors ${render.errors} → ` +
          `target p50 ≤ ${TARGET.uncachedP50Ms} ms${db === "postgres" ? `: ${verdict(render.p50ms <= TARGET.uncachedP50Ms)}` : " (held to PostgreSQL only)"}`,
      );
    } else console.log(`  ${dbLabel[db]}: no item page of RENDER_PATHS answers 200`);
  }
  if (!live.some((p) => p.shared.cacheable))
    console.log("  (the pages are not cached yet, so every request above is an uncached render too)");
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

// The targets, with the figures from before the move to `next start` beside this run's
function reportSummary(live: PageState[], renders: Render[]) {
  const peaks = live.map((p) => p.load.app?.peakMb).filter((x): x is number => typeof x === "number");
  const ratios = live
    .map((p) => (p.load.app && p.load.staticNext ? p.load.app.rps / p.load.staticNext.rps : NaN))
    .filter((x) => !Number.isNaN(x));
  const pg = renders.find((r) => r.db === "postgres")?.render;
  const embedded = renders.find((r) => r.db === "embedded")?.render;
  const item = live.find((p) => p.name === "item")?.scores;
  console.log("\nTargets: before (custom server, Node 20) and this run");
  printTable(
    ["figure", "target", "before", "this run"],
    [
      [
        "app server peak RSS, PostgreSQL (MB)",
        `≤ ${TARGET.appPeakMb}`,
        BEFORE.appPeakMb,
        peaks.length ? fmt(Math.max(...peaks), 0) : "–",
      ],
      [
        "app / minimal Next.js (req/s)",
        `≥ ${TARGET.appVsStaticNext}`,
        BEFORE.appVsStaticNext,
        ratios.length ? `${fmt(Math.min(...ratios), 2)}–${fmt(Math.max(...ratios), 2)} (PostgreSQL)` : "–",
      ],
      [
        "uncached item render p50 (ms)",
        `≤ ${TARGET.uncachedP50Ms} (PostgreSQL)`,
        BEFORE.uncachedP50Ms,
        `${fmt(pg?.p50ms)} (PostgreSQL), ${fmt(embedded?.p50ms)} (embedded)`,
      ],
      [
        "Lighthouse mobile performance, item",
        "≥ 95",
        BEFORE.lighthouseItem,
        typeof item === "object" && item ? String(item.performance) : "–",
      ],
    ],
    ["l", "l", "l", "l"],
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
