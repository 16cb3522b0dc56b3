import { defineConfig, devices } from "@playwright/test";
import base from "./playwright.config";

// Several app servers behind nginx (tests/servers): `npm run test:servers` after `npm run build`, with DATABASE_URL
// naming a PostgreSQL server (the test makes a database of its own there) and Debian's nginx installed.
export default defineConfig({
  testDir: "tests/servers",
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  // Admin saves on a busy machine can take some seconds; the 2-second bounds of the test are its own polls.
  expect: { timeout: 15_000 },
  use: { ...devices["Desktop Chrome"], launchOptions: base.use?.launchOptions },
});
