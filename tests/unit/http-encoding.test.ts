import { createServer, request, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Lru, encodeResponses, matchesEtag } from "@/lib/http/encoding";

const page = "<!doctype html><title>Side</title>" + "<p>Socialøkonomiske virksomheder og kommuner.</p>".repeat(200);
let server: Server;
let base: string;
const calls: string[] = [];

// Routes shaped like Next's answers: a page in one piece, a streamed page, a page not to be stored, an error
function respond(path: string, res: ServerResponse) {
  calls.push(path);
  res.setHeader("content-type", "text/html; charset=utf-8");
  if (path === "/page") {
    res.setHeader("cache-control", "s-maxage=31536000");
    res.setHeader("content-length", Buffer.byteLength(page));
    res.end(page);
  } else if (path === "/streamed") {
    res.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
    res.write(page.slice(0, 3000));
    setTimeout(() => res.end(page.slice(3000)), 5);
  } else if (path === "/private") {
    res.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
    res.end(page);
  } else if (path === "/small") {
    res.end("<p>kort</p>");
  } else {
    res.statusCode = 404;
    res.end(page);
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    encodeResponses(req, res);
    respond(req.url ?? "/", res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

const decode = (r: { headers: IncomingHttpHeaders; body: Buffer }) =>
  (r.headers["content-encoding"] === "br"
    ? brotliDecompressSync(r.body)
    : r.headers["content-encoding"] === "gzip"
      ? gunzipSync(r.body)
      : r.body
  ).toString("utf8");

describe("a page sent in one piece", () => {
  test("gets an ETag, and the same bytes plain, in gzip and in Brotli as the client accepts", async () => {
    const plain = await get("/page");
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toBe(page);
    expect(plain.headers["etag"]).toMatch(/^"[\w-]{27}"$/);
    expect(plain.headers["vary"]).toContain("Accept-Encoding");
    const gzip = await get("/page", { "accept-encoding": "gzip, deflate" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(Number(gzip.headers["content-length"])).toBe(gzip.body.length);
    expect(gzip.body.length).toBeLessThan(Buffer.byteLength(page) / 5);
    expect(decode(gzip)).toBe(page);
    const br = await get("/page", { "accept-encoding": "gzip, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(decode(br)).toBe(page);
    expect(new Set([plain.headers["etag"], gzip.headers["etag"], br.headers["etag"]]).size).toBe(1);
  });

  test("answers 304 with no body when the client has it", async () => {
    const first = await get("/page", { "accept-encoding": "br" });
    const etag = first.headers["etag"]!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const again = await get("/page", { "accept-encoding": "br", "if-none-match": ifNoneMatch });
      expect(again.status, ifNoneMatch).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers["etag"]).toBe(etag);
    }
    expect((await get("/page", { "if-none-match": '"other"' })).status).toBe(200);
  });

  test("a page not to be stored gets no ETag but is still compressed", async () => {
    const r = await get("/private", { "accept-encoding": "gzip" });
    expect(r.headers["etag"]).toBeUndefined();
    expect(r.headers["content-encoding"]).toBe("gzip");
    expect(decode(r)).toBe(page);
  });

  test("a small body is sent as it is", async () => {
    const r = await get("/small", { "accept-encoding": "gzip, br" });
    expect(r.headers["content-encoding"]).toBeUndefined();
    expect(r.body.toString()).toBe("<p>kort</p>");
  });
});

test("a streamed page and an error page are compressed as they go, without an ETag", async () => {
  for (const path of ["/streamed", "/missing"]) {
    const r = await get(path, { "accept-encoding": "gzip" });
    expect(r.headers["content-encoding"], path).toBe("gzip");
    expect(r.headers["etag"], path).toBeUndefined();
    expect(decode(r), path).toBe(page);
  }
});

test("If-None-Match compares weakly, lists and wildcards included", () => {
  expect(matchesEtag('"a"', '"a"')).toBe(true);
  expect(matchesEtag('W/"a"', '"a"')).toBe(true);
  expect(matchesEtag('"b", W/"a"', '"a"')).toBe(true);
  expect(matchesEtag("*", '"a"')).toBe(true);
  expect(matchesEtag('"b"', '"a"')).toBe(false);
  expect(matchesEtag(undefined, '"a"')).toBe(false);
});

test("kept encoded bodies stay under their byte budget, dropping the least recently used", () => {
  const kept = new Lru<string, Buffer>(100);
  kept.set("a", Buffer.alloc(40));
  kept.set("b", Buffer.alloc(40));
  expect(kept.get("a")?.length).toBe(40); // a is now the most recently used
  kept.set("c", Buffer.alloc(40));
  expect(kept.get("b")).toBeUndefined();
  expect(kept.get("a")).toBeDefined();
  expect(kept.get("c")).toBeDefined();
  kept.set("huge", Buffer.alloc(101));
  expect(kept.get("huge")).toBeUndefined();
  expect(kept.size).toBe(2);
});
