// The editing desk in Chromium, by keyboard, in both interface languages: the dashboard lists an owner's item whose
// review is overdue, "mark as reviewed" moves its date on (revision, public page), and the plain-language panel
// scores the text as it is typed, marks the sentence to shorten and the vague links. axe finds nothing on the pages.
import { execFileSync } from "node:child_process";
import { axeViolations } from "../helpers/axe";
import pg from "pg";
import { Secret, TOTP } from "otpauth";
import { expect, test, type Page } from "@playwright/test";
import da from "../../messages/da.json" with { type: "json" };
import sv from "../../messages/sv.json" with { type: "json" };
import { openDatabase } from "../../lib/database/runtime";

const password = "a perfectly long passphrase 42";
const texts = { da: da.Admin, sv: sv.Admin };

// Run SQL in the database of the site Playwright started (through its owner), as the test's own setup
async function sql(query: string, values: unknown[] = []) {
  process.env.EMBEDDED_DB_DIR ??= ".data/e2e-pglite";
  const database = await openDatabase({ share: false, waitMs: 10_000 });
  const client = new pg.Client(database.url);
  await client.connect();
  try {
    return (await client.query(query, values)).rows;
  } finally {
    await client.end();
    await database.close();
  }
}

// Log in as a new admin, enrolling the second factor from the secret the page shows
async function loginAsNewAdmin(page: Page, locale: "da" | "sv"): Promise<string> {
  const email = `desk-${locale}-${process.pid}-${Date.now()}@example.org`;
  execFileSync(
    "npm",
    ["run", "-s", "admin:create", "--", "--email", email, "--name", `Desk ${locale}`, "--role", "admin"],
    {
      env: { ...process.env, EMBEDDED_DB_DIR: ".data/e2e-pglite", ADMIN_PASSWORD: password },
      stdio: "pipe",
    },
  );
  const t = texts[locale];
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.88.${process.pid % 250}.${locale === "da" ? 1 : 2}` });
  await page.goto(`/${locale}/admin/login`);
  await page.getByLabel(locale === "da" ? "E-mail" : "E-post").fill(email);
  await page.getByLabel(locale === "da" ? "Adgangskode" : "Lösenord").fill(password);
  await page.getByLabel(locale === "da" ? "Adgangskode" : "Lösenord").press("Enter");
  await page.waitForURL(/\/login\/enrol$/);
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });
  await page.getByLabel(t.enrol.code).fill(totp.generate());
  await page.getByLabel(t.enrol.code).press("Enter");
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  await page.getByRole("link", { name: t.enrol.continue }).press("Enter");
  await page.waitForURL(new RegExp(`/${locale}/admin$`));
  return email;
}

async function expectNoAxeViolations(page: Page) {
  expect(await axeViolations(page), page.url()).toEqual([]);
}

test.describe("editing desk", () => {
  // One after the other: the embedded database serves one statement at a time, and the tests' own SQL must not meet
  // the other test's requests.
  test.describe.configure({ timeout: 180_000, mode: "serial" });

  for (const locale of ["da", "sv"] as const) {
    test(`${locale}: an overdue review on the dashboard, marked as reviewed by keyboard, and the plain-language panel`, async ({
      page,
    }) => {
      const t = texts[locale];
      const email = await loginAsNewAdmin(page, locale);
      // One published item of the reader's language becomes this admin's, last reviewed 13 months ago.
      const [item] = await sql(
        `UPDATE "Item" SET "ownerId" = (SELECT id FROM "StaffUser" WHERE email = $1),
           "reviewedAt" = now() - interval '13 months'
         WHERE id = (SELECT id FROM "Item" WHERE status = 'published' AND locale = $2 AND type = 'article'
                     AND "publishedAt" <= now() ORDER BY "contentKey" LIMIT 1)
         RETURNING id, title, slug`,
        [email, locale],
      );
      expect(item, "a published article to own").toBeTruthy();

      await page.reload();
      const reviews = page.getByTestId("attention-reviews");
      await expect(reviews.getByRole("heading", { name: new RegExp(t.dashboard.reviewsTitle) })).toBeVisible();
      const entry = reviews.locator('li[data-review-state="overdue"]', { hasText: item.title });
      await expect(entry).toContainText(t.review.state.overdue);
      await expect(page.getByTestId("attention-calendar").getByRole("table")).toBeVisible();
      await expectNoAxeViolations(page);

      // From the dashboard to the item's review panel, then "mark as reviewed", all by keyboard.
      await entry.getByRole("link", { name: item.title }).focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(new RegExp(`/admin/items/${item.id}`));
      const panel = page.getByTestId("review");
      await expect(panel.getByTestId("review-due")).toContainText(t.review.state.overdue);
      await expectNoAxeViolations(page);
      await panel.getByRole("button", { name: t.review.markReviewed }).focus();
      await page.keyboard.press("Enter");
      await expect(panel.getByTestId("reviewed-notice")).toHaveText(t.review.markedReviewed);
      await expect(panel.getByTestId("review-due")).toContainText(t.review.state.ok);
      const today = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "da-DK", {
        dateStyle: "long",
        timeZone: "Europe/Copenhagen",
      }).format(new Date());
      await expect(panel.getByTestId("review-last")).toHaveText(today);

      // The revision and the audit entry, and the item is off the owner's list.
      await page.goto(`/${locale}/admin/items/${item.id}/history`);
      await expect(page.getByText(t.history.actions.review).first()).toBeVisible();
      await page.goto(`/${locale}/admin/audit`);
      await expect(page.getByRole("row").filter({ hasText: "item.review" }).filter({ hasText: email })).toHaveCount(1);
      await page.goto(`/${locale}/admin`);
      await expect(page.getByTestId("attention-reviews").getByText(item.title)).toHaveCount(0);

      // The public page names the review date.
      const publicPage = await page.request.get(`/${locale}/${locale === "da" ? "artikler" : "artiklar"}/${item.slug}`);
      expect(publicPage.status()).toBe(200);
      expect(await publicPage.text()).toContain(locale === "da" ? "Senest gennemgået" : "Senast granskad");

      // The plain-language panel follows the text as it is typed.
      await page.goto(`/${locale}/admin/items/${item.id}`);
      const body = page.getByLabel(t.editor.body, { exact: true });
      await body.focus();
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.press("Delete");
      const long = Array.from({ length: 30 }, () => "ord").join(" ");
      const vague = locale === "da" ? "[Klik her](https://example.org/a)" : "[Läs mer](https://example.org/a)";
      // 7 words, 2 sentences, 4 long words: LIX 3.5 + 57.1 = 60.6 (Danish); the Swedish words are counted the same.
      const sample =
        locale === "da"
          ? "Kommunen køber ind. Virksomheden ansætter ledige borgere."
          : "Kommunen köper in. Företagen anställer unga invånare.";
      await page.keyboard.insertText(sample);
      const plain = page.getByTestId("plain-language");
      await expect(plain.getByTestId("word-count")).toHaveText("7");
      await expect(plain.getByTestId("lix-value")).toHaveText("60,6");
      await expect(plain.getByTestId("lix-band")).toHaveText(
        locale === "da" ? da.Admin.plainLanguage.bands.veryHard : sv.Admin.plainLanguage.bands.veryHard,
      );
      await page.keyboard.insertText(`\n\n${long.replace(/^o/, "O")}. ${vague}\n\n#### Detalje`);
      await expect(plain.getByTestId("long-sentences").locator("li")).toHaveCount(1);
      await expect(plain.getByTestId("link-issues")).toContainText(locale === "da" ? "Klik her" : "Läs mer");
      await expect(plain.getByTestId("heading-issues")).toContainText("Detalje");
      await plain.getByText(t.plainLanguage.showMarked).click();
      await expect(plain.getByTestId("marked-text").locator("mark")).toHaveCount(1);
      await expectNoAxeViolations(page);

      // The item list shows the LIX column and flags by review state (the typed text is left unsaved).
      page.on("dialog", (dialog) => void dialog.accept());
      await page.goto(`/${locale}/admin/items?review=overdue`);
      await expect(page.getByRole("columnheader", { name: t.plainLanguage.lix })).toBeVisible();
      await expect(page.getByRole("link", { name: item.title, exact: true })).toHaveCount(0);
      await expectNoAxeViolations(page);
    });
  }
});
