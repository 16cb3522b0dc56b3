// The link checker against HTTP(S) servers started here on loopback (no test reaches outside the machine): each
// kind of answer and failure, redirects recorded, private addresses refused unless allowed, politeness per host;
// then, on each database, runs that record history and mark a link broken only after repeated failures, read
// the items' links as they change, and one runner at a time through the lease.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkLink, classifyError, type CheckOptions } from "@/lib/links/check";
import { runLinkCheck } from "@/lib/links/runner";
import { linkCheckSettings } from "@/lib/links/settings";
import { itemLinkReport, linkSummary, listLinks } from "@/lib/links/queries";
import type { Db } from "@/lib/database/client";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });
const root = path.resolve(import.meta.dirname, "../..");

type Seen = { method: string; path: string; userAgent: string | undefined };

// One local server with a route per behaviour; it records every request and the most it served at once
function startServer() {
  const seen: Seen[] = [];
  const state = { active: 0, maxActive: 0, missingFixed: false };
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    seen.push({ method: req.method ?? "", path: url.pathname, userAgent: req.headers["user-agent"] });
    const p = url.pathname;
    const redirect = (status: number, to: string) => res.writeHead(status, { Location: to }).end();
    if (p === "/ok") return res.writeHead(200, { "Content-Type": "text/plain" }).end("hello");
    if (p === "/head-405") return req.method === "HEAD" ? res.writeHead(405).end() : res.writeHead(200).end("ok");
    if (p === "/r1") return redirect(301, "/r2");
    if (p === "/r2") return redirect(302, `http://127.0.0.1:${port()}/r3`);
    if (p === "/r3") return res.writeHead(200).end();
    if (p === "/loop-a") return redirect(302, "/loop-b");
    if (p === "/loop-b") return redirect(302, "/loop-a");
    if (p.startsWith("/chain/")) {
      const n = Number(p.slice(7));
      return n >= 10 ? res.writeHead(200).end() : redirect(302, `/chain/${n + 1}`);
    }
    if (p === "/missing") return res.writeHead(state.missingFixed ? 200 : 404).end();
    if (p === "/gone") return res.writeHead(410).end();
    if (p === "/error") return res.writeHead(500).end();
    if (p === "/hang") return void hanging.add(res);
    if (p === "/slow-body" || p === "/big") {
      if (req.method === "HEAD") return res.writeHead(405).end();
      res.writeHead(200, { "Content-Type": "text/plain" });
      if (p === "/big") return res.end(Buffer.alloc(1024 * 1024, "x"));
      const timer = setInterval(() => res.write("x"), 50);
      res.on("close", () => clearInterval(timer));
      return;
    }
    if (p === "/to-private") return redirect(302, `http://127.0.0.2:${port()}/ok`);
    if (p === "/slow-ok") {
      state.active++;
      state.maxActive = Math.max(state.maxActive, state.active);
      setTimeout(() => {
        state.active--;
        res.writeHead(200).end();
      }, 150);
      return;
    }
    res.writeHead(404).end();
  });
  const port = () => (server.address() as AddressInfo).port;
  return {
    seen,
    state,
    url: (p: string) => `http://127.0.0.1:${port()}${p}`,
    port,
    listen: () => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const site = startServer();
let tls: { server: https.Server; url: string; cert: Buffer; folder: string };

const options: CheckOptions = {
  connectTimeoutMs: 1000,
  timeoutMs: 1000,
  maxRedirects: 5,
  maxBodyBytes: 64 * 1024,
  allowPrivate: true,
  userAgent: "KbLinkCheckTest/1.0",
};

beforeAll(async () => {
  await site.listen();
  // A self-signed certificate for 127.0.0.1, made here with openssl
  const folder = mkdtempSync(path.join(tmpdir(), "kb-links-tls-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      path.join(folder, "key.pem"),
      "-out",
      path.join(folder, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  const cert = readFileSync(path.join(folder, "cert.pem"));
  const server = https.createServer({ key: readFileSync(path.join(folder, "key.pem")), cert }, (_req, res) =>
    res.writeHead(200).end("secure"),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  tls = { server, url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`, cert, folder };
});

afterAll(async () => {
  await site.close();
  tls.server.closeAllConnections();
  await new Promise<void>((resolve) => tls.server.close(() => resolve()));
  rmSync(tls.folder, { recursive: true, force: true });
});

describe("checking one address", () => {
  it("answers 200 to HEAD with a polite User-Agent, and needs no GET", async () => {
    const before = site.seen.length;
    const outcome = await checkLink(site.url("/ok"), options);
    expect(outcome).toMatchObject({
      ok: true,
      moved: false,
      status: 200,
      method: "HEAD",
      errorKind: null,
      redirects: [],
    });
    expect(site.seen.slice(before)).toEqual([{ method: "HEAD", path: "/ok", userAgent: "KbLinkCheckTest/1.0" }]);
  });

  it("asks again with GET where HEAD is not allowed (405)", async () => {
    const outcome = await checkLink(site.url("/head-405"), options);
    expect(outcome).toMatchObject({ ok: true, status: 200, method: "GET" });
  });

  it("follows a 301 → 302 chain by hand, records it, and calls the address moved", async () => {
    const outcome = await checkLink(site.url("/r1"), options);
    expect(outcome).toMatchObject({ ok: true, moved: true, status: 200, finalUrl: site.url("/r3") });
    expect(outcome.redirects).toEqual([
      { url: site.url("/r1"), status: 301 },
      { url: site.url("/r2"), status: 302 },
    ]);
  });

  it("stops a redirect loop and a chain longer than the limit", async () => {
    const loop = await checkLink(site.url("/loop-a"), options);
    expect(loop).toMatchObject({ ok: false, errorKind: "redirect-loop" });
    expect(loop.redirects.map((r) => r.url)).toEqual([site.url("/loop-a"), site.url("/loop-b")]);
    const long = await checkLink(site.url("/chain/0"), { ...options, maxRedirects: 3 });
    expect(long).toMatchObject({ ok: false, errorKind: "too-many-redirects" });
    expect(long.redirects).toHaveLength(4);
    expect(await checkLink(site.url("/chain/0"), { ...options, maxRedirects: 10 })).toMatchObject({ ok: true });
  });

  it("reports 404, 410 and 500 as HTTP errors with their status", async () => {
    for (const [p, status] of [
      ["/missing", 404],
      ["/gone", 410],
      ["/error", 500],
    ] as const) {
      const outcome = await checkLink(site.url(p), options);
      expect(outcome, p).toMatchObject({ ok: false, status, errorKind: "http", error: `HTTP ${status}` });
    }
  });

  it("gives up on a server that never answers within the timeout (HEAD, then GET)", async () => {
    const before = site.seen.length;
    const outcome = await checkLink(site.url("/hang"), { ...options, timeoutMs: 400 });
    expect(outcome).toMatchObject({ ok: false, errorKind: "timeout", status: null, method: "GET" });
    expect(outcome.durationMs).toBeLessThan(2000);
    expect(site.seen.slice(before).map((s) => s.method)).toEqual(["HEAD", "GET"]);
  });

  it("reports a self-signed certificate as a TLS error, and accepts it when trusted", async () => {
    const outcome = await checkLink(tls.url, options);
    expect(outcome).toMatchObject({ ok: false, errorKind: "tls", status: null });
    expect(outcome.error).toMatch(/SELF_SIGNED|self-signed|certificate/i);
    expect(await checkLink(tls.url, { ...options, ca: tls.cert })).toMatchObject({ ok: true, status: 200 });
  });

  it("does not wait for a slow body: the status counts, the read stops at the deadline or the cap", async () => {
    const slow = await checkLink(site.url("/slow-body"), { ...options, timeoutMs: 500 });
    expect(slow).toMatchObject({ ok: true, status: 200, method: "GET", bodyCut: true });
    expect(slow.durationMs).toBeLessThan(1500);
    const big = await checkLink(site.url("/big"), options);
    expect(big).toMatchObject({ ok: true, status: 200, bodyCut: true });
  });

  it("refuses loopback and private addresses unless allowed, by literal, by name and as a redirect target", async () => {
    const strict = { ...options, allowPrivate: false };
    const before = site.seen.length;
    expect(await checkLink(site.url("/ok"), strict)).toMatchObject({ ok: false, errorKind: "private-address" });
    expect(await checkLink(`http://localhost:${site.port()}/ok`, strict)).toMatchObject({
      ok: false,
      errorKind: "private-address",
    });
    expect(site.seen.length).toBe(before);
    // 127.0.0.1 let through as if it were public: the redirect to 127.0.0.2 is still refused
    const redirected = await checkLink(site.url("/to-private"), {
      ...strict,
      addressAllowed: (a) => a === "127.0.0.1",
    });
    expect(redirected).toMatchObject({ ok: false, errorKind: "private-address" });
    expect(redirected.redirects).toEqual([{ url: site.url("/to-private"), status: 302 }]);
    expect(site.seen.slice(before).map((s) => s.path)).toEqual(["/to-private"]);
  });

  it("names failures by their code, not by words in a host name", () => {
    const coded = (code: string, message: string) => Object.assign(new Error(message), { code });
    expect(classifyError(coded("ENOTFOUND", "getaddrinfo ENOTFOUND tls.example"))).toMatchObject({ kind: "dns" });
    expect(classifyError(coded("CERT_HAS_EXPIRED", "certificate has expired"))).toMatchObject({ kind: "tls" });
    expect(classifyError(coded("ECONNREFUSED", "connect ECONNREFUSED"))).toMatchObject({ kind: "refused" });
    expect(classifyError(coded("ECONNRESET", "socket hang up"))).toMatchObject({ kind: "reset" });
  });

  it("refuses addresses that are not http(s)", async () => {
    expect(await checkLink("ftp://127.0.0.1/x", options)).toMatchObject({ ok: false, errorKind: "bad-url" });
  });
});

const settings = {
  ...linkCheckSettings({
    LINK_CHECK_ENABLED: "true",
    LINK_ALLOW_PRIVATE: "true",
    LINK_BROKEN_AFTER: "2",
    LINK_HISTORY: "2",
    LINK_TIMEOUT_SECONDS: "1",
    LINK_CONNECT_TIMEOUT_SECONDS: "1",
  }),
  userAgent: "KbLinkCheckTest/1.0",
};

let serial = 0;
async function makeItem(client: Db, body: string, extra: { sourceUrl?: string } = {}) {
  serial++;
  return client.item.create({
    data: {
      contentKey: `da/${extra.sourceUrl ? "reference" : "article"}/links-${serial}`,
      type: extra.sourceUrl ? "reference" : "article",
      locale: "da",
      slug: `links-${serial}`,
      title: `Links ${serial}`,
      summary: "Et element med links",
      body,
      sourceUrl: extra.sourceUrl,
      status: "published",
    },
  });
}

async function stateOf(client: Db, url: string) {
  return client.linkTarget.findUnique({ where: { url }, include: { checks: true } });
}

describe.each(databases)("link check runs on the $name database", (database) => {
  beforeEach(async () => {
    await truncateCatalogue(database.client());
    site.state.missingFixed = false;
  });

  it("records each check with history, marks a link broken only after repeated failures, and follows the items' edits", async () => {
    const client = database.client();
    const a = await makeItem(
      client,
      `[ok](${site.url("/ok")}) [væk](${site.url("/missing")}) [flyttet](${site.url("/r1")})`,
    );
    const b = await makeItem(client, `[også væk](${site.url("/missing")})`, { sourceUrl: site.url("/gone") });

    const first = await runLinkCheck(client, { settings });
    expect(first).toMatchObject({ ran: true, itemsRead: 2, checked: 4, ok: 1, moved: 1, failing: 2, broken: 0 });
    expect(await stateOf(client, site.url("/missing"))).toMatchObject({
      state: "failing",
      consecutiveFailures: 1,
      lastStatus: 404,
    });
    expect((await linkSummary(client)).broken).toBe(0);

    // Nothing is due again yet: good links wait a day, failing ones the retry time
    expect(await runLinkCheck(client, { settings })).toMatchObject({ ran: true, itemsRead: 0, checked: 0 });

    const second = await runLinkCheck(client, { settings, all: true });
    expect(second).toMatchObject({ checked: 4, broken: 2 });
    const missing = await stateOf(client, site.url("/missing"));
    expect(missing).toMatchObject({ state: "broken", consecutiveFailures: 2, lastErrorKind: "http" });
    expect(missing!.checks).toHaveLength(2);
    const moved = await stateOf(client, site.url("/r1"));
    expect(moved).toMatchObject({ state: "moved", finalUrl: site.url("/r3") });
    expect(moved!.checks[0]!.redirects).toEqual([
      { url: site.url("/r1"), status: 301 },
      { url: site.url("/r2"), status: 302 },
    ]);

    const summary = await linkSummary(client);
    expect(summary).toMatchObject({ broken: 2, failing: 0, moved: 1, itemsWithBroken: 2 });
    expect(summary.worst.map((w) => w.url).sort()).toEqual([site.url("/gone"), site.url("/missing")].sort());
    const missingRow = summary.worst.find((w) => w.url === site.url("/missing"))!;
    expect(missingRow.uses.map((u) => u.itemId).sort()).toEqual([a.id, b.id].sort());
    expect(summary.lastRun?.finishedAt).toBeTruthy();
    const listed = await listLinks(client, { state: "broken", page: 1 });
    expect(listed.total).toBe(2);
    expect(listed.rows.find((r) => r.url === site.url("/gone"))!.uses).toEqual([
      { itemId: b.id, title: b.title, locale: "da", origin: "source", label: "" },
    ]);

    // The history keeps the newest LINK_HISTORY checks
    await runLinkCheck(client, { settings, all: true });
    expect((await stateOf(client, site.url("/missing")))!.checks).toHaveLength(2);

    // A broken link that answers again is good at once
    site.state.missingFixed = true;
    await runLinkCheck(client, { settings, all: true });
    expect(await stateOf(client, site.url("/missing"))).toMatchObject({
      state: "ok",
      consecutiveFailures: 0,
      lastErrorKind: null,
    });

    // An edit that drops a link drops the address no item uses any more
    await client.item.update({ where: { id: a.id }, data: { body: `[ok](${site.url("/ok")})` } });
    expect(await runLinkCheck(client, { settings })).toMatchObject({ itemsRead: 1 });
    expect(await stateOf(client, site.url("/r1"))).toBeNull();
    expect(await stateOf(client, site.url("/missing"))).not.toBeNull();

    const report = await itemLinkReport(client, b.id);
    expect(report!.links.map((l) => [l.origin, l.url, l.target?.state])).toEqual([
      ["body", site.url("/missing"), "ok"],
      ["source", site.url("/gone"), "broken"],
    ]);
    expect(report!.links[1]!.target!.checks[0]).toMatchObject({ ok: false, status: 410, errorKind: "http" });
  });

  it("lets one of two runners started at once run; the other finds it busy, and each address is checked once", async () => {
    const client = database.client();
    await makeItem(client, [1, 2, 3].map((n) => `[${n}](${site.url(`/slow-ok?n=${n}`)})`).join(" "));
    const before = site.seen.filter((s) => s.path === "/slow-ok").length;
    const results = await Promise.all([runLinkCheck(client, { settings }), runLinkCheck(client, { settings })]);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect(results.filter((r) => !r.ran)).toEqual([{ ran: false, reason: "busy" }]);
    expect(site.seen.filter((s) => s.path === "/slow-ok").length - before).toBe(3);
    // The lease is given back at the end: the next run runs; one asked to stop (the server shutting down) stops
    expect(await runLinkCheck(client, { settings })).toMatchObject({ ran: true });
    expect(await runLinkCheck(client, { settings, all: true, signal: AbortSignal.abort() })).toMatchObject({
      ran: true,
      checked: 0,
      stoppedEarly: true,
    });
    // A lease whose holder died is taken over once it has run out
    await client.jobLease.update({
      where: { name: "link-check" },
      data: { holder: "dead", lockedUntil: new Date(Date.now() - 1000) },
    });
    expect(await runLinkCheck(client, { settings })).toMatchObject({ ran: true });
    await client.jobLease.update({
      where: { name: "link-check" },
      data: { holder: "alive", lockedUntil: new Date(Date.now() + 60_000) },
    });
    expect(await runLinkCheck(client, { settings })).toEqual({ ran: false, reason: "busy" });
  });

  it("asks one host at most hostConcurrency things at once", async () => {
    const client = database.client();
    await makeItem(client, [1, 2, 3, 4].map((n) => `[${n}](${site.url(`/slow-ok?n=${n}`)})`).join(" "));
    site.state.maxActive = 0;
    await runLinkCheck(client, { settings: { ...settings, concurrency: 4, hostConcurrency: 1 } });
    expect(site.state.maxActive).toBe(1);
    site.state.maxActive = 0;
    await runLinkCheck(client, { settings: { ...settings, concurrency: 4, hostConcurrency: 2 }, all: true });
    expect(site.state.maxActive).toBe(2);
  });

  it("runs as `npm run links:check`, and refuses to while link checks are off", async () => {
    if (database.name !== "embedded") return;
    const client = database.client();
    await makeItem(client, `[væk](${site.url("/gone")})`);
    const run = promisify(execFile);
    const script = [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/links.ts", "check"];
    const env = { ...process.env, DATABASE_URL: database.url(), LINK_CHECK_ENABLED: "", LINK_ALLOW_PRIVATE: "true" };
    await expect(run(process.execPath, script, { cwd: root, env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("LINK_CHECK_ENABLED"),
    });
    expect(await client.linkTarget.count()).toBe(0);
    const out = await run(process.execPath, script, { cwd: root, env: { ...env, LINK_CHECK_ENABLED: "true" } });
    expect(out.stdout).toMatch(/checked 1 address\(es\).*0 ok, 0 moved, 1 failing, 0 broken/);
    expect(await stateOf(client, site.url("/gone"))).toMatchObject({ state: "failing", lastStatus: 410 });
  });
});
