// Staff accounts and logins for browser tests: an account made through the documented command against the e2e
// site's database, a login with password and second factor (codes computed from the secret the enrolment shows).
import { execFileSync } from "node:child_process";
import { Secret, TOTP } from "otpauth";
import { expect, type Browser, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import da from "../../messages/da.json" with { type: "json" };

export const staffPassword = "a perfectly long passphrase 42";

// A name no other run uses
export const uniqueName = (n: string) => `${n}-${process.pid}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

// Create a staff account through the documented command, against the same database as the site
export function createStaff(email: string, role: "admin" | "editor") {
  execFileSync("npm", ["run", "-s", "admin:create", "--", "--email", email, "--name", `Test ${role}`, "--role", role], {
    env: { ...process.env, EMBEDDED_DB_DIR: ".data/e2e-pglite", ADMIN_PASSWORD: staffPassword },
    stdio: "pipe",
  });
}

const secrets = new Map<string, { secret: string; lastStep: number }>();

// The next code an authenticator app would show, waiting for a fresh time step if needed
async function nextCode(email: string): Promise<string> {
  const factor = secrets.get(email)!;
  const totp = new TOTP({ secret: Secret.fromBase32(factor.secret), algorithm: "SHA1", digits: 6, period: 30 });
  let step = Math.floor(Date.now() / 30_000);
  while (step + 1 <= factor.lastStep) {
    await new Promise((r) => setTimeout(r, 1000));
    step = Math.floor(Date.now() / 30_000);
  }
  const use = Math.max(step, factor.lastStep + 1);
  factor.lastStep = use;
  return totp.generate({ timestamp: use * 30_000 });
}

let clients = 0;

// Log in (in Danish) with password and second factor, enrolling it at the first login, in a fresh browser context
export async function staffSession(
  browser: Browser,
  email: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  clients += 1;
  // Each session is another client (the test plays the trusted proxy), so login throttling stays per test.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.78.${process.pid % 250}.${clients % 250}` });
  const t = da.Admin;
  await page.goto("/da/admin/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Adgangskode").fill(staffPassword);
  await page.getByRole("button", { name: "Log ind" }).click();
  await page.waitForURL(/\/admin(\/login\/(enrol|code))?$/);
  if (page.url().endsWith("/login/enrol")) {
    const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
    secrets.set(email, { secret, lastStep: 0 });
    await page.getByLabel(t.enrol.code).fill(await nextCode(email));
    await page.getByRole("button", { name: t.enrol.submit }).click();
    await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
    await page.getByRole("link", { name: t.enrol.continue }).click();
  } else if (page.url().endsWith("/login/code")) {
    await page.getByLabel(t.secondFactor.code).fill(await nextCode(email));
    await page.getByRole("button", { name: t.secondFactor.submit }).click();
  }
  await expect(page).toHaveURL(/\/da\/admin$/);
  return page;
}

// Type into a field reached by the keyboard: focus it, select what it holds, type over it
export async function typeInto(page: Page, label: string, scope: Locator, text: string) {
  await scope.getByLabel(label, { exact: true }).focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(text);
}
