// One check of one address, politely: HEAD first, then GET where HEAD is refused (405, 501, and the 400 and 403
// some servers give HEAD) or fails; redirects followed by hand (each target checked again, loops and too many
// refused) and recorded; a connect timeout and an overall one per method; of a GET's body at most maxBodyBytes are
// read, so a slow body ends the check instead of holding it. Every connection resolves its host first and refuses
// private, loopback and link-local addresses unless allowPrivate: the address checked is the one connected to.
import http from "node:http";
import https from "node:https";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { isPublicAddress } from "./address";
import type { LinkCheckSettings } from "./settings";

export type LinkErrorKind =
  | "timeout"
  | "connect-timeout"
  | "tls"
  | "dns"
  | "refused"
  | "reset"
  | "network"
  | "http"
  | "private-address"
  | "redirect-loop"
  | "too-many-redirects"
  | "bad-redirect"
  | "bad-url";

export type Redirect = { url: string; status: number };

export type CheckOutcome = {
  ok: boolean;
  /** The address answers, but its first answer was a permanent redirect (301, 308): it has moved. */
  moved: boolean;
  status: number | null;
  method: "HEAD" | "GET";
  finalUrl: string | null;
  redirects: Redirect[];
  errorKind: LinkErrorKind | null;
  error: string | null;
  durationMs: number;
  /** A GET whose body was cut off at the cap or at the deadline (the status had come). */
  bodyCut: boolean;
};

export type CheckOptions = Pick<
  LinkCheckSettings,
  "connectTimeoutMs" | "timeoutMs" | "maxRedirects" | "maxBodyBytes" | "allowPrivate" | "userAgent"
> & {
  /** Trusted roots for HTTPS (tests); the system's otherwise. */
  ca?: string | Buffer;
  /** Which addresses may be reached when allowPrivate is off (tests narrow it); public unicast otherwise. */
  addressAllowed?: (address: string) => boolean;
};

class CheckError extends Error {
  constructor(
    readonly kind: LinkErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "CheckError";
  }
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const retryWithGet = new Set([400, 403, 405, 501]);
const tlsCode =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_(GET|VERIFY)|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|ERR_TLS_CERT_ALTNAME_INVALID)/;

// Resolve a host as the connection does, refusing it when any of its addresses is not public
function guardedLookup(allowed: ((address: string) => boolean) | null): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family, hints: options.hints }, (error, addresses) => {
      const done = callback as (err: NodeJS.ErrnoException | null, a: string | LookupAddress[], f?: number) => void;
      if (error) return done(error, "", 0);
      const list = addresses as LookupAddress[];
      if (!list.length)
        return done(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "", 0);
      const blocked = allowed ? list.find((a) => !allowed(a.address)) : undefined;
      if (blocked)
        return done(
          new CheckError("private-address", `${hostname} resolves to ${blocked.address}, which is not public`),
          "",
          0,
        );
      if (options.all) return done(null, list);
      done(null, list[0]!.address, list[0]!.family);
    });
  };
}

// The kind and text of a failure
export function classifyError(error: unknown): { kind: LinkErrorKind; message: string } {
  if (error instanceof CheckError) return { kind: error.kind, message: error.message };
  const err = error as NodeJS.ErrnoException & { reason?: string };
  const code = err?.code ?? "";
  const message = (err?.message || String(error)).slice(0, 500);
  if (tlsCode.test(code) || (!code && /certificate|ssl|tls/i.test(message)))
    return { kind: "tls", message: code && !message.includes(code) ? `${code}: ${message}` : message };
  if (["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_NODATA", "EAI_FAIL"].includes(code))
    return { kind: "dns", message };
  if (code === "ECONNREFUSED") return { kind: "refused", message };
  if (["ECONNRESET", "EPIPE", "ECONNABORTED"].includes(code) || /socket hang up/i.test(message))
    return { kind: "reset", message };
  return { kind: "network", message: code && !message.includes(code) ? `${code}: ${message}` : message };
}

type Answer = { status: number; location: string | null; bodyCut: boolean };

// One request: connect within the connect timeout, answer by the deadline; of a GET's body read at most the cap
function requestOnce(url: URL, method: "HEAD" | "GET", deadline: number, options: CheckOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === "https:";
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const allowed = options.allowPrivate ? null : (options.addressAllowed ?? isPublicAddress);
    if (isIP(host) && allowed && !allowed(host)) {
      reject(new CheckError("private-address", `${host} is not a public address`));
      return;
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      reject(new CheckError("timeout", "no time left"));
      return;
    }
    let settled = false;
    let answered: Answer | null = null;
    const finish = (error: Error | null, answer?: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(total);
      clearTimeout(connect);
      request.destroy();
      if (error) reject(error);
      else resolve(answer!);
    };
    const request = (secure ? https : http).request(url, {
      method,
      agent: false,
      lookup: guardedLookup(allowed),
      headers: {
        "User-Agent": options.userAgent,
        Accept: "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8",
        "Accept-Language": "da, sv;q=0.9, en;q=0.5",
      },
      ...(secure && options.ca ? { ca: options.ca } : {}),
    });
    const total = setTimeout(() => {
      // An answer whose body is slow still counts: its status came in time.
      if (answered) finish(null, { ...answered, bodyCut: true });
      else finish(new CheckError("timeout", `no answer within ${Math.round(options.timeoutMs / 1000)} s`));
    }, left);
    let connect: NodeJS.Timeout | undefined;
    request.on("socket", (socket) => {
      const connectedEvent = secure ? "secureConnect" : "connect";
      if (!socket.connecting && !secure) return;
      connect = setTimeout(
        () =>
          finish(
            new CheckError("connect-timeout", `no connection within ${Math.round(options.connectTimeoutMs / 1000)} s`),
          ),
        Math.min(options.connectTimeoutMs, left),
      );
      socket.once(connectedEvent, () => clearTimeout(connect));
    });
    request.on("error", (error) => finish(error));
    request.on("response", (response) => {
      // The response is dropped unread where its status is enough; its abort must not become an unhandled error.
      response.on("error", () => finish(null, { status: response.statusCode ?? 0, location: null, bodyCut: true }));
      const status = response.statusCode ?? 0;
      const location = typeof response.headers.location === "string" ? response.headers.location : null;
      if (method === "HEAD" || redirectStatuses.has(status) || options.maxBodyBytes === 0) {
        finish(null, { status, location, bodyCut: false });
        return;
      }
      answered = { status, location, bodyCut: false };
      let read = 0;
      response.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read >= options.maxBodyBytes) finish(null, { status, location, bodyCut: true });
      });
      response.on("end", () => finish(null, { status, location, bodyCut: false }));
    });
    request.end();
  });
}

type Followed = { status: number | null; finalUrl: string; redirects: Redirect[]; error: unknown; bodyCut: boolean };

// Follow one method's redirects by hand from the start address, recording each, within one deadline
async function follow(start: URL, method: "HEAD" | "GET", options: CheckOptions): Promise<Followed> {
  const deadline = Date.now() + options.timeoutMs;
  const redirects: Redirect[] = [];
  const seen = new Set<string>();
  let url = start;
  for (;;) {
    seen.add(url.href);
    let answer: Answer;
    try {
      answer = await requestOnce(url, method, deadline, options);
    } catch (error) {
      return { status: null, finalUrl: url.href, redirects, error, bodyCut: false };
    }
    if (!redirectStatuses.has(answer.status) || !answer.location)
      return { status: answer.status, finalUrl: url.href, redirects, error: null, bodyCut: answer.bodyCut };
    redirects.push({ url: url.href, status: answer.status });
    let next: URL;
    try {
      next = new URL(answer.location, url);
    } catch {
      return {
        status: answer.status,
        finalUrl: url.href,
        redirects,
        error: new CheckError("bad-redirect", `unreadable Location: ${answer.location.slice(0, 200)}`),
        bodyCut: false,
      };
    }
    if (next.protocol !== "http:" && next.protocol !== "https:")
      return {
        status: answer.status,
        finalUrl: url.href,
        redirects,
        error: new CheckError("bad-redirect", `redirect to ${next.protocol} is not followed`),
        bodyCut: false,
      };
    next.hash = "";
    if (seen.has(next.href))
      return {
        status: answer.status,
        finalUrl: next.href,
        redirects,
        error: new CheckError("redirect-loop", `redirect loop back to ${next.href}`),
        bodyCut: false,
      };
    if (redirects.length > options.maxRedirects)
      return {
        status: answer.status,
        finalUrl: next.href,
        redirects,
        error: new CheckError("too-many-redirects", `more than ${options.maxRedirects} redirects`),
        bodyCut: false,
      };
    url = next;
  }
}

const noRetry = new Set<LinkErrorKind>([
  "private-address",
  "bad-url",
  "redirect-loop",
  "too-many-redirects",
  "bad-redirect",
  "dns",
  "tls",
]);

// Check one address: HEAD, then GET where HEAD was refused or failed; the outcome with its redirects and error
export async function checkLink(raw: string, options: CheckOptions): Promise<CheckOutcome> {
  const started = Date.now();
  let start: URL;
  try {
    start = new URL(raw);
    if (start.protocol !== "http:" && start.protocol !== "https:") throw new Error("not http(s)");
  } catch {
    return {
      ok: false,
      moved: false,
      status: null,
      method: "HEAD",
      finalUrl: null,
      redirects: [],
      errorKind: "bad-url",
      error: "not an http or https address",
      durationMs: 0,
      bodyCut: false,
    };
  }
  let method: "HEAD" | "GET" = "HEAD";
  let result = await follow(start, "HEAD", options);
  const headKind = result.error ? classifyError(result.error).kind : null;
  if (
    (result.error && !noRetry.has(headKind!)) ||
    (result.status !== null && !result.error && retryWithGet.has(result.status))
  ) {
    method = "GET";
    result = await follow(start, "GET", options);
  }
  const failure = result.error ? classifyError(result.error) : null;
  const status = result.status;
  const ok = !failure && status !== null && status >= 200 && status < 300;
  const httpError = !failure && !ok ? { kind: "http" as const, message: `HTTP ${status}` } : null;
  const error = failure ?? httpError;
  return {
    ok,
    moved: ok && (result.redirects[0]?.status === 301 || result.redirects[0]?.status === 308),
    status,
    method,
    finalUrl: result.finalUrl,
    redirects: result.redirects,
    errorKind: error?.kind ?? null,
    error: error?.message ?? null,
    durationMs: Date.now() - started,
    bodyCut: result.bodyCut,
  };
}
