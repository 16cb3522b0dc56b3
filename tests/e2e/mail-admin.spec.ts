// The admin's mail page in a real browser, without JavaScript: a given-up e-mail is counted on the start
// page, listed with its error, and "Send again" puts it back in the queue; both languages.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import pg from "pg";
import da from "../../messages/da.json" with { type: "json" };
import sv from "../../messages/sv.json" with { type: "json" };
import { openDatabase } from "../../lib/database/runtime";

const password = "a perfectly long passphrase 42";
// Run SQL in the site's database: DATABASE_URL, or the embedded one the site serves (reached through its owner)
async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  process.env.EMBEDDED_DB_DIR ??= ".data/e2e-pglite";
  const database = await openDatabase({ share: false, waitMs: 10_000 });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
    await database.close();
  }
}

// Store a question whose e-mail the mail server refused for good
async function storeGivenUpMail(subject: string): Promise<{ messageId: string; mailId: string }> {
  return withDatabase(async (client) => {
    const messageId = randomUUID();
    const mailId = randomUUID();
    const reference = `E2E-${randomUUID().slice(0, 8)}`;
    await client.query(
      `INSERT INTO "ContactMessage" ("id", "reference", "submissionKey", "locale", "name", "email", "subject", "message", "updatedAt")
       VALUES ($1, $2, $2, 'da', 'Mette Hansen', 'mette@kommune.example', $3, 'Besked', now())`,
      [messageId, reference, subject],
    );
    await client.query(
      `INSERT INTO "MailOutbox" ("id", "contactMessageId", "toAddress", "subject", "textBody", "messageId", "attempts",
         "failedAt", "lastError")
       VALUES ($1, $2, 'adviser@example.org', $3, 'Besked', $4, 2, now(), '550 5.1.1 Mailbox unavailable')`,
      [mailId, messageId, subject, `<${reference}@e2e.example>`],
    );
    return { messageId, mailId };
  });
}

async function deleteMessage(id: string) {
  await withDatabase((client) => client.query(`DELETE FROM "ContactMessage" WHERE "id" = $1`, [id]));
}

test.describe("the admin's mail page", () => {
  test.describe.configure({ timeout: 120_000 });

  test("without JavaScript, an admin sees a given-up e-mail counted and listed, and sends it again", async ({
    browser,
  }) => {
    const email = `mail-admin-${process.pid}-${Date.now()}@example.org`;
    execFileSync(
      "npm",
      ["run", "-s", "admin:create", "--", "--email", email, "--name", "Mail Admin", "--role", "admin"],
      {
        env: { ...process.env, EMBEDDED_DB_DIR: ".data/e2e-pglite", ADMIN_PASSWORD: password },
        stdio: "pipe",
      },
    );
    const subject = `Afvist e-mail ${randomUUID().slice(0, 8)}`;
    const { messageId } = await storeGivenUpMail(subject);
    try {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.78.${process.pid % 250}.9` });
      await page.goto("/da/admin/login");
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Adgangskode").fill(password);
      await page.getByRole("button", { name: "Log ind" }).click();
      // Admins enrol a second factor at their first login: the code is computed from the secret the page shows.
      await expect(page).toHaveURL(/\/da\/admin\/login\/enrol$/);
      const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
      const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
      await page.getByLabel(da.Admin.enrol.code).fill(totp.generate());
      await page.getByRole("button", { name: da.Admin.enrol.submit }).click();
      await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
      await page.getByRole("link", { name: da.Admin.enrol.continue }).click();
      await expect(page).toHaveURL(/\/da\/admin$/);

      const count = page.getByTestId("failed-mail-count");
      // "e-mail ikke sendt" / "e-mails ikke sendt"
      await expect(count).toContainText(/ikke sendt/);
      expect(Number((await count.locator("span").first().textContent()) ?? 0)).toBeGreaterThanOrEqual(1);
      await count.getByRole("link").click();
      await expect(page).toHaveURL(/\/da\/admin\/mail$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(da.Admin.mail.title);

      const failed = page.getByTestId("failed-mail").filter({ hasText: subject });
      await expect(failed).toContainText("550 5.1.1 Mailbox unavailable");
      await expect(failed).toContainText("adviser@example.org");
      await failed.getByRole("button", { name: da.Admin.mail.resend }).click();
      await expect(page.getByTestId("notice")).toHaveText(da.Admin.mail.resent);
      await expect(page.getByTestId("failed-mail").filter({ hasText: subject })).toHaveCount(0);
      // Without SMTP_URL the site sends nothing: the e-mail waits in the queue with fresh attempts.
      await expect(page.getByTestId("waiting-mail").filter({ hasText: subject })).toContainText("0");

      await page.goto("/sv/admin/mail");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(sv.Admin.mail.title);
      await expect(page.getByTestId("waiting-mail").filter({ hasText: subject })).toHaveCount(1);
      await context.close();
    } finally {
      await deleteMessage(messageId);
    }
  });
});
