// The site's HTTP server: Next.js behind a thin layer that
// - keeps every process's page cache in step with the CacheTag table (lib/cache/tag-sync.ts);
// - answers a 404 or 5xx page request with the localized status page as plain HTML, so that it reads without
//   JavaScript (Next renders those as an empty shell filled in by scripts), with 503 while the database is down;
// - sets the security headers (lib/security-headers.ts) on every response, Next's own redirects included;
// - serves a localized path by its route (/da/artikler → /da/articles) and redirects another spelling of it to the
//   locale's own (lib/i18n/route-rules.ts);
// - sends ETags (304 when unchanged) and compresses, keeping a cached page's compressed bytes (lib/http/encoding.ts);
// - gives cached pages a short shared-cache lifetime instead of Next's one year, so that a proxy cache in front
//   shows a change within about two seconds.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import pg from "pg";
import { startTagSync } from "@/lib/cache/tag-sync";
import { routing, type Locale } from "@/lib/i18n/routing";
import { resolveLocalizedPath } from "@/lib/i18n/route-rules";
import { encodeResponses } from "@/lib/http/encoding";
import { securityHeaders } from "@/lib/security-headers";

// Named like `next start`, so that process tools find the server the same way.
process.title = "next-server";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is not set (npm start sets it).");

export const sharedCacheControl = "public, max-age=0, s-maxage=1, stale-while-revalidate=30";

const app = next({ dev, port, hostname: "localhost" });
const handle = app.getRequestHandler();
const probe = new pg.Pool({ connectionString: databaseUrl, max: 1, connectionTimeoutMillis: 1500 });
probe.on("error", () => {});

async function databaseIsUp(): Promise<boolean> {
  try {
    await probe.query("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

const statusPages = new Map<string, string>();

// The status page for a locale and code, rendered once by the app itself and kept without its scripts
async function statusPage(locale: Locale, code: number): Promise<string | null> {
  const key = `${locale}/${code}`;
  const known = statusPages.get(key);
  if (known) return known;
  const response = await fetch(`http://127.0.0.1:${port}/${locale}/status/${code}`, {
    headers: { "x-status-page": "1" },
  }).catch(() => null);
  if (!response?.ok) return null;
  const html = (await response.text())
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*\bas="script"[^>]*>/gi, "");
  statusPages.set(key, html);
  return html;
}

function localeOf(url: string): Locale {
  const first = url.split(/[/?#]/)[1] ?? "";
  return (routing.locales as readonly string[]).includes(first) ? (first as Locale) : routing.defaultLocale;
}

function isPageRequest(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (req.headers["rsc"] || req.headers["next-action"] || req.headers["x-status-page"]) return false;
  return !(req.url ?? "/").startsWith("/_next/");
}

// Watch a page response: replace a 404 or 5xx HTML answer, shorten the shared lifetime of a cached page
function guard(req: IncomingMessage, res: ServerResponse) {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  let replacing = false;

  res.writeHead = ((...args: unknown[]) => {
    if (typeof args[0] === "number") res.statusCode = args[0];
    const headers = args.find((a): a is Record<string, string> => typeof a === "object" && a !== null);
    if (headers) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const type = String(res.getHeader("content-type") ?? "");
    if ((res.statusCode === 404 || res.statusCode >= 500) && type.startsWith("text/html")) {
      replacing = true;
      return res;
    }
    if (/^s-maxage=\d+/.test(String(res.getHeader("cache-control") ?? ""))) {
      res.setHeader("cache-control", sharedCacheControl);
    }
    return writeHead(res.statusCode);
  }) as typeof res.writeHead;

  // Headers go through the check above before any byte of the body.
  const check = () => {
    if (!res.headersSent && !replacing) res.writeHead(res.statusCode);
  };
  res.write = ((...args: unknown[]) => {
    check();
    return replacing ? true : (write as (...a: unknown[]) => boolean)(...args);
  }) as typeof res.write;
  res.flushHeaders = () => check();

  res.end = ((...args: unknown[]) => {
    check();
    if (!replacing) return (end as (...a: unknown[]) => ServerResponse)(...args);
    void (async () => {
      const code = res.statusCode === 404 ? 404 : (await databaseIsUp()) ? 500 : 503;
      const html = await statusPage(localeOf(req.url ?? "/"), code);
      for (const name of res.getHeaderNames()) if (name !== "set-cookie") res.removeHeader(name);
      for (const { key, value } of responseHeaders) res.setHeader(key, value);
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.setHeader("cache-control", code === 404 ? "public, max-age=0, s-maxage=60" : "no-store");
      if (code === 503) res.setHeader("retry-after", "30");
      const body = html ?? `<!doctype html><title>${code}</title><h1>${code}</h1>`;
      res.setHeader("content-length", Buffer.byteLength(body));
      writeHead(code);
      end(req.method === "HEAD" ? undefined : body);
    })();
    return res;
  }) as typeof res.end;
}

const responseHeaders = securityHeaders(!dev);

async function main() {
  await app.prepare();
  const sync = startTagSync(databaseUrl!);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    for (const { key, value } of responseHeaders) res.setHeader(key, value);
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const resolved = resolveLocalizedPath(query < 0 ? url : url.slice(0, query));
    if (resolved && "redirect" in resolved) {
      res.writeHead(307, { location: resolved.redirect + (query < 0 ? "" : url.slice(query)) });
      res.end();
      return;
    }
    if (resolved) req.url = resolved.route + (query < 0 ? "" : url.slice(query));
    encodeResponses(req, res, isPageRequest(req) ? () => guard(req, res) : undefined);
    void handle(req, res);
  });
  const stop = (code = 0) => {
    server.close();
    // With the database already gone, closing its connections may never finish: leave after two seconds anyway.
    setTimeout(() => process.exit(code), 2000).unref();
    void Promise.all([sync.stop(), probe.end()]).finally(() => process.exit(code));
  };
  // A port already taken ends the process (the tag poll would otherwise keep it alive, serving nothing).
  server.on("error", (error) => {
    console.error(error);
    stop(1);
  });
  server.listen(port, () => console.log(`Ready on http://localhost:${port}`));
  process.on("SIGTERM", () => stop());
  process.on("SIGINT", () => stop());
}

void main();
