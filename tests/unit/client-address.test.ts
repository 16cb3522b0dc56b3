import { request as httpRequest, createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { clientAddressOf, parseTrustedProxies } from "@/lib/http/client-address";

describe("the client address", () => {
  const none = parseTrustedProxies("");
  const proxies = parseTrustedProxies("10.0.0.0/8, 192.0.2.7, ::1");

  test("without trusted proxies it is the socket's peer, whatever X-Forwarded-For says", () => {
    expect(clientAddressOf("198.51.100.4", "203.0.113.1", none)).toBe("198.51.100.4");
    expect(clientAddressOf("::ffff:198.51.100.4", "203.0.113.1, 10.0.0.1", none)).toBe("198.51.100.4");
    expect(clientAddressOf("198.51.100.4", undefined, none)).toBe("198.51.100.4");
  });

  test("a peer that is not a trusted proxy is the client, even when it sends the header", () => {
    expect(clientAddressOf("198.51.100.4", "10.1.1.1", proxies)).toBe("198.51.100.4");
  });

  test("from a trusted proxy it is the right-most entry that is not itself a trusted proxy", () => {
    expect(clientAddressOf("10.0.0.5", "203.0.113.9", proxies)).toBe("203.0.113.9");
    // A forged left part of the header is never believed.
    expect(clientAddressOf("10.0.0.5", "1.2.3.4, 203.0.113.9", proxies)).toBe("203.0.113.9");
    expect(clientAddressOf("10.0.0.5", "1.2.3.4, 203.0.113.9, 192.0.2.7", proxies)).toBe("203.0.113.9");
    expect(clientAddressOf("::1", ["5.6.7.8", "10.2.2.2"], proxies)).toBe("5.6.7.8");
    // Nothing usable after the proxy: the proxy itself.
    expect(clientAddressOf("10.0.0.5", undefined, proxies)).toBe("10.0.0.5");
    expect(clientAddressOf("10.0.0.5", "not-an-address", proxies)).toBe("10.0.0.5");
  });

  test("a malformed TRUSTED_PROXIES entry is an error naming it", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/10\.0\.0\.0\/33/);
    expect(() => parseTrustedProxies("nginx")).toThrow(/nginx/);
  });
});

describe("requests observed before Next sees them", () => {
  let port = 0;
  const seen: IncomingHttpHeaders[] = [];
  const urls: string[] = [];
  const server = createServer((req, res) => {
    seen.push({ ...req.headers });
    urls.push(req.url ?? "");
    res.end("ok");
  });

  beforeAll(async () => {
    process.env.TRUSTED_PROXIES = "10.9.9.9";
    process.env.LOG_REQUESTS = "0";
    const { observeRequests } = await import("@/lib/server/requests");
    observeRequests();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.close();
    delete process.env.TRUSTED_PROXIES;
    delete process.env.LOG_REQUESTS;
  });

  const get = (headers: Record<string, string>, path = "/", method = "GET") =>
    new Promise<{ id: string | undefined }>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path, headers, method }, (res) => {
        res.resume();
        res.on("end", () => resolve({ id: res.headers["x-request-id"] as string | undefined }));
      });
      req.on("error", reject);
      req.end();
    });

  test("a forged X-Forwarded-For, X-Real-IP or X-Request-Id from an untrusted peer is replaced", async () => {
    const answer = await get({
      "x-forwarded-for": "203.0.113.77",
      "x-real-ip": "203.0.113.78",
      "x-request-id": "mine",
    });
    const headers = seen.at(-1)!;
    expect(headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(headers["x-real-ip"]).toBeUndefined();
    expect(headers["x-request-id"]).not.toBe("mine");
    expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.id).toBe(headers["x-request-id"]);
  });

  test("a request with a broken percent escape is sent to the plain 400 answer", async () => {
    await get({}, "/da/%zz");
    expect(urls.at(-1)).toBe("/api/bad-request");
    await get({}, "/da/%C3%A6");
    expect(urls.at(-1)).toBe("/da/%C3%A6");
  });

  test("every request gets its own id", async () => {
    const a = await get({});
    const b = await get({});
    expect(a.id).toBeTruthy();
    expect(a.id).not.toBe(b.id);
  });
});

describe("requests that cannot be read never reach Next's route handling", () => {
  test("a broken percent escape, a target that is no path, a multipart body without a usable boundary", async () => {
    const { isReadableRequest } = await import("@/lib/server/requests");
    expect(isReadableRequest("GET", "/da/artikler?q=%zz")).toBe(true);
    expect(isReadableRequest("GET", "/da/%C3%A6ble")).toBe(true);
    expect(isReadableRequest("GET", "/da/%")).toBe(false);
    expect(isReadableRequest("GET", "/_next/static/%zz")).toBe(false);
    expect(isReadableRequest("OPTIONS", "*")).toBe(false);
    expect(isReadableRequest("GET", "http://evil.example/da")).toBe(false);
    expect(isReadableRequest("POST", "/da/kontakt", "multipart/form-data; boundary=----x1")).toBe(true);
    expect(isReadableRequest("POST", "/da/kontakt", 'multipart/form-data; boundary="a b"')).toBe(true);
    expect(isReadableRequest("POST", "/da/kontakt", "multipart/form-data")).toBe(false);
    expect(isReadableRequest("POST", "/da/kontakt", "multipart/form-data; boundary=")).toBe(false);
    expect(isReadableRequest("POST", "/da/kontakt", `multipart/form-data; boundary=${"x".repeat(71)}`)).toBe(false);
  });
});
