// Validators and compression for the server (scripts/server.ts), in place of Next's own (next.config.ts turns
// them off). A response Next sends in one piece (a cached page, a feed, the sitemap) gets a SHA-1 ETag, a 304 when the
// client already has it, and Brotli or gzip kept by ETag, so a cached page is compressed once rather than for every
// request. Streamed responses (pages rendered per request, files, Next's assets) are compressed as they go by the
// `compression` middleware, as Next would.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import compression from "compression";
import Negotiator from "negotiator";

const MIN_BYTES = 1024;
const compressible = /^(text\/|application\/(json|xml|rss\+xml|atom\+xml|javascript|manifest\+json)|image\/svg\+xml)/;
const streamed = compression({ threshold: MIN_BYTES });

// A cache bounded by the bytes of its values, least recently used dropped first
export class Lru<K, V extends { length: number }> {
  private entries = new Map<K, V>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    if (value.length > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.length;
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.bytes += value.length;
    for (const [oldest, dropped] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= dropped.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

export const etagOf = (body: Buffer) => `"${createHash("sha1").update(body).digest("base64url")}"`;

// If-None-Match against an ETag, by the weak comparison HTTP uses for GET
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const bare = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === bare);
}

export function encodeBody(body: Buffer, coding: "br" | "gzip"): Buffer {
  return coding === "br"
    ? brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipSync(body, { level: 6 });
}

// Brotli, else gzip, where the client takes both equally (negotiator 1.0's `preferred`, missing from its types)
type Preferring = { encoding(available: string[], options: { preferred: string[] }): string | undefined };
const negotiate = (req: IncomingMessage) =>
  (new Negotiator(req) as unknown as Preferring).encoding(["br", "gzip", "identity"], { preferred: ["br", "gzip"] });

function addVary(res: ServerResponse, name: string) {
  const vary = String(res.getHeader("vary") ?? "");
  if (!vary.split(",").some((v) => v.trim().toLowerCase() === name.toLowerCase())) {
    res.setHeader("vary", vary ? `${vary}, ${name}` : name);
  }
}

const megabytes = Number(process.env.ENCODED_CACHE_MB ?? 32) * 1024 * 1024;
// Encoded bodies by encoding and ETag
const encodedBodies = new Lru<string, Buffer>(megabytes);
// A cached page's HTML (Next hands out the same string for every hit, and V8 keeps its hash) → bytes and ETag
type Known = { body: Buffer; etag: string; length: number };
const knownBodies = new Lru<string, Known>(megabytes);

function bytesOf(chunk: string | Uint8Array, encoding: unknown): { body: Buffer; etag?: string } {
  if (typeof chunk !== "string") return { body: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) };
  if (encoding !== undefined && encoding !== "utf8" && encoding !== "utf-8" && typeof encoding === "string") {
    return { body: Buffer.from(chunk, encoding as BufferEncoding) };
  }
  const known = knownBodies.get(chunk);
  if (known) return known;
  const body = Buffer.from(chunk, "utf8");
  const etag = etagOf(body);
  // Counted with its key: the page's string stays in memory as long as the entry does (two bytes a character at most).
  knownBodies.set(chunk, { body, etag, length: body.length + chunk.length * 2 });
  return { body, etag };
}

// Install on a response before Next handles it; `inner` runs first (the server's status-page guard)
export function encodeResponses(req: IncomingMessage, res: ServerResponse, inner?: () => void): void {
  streamed(req as never, res as never, () => {});
  inner?.();
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const [chunk, encoding] = args;
    const complete = typeof chunk === "string" || chunk instanceof Uint8Array;
    const type = String(res.getHeader("content-type") ?? "");
    if (!complete || res.headersSent || res.statusCode !== 200 || req.method !== "GET" || !compressible.test(type)) {
      return end(...args);
    }
    const reusable = !/no-store|private/.test(String(res.getHeader("cache-control") ?? ""));
    const { body, etag: computed } = reusable ? bytesOf(chunk, encoding) : { body: Buffer.from(chunk as never) };
    let etag = res.getHeader("etag") as string | undefined;
    if (!etag && reusable) {
      etag = computed ?? etagOf(body);
      res.setHeader("etag", etag);
    }
    if (etag && matchesEtag(req.headers["if-none-match"], etag)) {
      res.statusCode = 304;
      for (const name of ["content-length", "content-type", "content-encoding"]) res.removeHeader(name);
      return end();
    }
    addVary(res, "Accept-Encoding");
    const coding = body.length < MIN_BYTES ? null : negotiate(req);
    if (coding !== "br" && coding !== "gzip") {
      res.setHeader("content-length", body.length);
      return end(body);
    }
    // Our ETags name the content; another's (a file's size and time) only with its address.
    const key = !reusable || !etag ? null : etag === computed ? `${coding}${etag}` : `${coding}${req.url} ${etag}`;
    let encoded = key ? encodedBodies.get(key) : undefined;
    if (!encoded) {
      encoded = encodeBody(body, coding);
      if (key) encodedBodies.set(key, encoded);
    }
    // `compression` sees the encoding and leaves the body alone.
    res.setHeader("content-encoding", coding);
    res.setHeader("content-length", encoded.length);
    return end(encoded);
  }) as typeof res.end;
}
