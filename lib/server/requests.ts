// Every request, as Node's HTTP server receives it (the documented diagnostics channels `http.server.request.start`
// and `http.server.response.finish`, published before Next sees the request and after the answer is sent):
// - the client's address is decided from the socket (lib/http/client-address.ts) and written into X-Forwarded-For,
//   replacing whatever the client sent, so that every later reader of the header (rate limits, audit) sees the same
//   trustworthy value; Next itself only fills the header when it is missing;
// - a request whose target cannot be read (not a path, a broken percent escape, a multipart body without a usable
//   boundary) is sent to /api/bad-request, a plain 400, instead of reaching Next, which answers those with a 500;
// - a request id (a trusted proxy's X-Request-Id, or a new one) goes on the request and the response;
// - the security headers are set on the response before Next writes it, so that the answers next.config's headers()
//   do not reach (Next's own trailing-slash redirect) carry them too; the admin area's CSP comes from proxy.ts;
// - a page answered with 404 or 5xx gets the localized status page as real HTML (lib/server/status-pages.ts), and a
//   form post whose multipart body Next could not parse gets the 400 page (lib/server/unreadable-bodies.ts);
// - one JSON line is logged when the answer is sent (pino).
import { randomUUID } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { clientAddressOf, parseTrustedProxies } from "@/lib/http/client-address";
import { commonSecurityHeaders, publicCsp } from "@/lib/security-headers";
import { logger } from "./log";
import { isFormPost, isPageRequest, replaceStatusPages } from "./status-pages";
import { setting } from "@/lib/env";

type RequestStart = { request: IncomingMessage; response: ServerResponse; socket: Socket };

const started = new WeakMap<IncomingMessage, { at: number; path: string }>();
const requestIdPattern = /^[\w.:-]{1,64}$/;
// RFC 2046: 1 to 70 characters from this set, the last not a space
const boundaryPattern =
  /;\s*boundary=(?:"([0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?])"|([0-9A-Za-z'()+_,\-./:=?]{1,70}))\s*(?:;|$)/i;

// Whether Next can make sense of the request line and body type at all
export function isReadableRequest(method: string | undefined, url: string | undefined, contentType?: string): boolean {
  if (!url?.startsWith("/")) return false;
  const path = url.split("?")[0]!;
  try {
    decodeURIComponent(path);
  } catch {
    return false;
  }
  if (method === "POST" && contentType && /^\s*multipart\//i.test(contentType))
    return boundaryPattern.test(contentType);
  return true;
}

// Start watching requests; call once per process, before the server accepts any. Without databaseIsUp, status pages
// are left as Next sends them (tests of the address alone).
export function observeRequests(databaseIsUp?: () => Promise<boolean>) {
  const trusted = parseTrustedProxies(setting("TRUSTED_PROXIES"));
  const security = commonSecurityHeaders();
  const csp = publicCsp();
  const logRequests = setting("LOG_REQUESTS") !== "0";

  subscribe("http.server.request.start", (message) => {
    const { request, response, socket } = message as RequestStart;
    const asked = (request.url ?? "").split("?")[0]!;
    if (!isReadableRequest(request.method, request.url, request.headers["content-type"])) {
      request.url = "/api/bad-request";
      delete request.headers["next-action"];
    }
    const peer = socket.remoteAddress;
    const fromProxy = !trusted.empty && trusted.check(peer ?? "");
    request.headers["x-forwarded-for"] = clientAddressOf(peer, request.headers["x-forwarded-for"], trusted);
    delete request.headers["x-real-ip"];
    const given = request.headers["x-request-id"];
    const id = fromProxy && typeof given === "string" && requestIdPattern.test(given) ? given : randomUUID();
    request.headers["x-request-id"] = id;
    response.setHeader("X-Request-Id", id);
    for (const { key, value } of security) response.setHeader(key, value);
    if (!/^\/(da|sv)\/admin(\/|$)/i.test(asked)) response.setHeader("Content-Security-Policy", csp);
    // The path as the reader asked for it: Next rewrites request.url on its way to the route.
    started.set(request, { at: performance.now(), path: asked });
    if (databaseIsUp && (isPageRequest(request) || isFormPost(request))) {
      const host = socket.localAddress?.includes(":") ? `[${socket.localAddress}]` : socket.localAddress;
      replaceStatusPages(request, response, `http://${host}:${socket.localPort}`, databaseIsUp);
    }
  });

  if (!logRequests) return;
  subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as RequestStart;
    const start = started.get(request);
    logger.info({
      msg: "request",
      id: request.headers["x-request-id"],
      method: request.method,
      // The path only: queries may hold what a visitor searched for.
      path: start?.path,
      status: response.statusCode,
      ms: start === undefined ? undefined : Math.round((performance.now() - start.at) * 10) / 10,
    });
  });
}
