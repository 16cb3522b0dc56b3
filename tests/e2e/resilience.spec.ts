import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { loadCatalogue } from "../../lib/content/load";
import { socketPath } from "../../lib/database/embedded";
import { openDatabase } from "../../lib/database/runtime";

// A second app process whose database connection runs through a TCP relay that the test can cut and restore.
const port = Number(process.env.E2E_PORT ?? 3100) + 50;
const base = `http://127.0.0.1:${port}`;

// DATABASE_URL, or the e2e site's embedded database reached through its owner (npm start)
async function databaseUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  process.env.EMBEDDED_DB_DIR ??= ".data/e2e-pglite";
  const database = await openDatabase({ share: false, waitMs: 10_000 });
  await database.close();
  return database.url;
}

// Where a connection string leads: a Unix socket (host=/folder) or a TCP address
function target(url: URL): net.NetConnectOpts {
  const socketDir = url.searchParams.get("host");
  if (socketDir?.startsWith("/")) return { path: socketPath(socketDir) };
  return { host: url.hostname, port: Number(url.port || 5432) };
}

class Relay {
  private server?: net.Server;
  private sockets = new Set<net.Socket>();
  constructor(
    private target: net.NetConnectOpts,
    readonly port: number,
  ) {}
  async open() {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
  }
  async cut() {
    const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port: free } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return free;
}

test.describe.configure({ mode: "serial" });

test.describe("with the database stopped", () => {
  let relay: Relay;
  let app: ChildProcess;

  test.beforeAll(async () => {
    const url = new URL(await databaseUrl());
    relay = new Relay(target(url), await freePort());
    await relay.open();
    url.hostname = "127.0.0.1";
    url.port = String(relay.port);
    url.searchParams.delete("host");
    // A production server started as an operator would: `next start` with its settings.
    app = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        DATABASE_POOL_SIZE: "2",
        SITE_URL: base,
        FORM_SECRET: "resilience-test",
        NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        LOG_REQUESTS: "0",
      },
      stdio: "ignore",
    });
    for (let i = 0; i < 120; i++) {
      const ok = await fetch(`${base}/da/status/404`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error("the second app process did not start");
  });

  test.afterAll(async () => {
    app?.kill("SIGTERM");
    await relay?.cut();
  });

  test("cached pages still answer, the others get the localized 503 page, and the site recovers", async ({ page }) => {
    // Warm one page and the status pages while the database is up.
    const cached = `${base}/sv/ordlista`;
    expect((await page.goto(cached))?.status()).toBe(200);
    // An item page nobody has asked for in the Swedish interface: neither the page nor its data is cached.
    const catalogue = await loadCatalogue();
    const reference = catalogue.items.filter((i) => i.type === "reference").at(-1)!;
    const uncached = `${base}/sv/dokument/${reference.slug}`;

    await relay.cut();
    const stillThere = await page.goto(cached);
    expect(stillThere?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ordlista");

    const unavailable = await page.goto(uncached);
    expect(unavailable?.status()).toBe(503);
    expect(unavailable?.headers()["retry-after"]).toBeDefined();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sidan är tillfälligt otillgänglig");
    await expect(page.locator("html")).toHaveAttribute("lang", "sv");

    await relay.open();
    await expect
      .poll(async () => (await page.goto(uncached))?.status(), { timeout: 20_000, intervals: [250, 500, 1000] })
      .toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(reference.data.title);
  });
});
