// The link checker in a real browser: a draft whose text links to a server started here (one address answers, one
// is gone), `npm run links:check` run against the site's database, then an editor finds the broken link on the
// dashboard, follows it with the keyboard to the item's links and their history, and the list of broken links, in
// Danish and Swedish, with and without JavaScript; axe finds nothing on these pages. The records' delete pages too.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { axeViolations } from "../helpers/axe";
import { Secret, TOTP } from "otpauth";
import { expect, test, type Page } from "@playwright/test";
import da from "../../messages/da.json" with { type: "json" };
import sv from "../../messages/sv.json" with { type: "json" };

const password = "a perfectly long passphrase 42";
const dbEnv = { ...process.env, EMBEDDED_DB_DIR: ".data/e2e-pglite" };
const email = `links-editor-${process.pid}-${Date.now()}@example.org`;
const title = `Linktjek ${process.pid}-${Date.now()}`;

let server: http.Server;
let base = "";
let itemId = "";

const axe = axeViolations;

let secret = "";
let lastStep = 0;
async function nextCode(): Promise<string> {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });
  let step = Math.floor(Date.now() / 30_000);
  while (step + 1 <= lastStep) {
    await new Promise((r) => setTimeout(r, 1000));
    step = Math.floor(Date.now() / 30_000);
  }
  lastStep = Math.max(step, lastStep + 1);
  return totp.generate({ timestamp: lastStep * 30_000 });
}

// Log the editor in, enrolling the second factor the first time
async function login(page: Page, locale: "da" | "sv") {
  const t = (locale === "da" ? da : sv).Admin;
  await page.setExtraHTTPHeaders({
    "x-forwarded-for": `10.78.${process.pid % 250}.${Math.floor(Math.random() * 250)}`,
  });
  await page.goto(`/${locale}/admin/login`);
  await page.getByLabel(locale === "da" ? "E-mail" : "E-post").fill(email);
  await page.getByLabel(locale === "da" ? "Adgangskode" : "Lösenord").fill(password);
  await page.getByRole("button", { name: locale === "da" ? "Log ind" : "Logga in" }).click();
  await page.waitForURL(/\/admin\/login\/(enrol|code)$/);
  if (page.url().endsWith("/login/enrol")) {
    secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
    await page.getByLabel(t.enrol.code).fill(await nextCode());
    await page.getByRole("button", { name: t.enrol.submit }).click();
    await page.getByRole("link", { name: t.enrol.continue }).click();
  } else {
    await page.getByLabel(t.secondFactor.code).fill(await nextCode());
    await page.getByRole("button", { name: t.secondFactor.submit }).click();
  }
  await page.waitForURL(new RegExp(`/${locale}/admin$`));
}

test.describe("link checker in the admin", () => {
  test.describe.configure({ mode: "serial", timeout: 300_000 });

  test.beforeAll(() => {
    server = http.createServer((req, res) => res.writeHead(req.url === "/gone" ? 404 : 200).end());
    return new Promise<void>((resolve) =>
      server.listen(0, "127.0.0.1", () => {
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        resolve();
      }),
    );
  });

  test.afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (itemId)
      execFileSync("npx", ["tsx", "tests/helpers/links-seed.ts", "delete", itemId], { env: dbEnv, stdio: "pipe" });
  });

  test("an editor sees a broken link flagged after the checker ran, and its history, by keyboard, in both languages", async ({
    page,
    browser,
  }) => {
    execFileSync(
      "npm",
      ["run", "-s", "admin:create", "--", "--email", email, "--name", "Link Editor", "--role", "editor"],
      {
        env: { ...dbEnv, ADMIN_PASSWORD: password },
        stdio: "pipe",
      },
    );
    itemId = execFileSync(
      "npx",
      ["tsx", "tests/helpers/links-seed.ts", "create", title, `${base}/ok`, `${base}/gone`],
      {
        env: dbEnv,
      },
    )
      .toString()
      .trim();
    // Asynchronously: the server answering the checker runs in this process
    const { stdout: out } = await promisify(execFile)("npm", ["run", "-s", "links:check"], {
      env: { ...dbEnv, LINK_CHECK_ENABLED: "true", LINK_ALLOW_PRIVATE: "true", LINK_BROKEN_AFTER: "1" },
    });
    expect(out).toMatch(/[1-9]\d* broken/);

    await login(page, "da");
    const summary = page.getByTestId("broken-links-summary");
    await expect(summary.getByRole("heading", { name: da.Admin.links.dashboard.title })).toBeVisible();
    await expect(summary.getByTestId("broken-links-count")).toBeVisible();
    expect(await axe(page)).toEqual([]);

    // To the list of broken links, and from there to the item's links, with the keyboard
    await summary.getByRole("link", { name: da.Admin.links.dashboard.seeAll }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/da\/admin\/links$/);
    const row = page.getByTestId("link-row").filter({ hasText: `${base}/gone` });
    await expect(row).toContainText("Brudt (1 i træk)");
    await expect(row).toContainText("Serveren svarede 404");
    expect(await axe(page)).toEqual([]);
    await row.getByRole("link", { name: title }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/da/admin/items/${itemId}/links$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
    const gone = page.getByTestId("item-link").filter({ hasText: `${base}/gone` });
    const ok = page.getByTestId("item-link").filter({ hasText: `${base}/ok` });
    await expect(gone.getByTestId("link-result")).toHaveText("Serveren svarede 404");
    await expect(ok.getByTestId("link-result")).toHaveText("Svarede 200");
    await gone.locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect(gone.getByTestId("link-check")).toHaveCount(1);
    await expect(gone.getByTestId("link-check")).toContainText("HEAD");
    expect(await axe(page)).toEqual([]);

    // The item's editor links to its links page
    await page.goto(`/da/admin/items/${itemId}`);
    await expect(page.getByRole("link", { name: da.Admin.links.itemLink, exact: true })).toHaveAttribute(
      "href",
      `/da/admin/items/${itemId}/links`,
    );

    // Swedish, without JavaScript: the filters are plain links and the history a <details>
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.context().addCookies(await page.context().cookies());
    await noJs.goto("/sv/admin/links");
    await noJs
      .getByRole("navigation", { name: sv.Admin.links.filterLabel })
      .getByRole("link", { name: sv.Admin.links.filter.broken, exact: true })
      .click();
    await expect(noJs).toHaveURL(/\/sv\/admin\/links\?state=broken$/);
    const svRow = noJs.getByTestId("link-row").filter({ hasText: `${base}/gone` });
    await expect(svRow).toContainText("Trasig (1 i rad)");
    await expect(svRow).toContainText("Servern svarade 404");
    await noJs.goto(`/sv/admin/items/${itemId}/links`);
    await expect(
      noJs
        .getByTestId("item-link")
        .filter({ hasText: `${base}/ok` })
        .getByTestId("link-result"),
    ).toHaveText("Svarade 200");

    // Deleting records: an adviser in use lists what uses it and offers no delete; a glossary term asks to confirm
    await noJs.goto("/sv/admin/advisers");
    await noJs.getByRole("link", { name: sv.Admin.deleteRecord.delete.replace("{label}", "Åsa Bengtsson") }).click();
    await expect(noJs).toHaveURL(/\/sv\/admin\/advisers\/delete\?record=/);
    await expect(noJs.getByRole("heading", { name: sv.Admin.deleteRecord.inUseTitle })).toBeVisible();
    await expect(noJs.getByTestId("where-used").getByRole("listitem").first()).toBeVisible();
    await expect(noJs.getByRole("button", { name: sv.Admin.deleteRecord.confirm })).toHaveCount(0);
    const adviserDelete = noJs.url();
    await context.close();

    // axe on the Swedish pages (it needs JavaScript)
    for (const url of ["/sv/admin/links?state=broken", `/sv/admin/items/${itemId}/links`, adviserDelete]) {
      await page.goto(url);
      expect(await axe(page), url).toEqual([]);
    }
    await page.goto("/da/admin/glossary");
    await page.getByTestId("delete-record").first().focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/da\/admin\/glossary\/delete\?record=/);
    await expect(page.getByRole("button", { name: da.Admin.deleteRecord.confirm })).toBeVisible();
    expect(await axe(page)).toEqual([]);
  });
});
