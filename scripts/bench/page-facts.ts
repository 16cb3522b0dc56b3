// What a page ships (gzipped JavaScript) and how it scores in Lighthouse 12 (mobile).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { startServer, tail, waitForExit } from "./processes";

export type JsSize = { files: number; externalKb: number; inlineKb: number; totalKb: number };

const gz = (data: Uint8Array | string) => gzipSync(data, { level: 9 }).length;

// Sum of the gzipped sizes of the <script src> files and the inline scripts a page loads. Scripts a
// modern browser skips (nomodule) or that are not JavaScript (JSON, JSON-LD) are left out.
export async function shippedJs(origin: string, pagePath: string): Promise<JsSize> {
  const html = await (await fetch(origin + pagePath)).text();
  const sources = new Set<string>();
  let external = 0;
  let inline = 0;
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = match[1] ?? "";
    const body = match[2] ?? "";
    const type = attrs.match(/\btype=["']?([^"'\s>]+)/i)?.[1]?.toLowerCase();
    if (type && !["text/javascript", "module", "application/javascript"].includes(type)) continue;
    if (/\bnomodule\b/i.test(attrs)) continue;
    const src = attrs.match(/\bsrc=["']?([^"'\s>]+)/i)?.[1];
    if (src) sources.add(new URL(src.replaceAll("&amp;", "&"), origin + pagePath).href);
    else if (body.trim()) inline += gz(body);
  }
  for (const url of sources) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    external += gz(new Uint8Array(await res.arrayBuffer()));
  }
  return {
    files: sources.size,
    externalKb: external / 1024,
    inlineKb: inline / 1024,
    totalKb: (external + inline) / 1024,
  };
}

export type Scores = { performance: number; accessibility: number; bestPractices: number; seo: number };

export const chromeFlags = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

const lighthouseCli = () => {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("lighthouse/package.json");
  return path.join(path.dirname(pkg), "cli", "index.js");
};

// Lighthouse 12 in its default mode (mobile, simulated throttling), one page at a time
export async function lighthouse(url: string, outFile: string, chromePath: string, port: number): Promise<Scores> {
  const args = [
    lighthouseCli(),
    url,
    "--quiet",
    "--output=json",
    `--output-path=${outFile}`,
    "--only-categories=performance,accessibility,best-practices,seo",
    `--chrome-flags=${chromeFlags.join(" ")}`,
    `--port=${port}`,
    "--max-wait-for-load=30000",
  ];
  const run = startServer("lighthouse", process.execPath, args, {
    env: { ...process.env, CHROME_PATH: chromePath },
    log: `${outFile}.log`,
  });
  const code = await waitForExit(run, 120_000);
  if (code !== 0) throw new Error(`lighthouse exited with ${code}:\n${tail(run.log, 15)}`);
  const report = JSON.parse(readFileSync(outFile, "utf8")) as {
    categories: Record<string, { score: number | null }>;
    runtimeError?: { message: string };
  };
  if (report.runtimeError) throw new Error(`lighthouse: ${report.runtimeError.message}`);
  const score = (id: string) => Math.round((report.categories[id]?.score ?? 0) * 100);
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    seo: score("seo"),
  };
}
