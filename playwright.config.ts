import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);

// Browser tests run Debian's Chromium (Playwright's own browser downloads are not available here).
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  // The admin's tests publish items of their own (and archive them again): they run after the public site's
  // tests, which count what content/ publishes.
  projects: [
    { name: "site", testIgnore: /admin\.spec\.ts$/ },
    { name: "admin", testMatch: /admin\.spec\.ts$/, dependencies: ["site"] },
  ],
  use: {
    ...devices["Desktop Chrome"],
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // The site started the README way: DATABASE_URL when set, otherwise an embedded database of its own.
    command: "npm start",
    url: `http://localhost:${port}/da`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      EMBEDDED_DB_DIR: ".data/e2e-pglite",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_REQUESTS: "0",
      // Every test runs from this one machine, so the per-client limits are set out of reach; the limits themselves
      // are proven by the integration tests and by the two-server test behind nginx (tests/servers). Where a test needs
      // two clients (a throttled one and the account's owner), it plays the trusted proxy and names the client in
      // X-Forwarded-For, as nginx would.
      TRUSTED_PROXIES: "127.0.0.1, ::1",
      CONTACT_RATE_LIMIT: "10000",
      FEEDBACK_RATE_LIMIT: "10000",
      LOGIN_RATE_LIMIT: "10000",
    },
  },
});
