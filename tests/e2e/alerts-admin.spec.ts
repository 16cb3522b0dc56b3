// E-mail alerts in a real browser, with JavaScript on and again off: a visitor subscribes to a Danish topic page and
// to a Swedish search, confirms each from the mail a real SMTP server on loopback received, gets a digest once an
// item is published, and leaves with one click (the mail program's RFC 8058 POST for one, the page's button for the
// other). The mails leave the site's outbox through `npm run mail:send`, and the digests are made by `npm run
// alerts:send`, as cron would run them. It publishes an item of its own, so it runs with the admin's tests, after the
// public site's counts. axe checks every new page.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import da from "../../messages/da.json" with { type: "json" };
import sv from "../../messages/sv.json" with { type: "json" };
import { TestSmtpServer } from "../helpers/smtp";
import { axeViolations } from "../helpers/axe";
import { createStaff, staffSession, uniqueName } from "../helpers/staff-login";
import { openDatabase } from "../../lib/database/runtime";

const execFileAsync = promisify(execFile);
const embeddedDir = ".data/e2e-pglite";
const sitePort = Number(process.env.E2E_PORT ?? 3100);
const smtpPort = sitePort + 1;
const topic = { slug: "socialoekonomiske-virksomheder", da: "Socialøkonomiske virksomheder" };
const minFillMs = 3100;

// Run SQL in the database of the site Playwright started (through its owner), as the test's own setup
async function sql<T = unknown>(text: string, values: unknown[] = []): Promise<T[]> {
  process.env.EMBEDDED_DB_DIR ??= embeddedDir;
  const database = await openDatabase({ share: false, waitMs: 10_000 });
  const client = new pg.Client(database.url);
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
    await database.close();
  }
}

// Run one of the cron scripts against the site's database, with the site's address and the loopback mail server. Not
// execFileSync: the mail server runs in this process and must answer while the script sends.
async function run(script: "mail:send" | "alerts:send") {
  try {
    await execFileAsync("npm", ["run", "-s", script], {
      env: {
        ...process.env,
        EMBEDDED_DB_DIR: embeddedDir,
        SITE_URL: `http://localhost:${sitePort}`,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      },
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run ${script} failed:\n${failed.stdout ?? ""}${failed.stderr ?? ""}`);
  }
}

const smtp = new TestSmtpServer();
smtp.port = smtpPort;

test.beforeAll(async () => smtp.start());
test.afterAll(async () => smtp.stop());

// The one mail received for an address whose subject matches
async function mailTo(address: string, subject: RegExp) {
  await run("mail:send");
  const found = smtp.received.filter((m) => m.to.includes(address) && subject.test(m.mail.subject ?? ""));
  expect(found, `one mail "${subject}" to ${address}`).toHaveLength(1);
  return found[0]!;
}

function linkIn(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  if (!match) throw new Error(`no link ${pattern} in ${text}`);
  return new URL(match[0]).pathname + new URL(match[0]).search;
}

// axe runs as a script in the page, so it checks the pages of the run with JavaScript (the same pages and states)
async function expectNoViolations(page: Page, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) expect(await axeViolations(page)).toEqual([]);
}

async function subscribe(page: Page, javaScriptEnabled: boolean, email: string, frequency: string, submit: string) {
  await page.getByTestId("alert-signup").locator("summary").click();
  const form = page.getByTestId("alert-form");
  await form.getByRole("textbox").fill(email);
  await form.getByLabel(frequency).check();
  if (javaScriptEnabled) await page.waitForTimeout(minFillMs);
  await form.getByRole("button", { name: submit }).click();
}

test.describe("e-mail alerts", () => {
  test.describe.configure({ mode: "serial", timeout: 240_000 });

  for (const javaScriptEnabled of [true, false]) {
    test(`${javaScriptEnabled ? "with" : "without"} JavaScript: subscribe in Danish and Swedish, confirm, get a digest, leave with one click`, async ({
      browser,
      request,
    }) => {
      const tag = randomUUID().slice(0, 8);
      const daEmail = `e2e-da-${tag}@example.org`;
      const svEmail = `e2e-sv-${tag}@example.org`;
      const listEmail = `e2e-list-${tag}@example.org`;
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      // Each run is its own client for the per-client limits, as behind nginx.
      await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.91.${javaScriptEnabled ? 1 : 2}.${process.pid % 250}` });
      let itemId: string | null = null;
      try {
        // A Danish topic page: a bad address comes back translated, with what was typed.
        await page.goto(`/da/emner/${topic.slug}`);
        await subscribe(page, javaScriptEnabled, "ikke en adresse", da.Alerts.frequencyImmediate, da.Alerts.submit);
        await expect(page.getByTestId("error-summary")).toContainText(da.Alerts.errors.email);
        await expect(page.getByTestId("alert-form").getByRole("textbox")).toHaveValue("ikke en adresse");
        await expectNoViolations(page, javaScriptEnabled);
        const form = page.getByTestId("alert-form");
        await form.getByRole("textbox").fill(daEmail);
        await form.getByLabel(da.Alerts.frequencyImmediate).check();
        if (javaScriptEnabled) await page.waitForTimeout(minFillMs);
        await form.getByRole("button", { name: da.Alerts.submit }).click();
        await expect(page.getByTestId("alert-done")).toHaveText(da.Alerts.checkMail);

        // A filtered listing: the alert follows its filters, spelt as its feed spells them.
        await page.goto(`/da/cases?country=SE`);
        await subscribe(page, javaScriptEnabled, listEmail, da.Alerts.frequencyWeekly, da.Alerts.submit);
        await expect(page.getByTestId("alert-done")).toHaveText(da.Alerts.checkMail);
        expect(await sql(`SELECT query, frequency FROM "Alert" WHERE email = $1`, [listEmail])).toEqual([
          { query: "country=SE&type=case", frequency: "weekly" },
        ]);

        // A Swedish search.
        await page.goto(`/sv/sok?q=upphandling`);
        await subscribe(page, javaScriptEnabled, svEmail, sv.Alerts.frequencyImmediate, sv.Alerts.submit);
        await expect(page.getByTestId("alert-done")).toHaveText(sv.Alerts.checkMail);

        // Nothing is stored confirmed, and nothing but the confirmation is sent, before the button is pressed.
        const daConfirm = await mailTo(daEmail, /^Bekræft/);
        const svConfirm = await mailTo(svEmail, /^Bekräfta/);
        expect(daConfirm.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);

        // The link only opens a page with a button (mail scanners follow links); the button confirms.
        await page.goto(linkIn(daConfirm.mail.text ?? "", /http\S+\/da\/besked-om-nyt\/bekraeft\?token=\S+/));
        await expect(page.getByTestId("alert-list")).toHaveText(topic.da);
        await expectNoViolations(page, javaScriptEnabled);
        const pending = await sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM "Alert" WHERE email = $1 AND "confirmedAt" IS NULL`,
          [daEmail],
        );
        expect(pending[0]!.n).toBe(1);
        await page.getByRole("button", { name: da.Alerts.confirm.button }).click();
        await expect(page.getByTestId("alert-confirmed")).toHaveText(da.Alerts.confirm.done);
        await expectNoViolations(page, javaScriptEnabled);

        await page.goto(linkIn(svConfirm.mail.text ?? "", /http\S+\/sv\/bevakning\/bekrafta\?token=\S+/));
        await expect(page.getByTestId("alert-list")).toHaveText(`Sökning: ”upphandling”`);
        await page.getByRole("button", { name: sv.Alerts.confirm.button }).click();
        await expect(page.getByTestId("alert-confirmed")).toHaveText(sv.Alerts.confirm.done);

        // An item is published in the topic, in Swedish, with the searched word.
        const title = `Social upphandling E2E ${tag}`;
        itemId = randomUUID();
        await sql(
          `INSERT INTO "Item" ("id", "contentKey", "type", "locale", "slug", "status", "publishedAt", "title", "summary", "updatedAt")
           VALUES ($1, $2, 'article', 'sv', $3, 'published', now(), $4, 'Om upphandling med sociala hänsyn.', now())`,
          [itemId, `sv/article/e2e-${tag}`, `e2e-${tag}`, title],
        );
        await sql(`INSERT INTO "ItemTopic" ("itemId", "topicId") SELECT $1, id FROM "Topic" WHERE slug = $2`, [
          itemId,
          topic.slug,
        ]);
        await run("alerts:send");
        const daDigest = await mailTo(daEmail, /^Nyt i/);
        expect(daDigest.mail.text).toContain(`- ${title} [på svensk]`);
        const svDigest = await mailTo(svEmail, /^Nytt i/);
        expect(svDigest.mail.text).toContain(`- ${title} [på svenska]`);
        // Exactly once: another run sends nothing more.
        await run("alerts:send");
        await run("mail:send");
        expect(smtp.received.filter((m) => m.to.includes(daEmail))).toHaveLength(2);

        // The manage page, reached by the signed link, lists the alert.
        await page.goto(linkIn(daDigest.mail.text ?? "", /http\S+\/da\/besked-om-nyt\/dine-beskeder\?token=\S+/));
        await expect(page.getByTestId("alert-entry")).toHaveCount(1);
        await expect(page.getByTestId("alert-entry")).toContainText(topic.da);
        await expectNoViolations(page, javaScriptEnabled);

        // One click, as a mail program does it (RFC 8058): a POST to the List-Unsubscribe address.
        const header = /^List-Unsubscribe:\s+<([^>]+)>$/m.exec(daDigest.raw.replace(/\r?\n\s+/g, " "));
        expect(header).not.toBeNull();
        const oneClick = await request.post(new URL(header![1]!).pathname + new URL(header![1]!).search, {
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          data: "List-Unsubscribe=One-Click",
        });
        expect(oneClick.status()).toBe(200);
        expect(await sql(`SELECT 1 FROM "Alert" WHERE email = $1`, [daEmail])).toHaveLength(0);

        // The Swedish one through the link in the mail: a page with a button.
        await page.goto(linkIn(svDigest.mail.text ?? "", /http\S+\/api\/alerts\/unsubscribe\?\S+/));
        await expect(page).toHaveURL(/\/sv\/bevakning\/avsluta\?token=/);
        await expectNoViolations(page, javaScriptEnabled);
        expect(await sql(`SELECT 1 FROM "Alert" WHERE email = $1`, [svEmail])).toHaveLength(1);
        await page.getByRole("button", { name: sv.Alerts.unsubscribe.button }).click();
        await expect(page.getByTestId("alert-unsubscribed")).toHaveText(sv.Alerts.unsubscribe.done);
        await expectNoViolations(page, javaScriptEnabled);
        expect(await sql(`SELECT 1 FROM "Alert" WHERE email = $1`, [svEmail])).toHaveLength(0);
      } finally {
        if (itemId) await sql(`DELETE FROM "Item" WHERE id = $1`, [itemId]);
        await sql(`DELETE FROM "Alert" WHERE email IN ($1, $2, $3)`, [daEmail, svEmail, listEmail]);
        await context.close();
      }
    });
  }

  test("an admin sees how many confirmed alerts follow each topic and type, never who", async ({ browser }) => {
    const tag = randomUUID().slice(0, 8);
    const emails = [`e2e-count-a-${tag}@example.org`, `e2e-count-b-${tag}@example.org`];
    const before = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Alert" WHERE query = $1 AND "confirmedAt" IS NOT NULL`,
      [`topic=${topic.slug}&type=project`],
    );
    for (const email of emails) {
      await sql(
        `INSERT INTO "Alert" ("id", "email", "locale", "query", "frequency", "confirmedAt", "sentUpTo")
         VALUES ($1, $2, 'da', $3, 'weekly', now(), now())`,
        [randomUUID(), email, `topic=${topic.slug}&type=project`],
      );
    }
    const admin = `${uniqueName("alerts-admin")}@example.org`;
    await createStaff(admin, "admin");
    const page = await staffSession(browser, admin);
    try {
      await page.getByRole("link", { name: da.Admin.nav.alerts }).click();
      await expect(page).toHaveURL(/\/da\/admin\/alerts$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(da.Admin.alerts.title);
      const row = page
        .getByTestId("alert-counts")
        .getByRole("row")
        .filter({ hasText: topic.da })
        .filter({ hasText: da.Sections.project.title });
      await expect(row.getByRole("cell").last()).toHaveText(String(before[0]!.n + 2));
      await expect(page.locator("main")).not.toContainText("@example.org");
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await sql(`DELETE FROM "Alert" WHERE email = ANY($1)`, [emails]);
      await page.context().close();
    }
  });
});
