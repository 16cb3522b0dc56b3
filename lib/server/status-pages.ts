// Next 16.3 and later answer a page request that ends in notFound() or an error with an empty document that scripts
// fill in (vercel/next.js#62228, #95613): without JavaScript the reader sees a blank page. This puts the localized
// status page in its place, as real HTML: rendered once per locale and code by the app itself (/da/status/404), kept
// without its scripts, and sent with the same status; a 5xx becomes 503 with Retry-After while the database does not
// answer. It works on Node's response object (from the `http.server.request.start` channel, lib/server/requests.ts)
// and reads only what Next sends: the status and the content type. A form post whose body Next could not read
// (lib/server/unreadable-bodies.ts) gets the 400 page instead of Next's plain-text 500.
import type { IncomingMessage, ServerResponse } from "node:http";
import { routing, type Locale } from "@/lib/i18n/routing";
import { commonSecurityHeaders, publicCsp } from "@/lib/security-headers";
import { takeUnreadableBody } from "./unreadable-bodies";

const pages = new Map<string, string>();

function localeOf(url: string): Locale {
  const first = url.split(/[/?#]/)[1] ?? "";
  return (routing.locales as readonly string[]).includes(first) ? (first as Locale) : routing.defaultLocale;
}

// Whether the request is a reader's page load (not Next's own files, RSC payloads, server actions or probes)
export function isPageRequest(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  if (req.headers["rsc"] || req.headers["next-action"] || req.headers["x-status-page"]) return false;
  const url = req.url ?? "/";
  return !url.startsWith("/_next/") && !url.startsWith("/api/") && !/^\/(healthz|readyz)(\?|$)/.test(url);
}

// Whether the request is a form posted to a page without JavaScript (a multipart body Next reads as a server action)
export function isFormPost(req: IncomingMessage): boolean {
  if (req.method !== "POST" || req.headers["next-action"]) return false;
  const url = req.url ?? "/";
  if (url.startsWith("/_next/") || url.startsWith("/api/")) return false;
  return /^\s*multipart\/form-data/i.test(req.headers["content-type"] ?? "");
}

// The status page for a locale and code, fetched once from this very server and kept without its scripts
async function statusPage(origin: string, locale: Locale, code: number): Promise<string | null> {
  const key = `${locale}/${code}`;
  const known = pages.get(key);
  if (known) return known;
  const response = await fetch(`${origin}/${locale}/status/${code}`, {
    headers: { "x-status-page": "1" },
    signal: AbortSignal.timeout(5000),
  }).catch(() => null);
  if (!response?.ok) return null;
  const html = (await response.text())
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*\bas="script"[^>]*>/gi, "");
  pages.set(key, html);
  return html;
}

// Watch a page response: an HTML answer of 404 or 5xx is replaced by the localized status page; for a form post
// also Next's plain-text 5xx, which becomes 400 where the body could not be read
export function replaceStatusPages(
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
  databaseIsUp: () => Promise<boolean>,
) {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  let replacing = false;
  const formPost = isFormPost(req);

  res.writeHead = ((...args: unknown[]) => {
    if (typeof args[0] === "number") res.statusCode = args[0];
    const headers = args.find((a): a is Record<string, string> => typeof a === "object" && a !== null);
    if (headers) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const type = String(res.getHeader("content-type") ?? "");
    const html = type.startsWith("text/html");
    if ((res.statusCode === 404 && html) || (res.statusCode >= 500 && (html || formPost))) {
      replacing = true;
      return res;
    }
    // Next replays a cached redirect's Location on top of the one it set (vercel/next.js#82117, fix pending in
    // vercel/next.js#95913): the same address twice, which a proxy may join into "/x, /x". Sent once.
    const location = res.getHeader("location");
    if (Array.isArray(location) && new Set(location).size === 1) res.setHeader("location", location[0]!);
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
      const id = req.headers["x-request-id"];
      const code =
        res.statusCode === 404
          ? 404
          : formPost && takeUnreadableBody(typeof id === "string" ? id : undefined)
            ? 400
            : (await databaseIsUp())
              ? 500
              : 503;
      const html = await statusPage(origin, localeOf(req.url ?? "/"), code);
      const keep = new Set(["set-cookie", "x-request-id"]);
      for (const name of res.getHeaderNames()) if (!keep.has(name)) res.removeHeader(name);
      for (const { key, value } of commonSecurityHeaders()) res.setHeader(key, value);
      res.setHeader("Content-Security-Policy", publicCsp());
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      // A missing page may be shared briefly; the admin's and error pages never.
      const admin = /^\/(da|sv)\/admin(\/|$|\?)/i.test(req.url ?? "");
      res.setHeader(
        "Cache-Control",
        code === 404 && !admin && !formPost ? "public, max-age=0, s-maxage=60" : "no-store",
      );
      if (code === 503) res.setHeader("Retry-After", "30");
      const body = html ?? `<!doctype html><title>${code}</title><h1>${code}</h1>`;
      res.setHeader("Content-Length", Buffer.byteLength(body));
      writeHead(code);
      end(req.method === "HEAD" ? undefined : body);
    })();
    return res;
  }) as typeof res.end;
}
