// The admin in a real browser against the app's database: login, lockout without account enumeration,
// guarded paths, draft → preview → publish → edit → restore, the edit conflict, inert payloads.
import { execFileSync } from "node:child_process";
import { expect, test, type Browser, type Page } from "@playwright/test";
import da from "../../messages/da.json" with { type: "json" };

const password = "a perfectly long passphrase 42";
const run = (n: string) => `${n}-${process.pid}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

// Create a staff account through the documented command, against the same database as the site
function createStaff(email: string, role: "admin" | "editor") {
  execFileSync("npm", ["run", "-s", "admin:create", "--", "--email", email, "--name", `Test ${role}`, "--role", role], {
    env: { ...process.env, EMBEDDED_DB_DIR: ".data/e2e-pglite", ADMIN_PASSWORD: password },
    stdio: "pipe",
  });
}

let clients = 0;
async function asNewClient(page: Page) {
  clients += 1;
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.77.${process.pid % 250}.${clients % 250}` });
}

async function login(page: Page, email: string, pass = password, locale = "da") {
  await page.goto(`/${locale}/admin/login`);
  await page.getByLabel(locale === "da" ? "E-mail" : "E-post").fill(email);
  await page.getByLabel(locale === "da" ? "Adgangskode" : "Lösenord").fill(pass);
  await page.getByRole("button", { name: locale === "da" ? "Log ind" : "Logga in" }).click();
}

async function newSession(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await asNewClient(page);
  await login(page, email);
  await expect(page).toHaveURL(/\/da\/admin$/);
  return page;
}

test.describe("admin", () => {
  // Creating accounts runs the admin:create command (a few seconds each on a busy machine).
  test.describe.configure({ timeout: 120_000 });
  test("admin paths with changed case, trailing slashes and encoded characters never show admin pages to anonymous visitors", async ({
    page,
  }) => {
    for (const path of [
      "/da/admin",
      "/da/admin/",
      "/da/ADMIN",
      "/da/Admin/items",
      "/da/%61dmin/items",
      "/da/admin%2Fitems",
      "/sv/admin/items/new",
      "/da/admin//items",
      "/da/admin/items/new/",
      "/da/admin/staff",
      "/DA/admin",
    ]) {
      const response = await page.goto(path);
      const url = new URL(page.url());
      const atLogin = /^\/(da|sv)\/admin\/login$/.test(url.pathname);
      expect(atLogin || response?.status() === 404, `${path} → ${url.pathname} (${response?.status()})`).toBe(true);
      await expect(page.getByTestId("item-editor")).toHaveCount(0);
      await expect(page.getByRole("link", { name: da.Admin.nav.items, exact: true })).toHaveCount(0);
    }
    // Posting to an admin page without a session changes nothing and shows nothing.
    const post = await page.request.post("/da/admin/items/new", { form: { title: "x" }, maxRedirects: 0 });
    expect(post.status()).not.toBe(200);
  });

  test("after 5 wrong passwords the account is locked, and the answers are the same for an address without an account", async ({
    page,
  }) => {
    await asNewClient(page);
    const email = `${run("lock")}@example.org`;
    createStaff(email, "editor");
    const ghost = `${run("ghost")}@example.org`;
    const answers: { real: string[]; ghost: string[] } = { real: [], ghost: [] };
    for (let i = 0; i < 5; i++) {
      for (const [who, address] of [
        ["real", email],
        ["ghost", ghost],
      ] as const) {
        await login(page, address, "wrong password number " + i);
        answers[who].push((await page.getByTestId("login-error").textContent()) ?? "");
      }
    }
    expect(answers.real).toEqual(answers.ghost);
    expect(answers.real[0]).toBe(da.Admin.login.invalid);
    expect(answers.real[4]).toContain("10 minutter");
    // The right password no longer opens the locked account.
    await login(page, email, password);
    await expect(page.getByTestId("login-error")).toContainText("minutter");
    await expect(page).toHaveURL(/\/admin\/login$/);
  });

  test("an editor cannot manage staff; an admin can", async ({ browser }) => {
    const editor = `${run("ed")}@example.org`;
    const admin = `${run("ad")}@example.org`;
    createStaff(editor, "editor");
    createStaff(admin, "admin");
    const asEditor = await newSession(browser, editor);
    const response = await asEditor.goto("/da/admin/staff");
    expect(response?.status()).toBe(404);
    await expect(asEditor.getByRole("link", { name: da.Admin.nav.staff, exact: true })).toHaveCount(0);
    const asAdmin = await newSession(browser, admin);
    const ok = await asAdmin.goto("/da/admin/staff");
    expect(ok?.status()).toBe(200);
    await expect(asAdmin.getByRole("heading", { level: 1 })).toHaveText(da.Admin.staff.title);
  });

  test("draft → preview → publish → edit → restore, with script payloads inert", async ({ browser }) => {
    const email = `${run("flow")}@example.org`;
    createStaff(email, "editor");
    const page = await newSession(browser, email);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const marker = run("titel").replace(/-/g, " ");
    const title = `Prøve ${marker} <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;
    await page.goto("/da/admin/items/new");
    await page.getByLabel(da.Admin.editor.title, { exact: true }).fill(title);
    await page.getByLabel(da.Admin.editor.summary).fill("Et resumé");
    await page
      .getByLabel(da.Admin.editor.body)
      .fill(
        `## Mellemrubrik\n\nFørste tekst.\n\n<script>window.__pwned=3</script><img src=x onerror="window.__pwned=4">`,
      );
    // The live preview comes from the public renderer: Markdown becomes HTML, raw HTML is dropped.
    await expect(page.getByTestId("preview").locator("h2")).toHaveText("Mellemrubrik");
    await expect(page.getByTestId("preview").locator("script, img")).toHaveCount(0);
    await expect(page.getByTestId("unsaved")).toBeVisible();
    await page.getByRole("button", { name: da.Admin.editor.saveDraft, exact: true }).click();
    await expect(page).toHaveURL(/\/da\/admin\/items\/[0-9a-f-]{36}\?created=1$/);
    const editUrl = page.url().replace(/\?.*$/, "");
    const slug = await page.getByLabel(da.Admin.editor.slug).inputValue();
    expect(slug).toMatch(/^proeve-/);
    const publicPath = `/da/artikler/${slug}`;

    // A draft is not public, nor searchable.
    const anonymous = await browser.newPage();
    expect((await anonymous.goto(publicPath))?.status()).toBe(404);
    const searchPath = `/da/soeg?q=${encodeURIComponent(marker)}`;
    expect(await (await anonymous.request.get(searchPath)).text()).not.toContain(publicPath);

    await page.getByRole("button", { name: da.Admin.editor.publish, exact: true }).click();
    await expect(page.getByTestId("notice")).toContainText("2");
    // Public within 2 seconds of the publish.
    await expect
      .poll(async () => (await anonymous.request.get(publicPath)).status(), { timeout: 2_000, intervals: [200] })
      .toBe(200);
    await anonymous.goto(publicPath);
    await expect(anonymous.getByRole("heading", { level: 1 })).toContainText(marker);
    await expect(anonymous.getByRole("heading", { level: 1 })).toContainText("<script>");
    expect(await anonymous.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(anonymous.locator("main img[src=x], main script:not([type='application/ld+json'])")).toHaveCount(0);
    const sitemap = await (await anonymous.request.get("/sitemap.xml")).text();
    expect(sitemap).toContain(slug);
    // And searchable at once.
    await expect
      .poll(async () => (await anonymous.request.get(searchPath)).text(), { timeout: 2_000, intervals: [200] })
      .toContain(publicPath);

    // Edit, then restore the first version.
    await page.goto(editUrl);
    await page.getByLabel(da.Admin.editor.body).fill("## Ny rubrik\n\nAnden tekst.");
    await page.getByRole("button", { name: da.Admin.editor.saveDraft, exact: true }).click();
    await expect(page.getByTestId("notice")).toContainText("3");
    await expect
      .poll(async () => (await anonymous.request.get(publicPath)).text(), { timeout: 2_000, intervals: [200] })
      .toContain("Anden tekst");
    await page.goto(`${editUrl}/history`);
    const revisions = page.getByTestId("revision");
    await expect(revisions).toHaveCount(3);
    await expect(revisions.first()).toContainText("Test editor");
    await revisions.last().getByRole("button", { name: da.Admin.history.restore }).click();
    await expect(page.getByTestId("notice")).toContainText("4");
    await expect(page.getByTestId("revision")).toHaveCount(4);
    await page.goto(editUrl);
    await expect(page.getByLabel(da.Admin.editor.body)).toHaveValue(/Første tekst/);
    await expect
      .poll(async () => (await anonymous.request.get(publicPath)).text(), { timeout: 2_000, intervals: [200] })
      .toContain("Første tekst");
    // The admin shows the payload as text, too.
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // Archived, the item leaves the public site again.
    await page.getByRole("button", { name: da.Admin.editor.archive }).click();
    await expect(page.getByTestId("notice")).toBeVisible();
    await expect
      .poll(async () => (await anonymous.request.get(publicPath)).status(), { timeout: 2_000, intervals: [200] })
      .toBe(404);
  });

  test("when two people edit the same item, the later save is refused and its text is kept", async ({ browser }) => {
    const first = `${run("c1")}@example.org`;
    const second = `${run("c2")}@example.org`;
    createStaff(first, "editor");
    createStaff(second, "editor");
    const a = await newSession(browser, first);
    await a.goto("/da/admin/items/new");
    await a.getByLabel(da.Admin.editor.title, { exact: true }).fill(`Konflikt ${run("k")}`);
    await a.getByLabel(da.Admin.editor.summary).fill("Resumé");
    await a.getByLabel(da.Admin.editor.body).fill("Oprindelig tekst.");
    await a.getByRole("button", { name: da.Admin.editor.saveDraft, exact: true }).click();
    await expect(a).toHaveURL(/created=1/);
    const url = a.url().replace(/\?.*$/, "");

    const b = await newSession(browser, second);
    await b.goto(url);
    await a.goto(url);
    await a.getByLabel(da.Admin.editor.body).fill("A's tekst.");
    await a.getByRole("button", { name: da.Admin.editor.saveDraft, exact: true }).click();
    await expect(a.getByTestId("notice")).toBeVisible();

    await b.getByLabel(da.Admin.editor.body).fill("B's længere tekst, som ikke må gå tabt.");
    await b.getByRole("button", { name: da.Admin.editor.saveDraft, exact: true }).click();
    await expect(b.getByTestId("conflict")).toContainText(da.Admin.editor.conflictTitle);
    await expect(b.getByTestId("conflict-theirs")).toContainText("A's tekst.");
    await expect(b.getByLabel(da.Admin.editor.body)).toHaveValue("B's længere tekst, som ikke må gå tabt.");
    // After merging, saving again is accepted.
    await b.getByLabel(da.Admin.editor.body).fill("A's tekst. B's længere tekst, som ikke må gå tabt.");
    await b.getByRole("button", { name: da.Admin.editor.saveDraft, exact: true }).click();
    await expect(b.getByTestId("notice")).toBeVisible();
    await a.goto(`${url}/history`);
    await expect(a.getByTestId("revision")).toHaveCount(3);
  });

  test("leaving the editor with unsaved changes asks first", async ({ browser }) => {
    const email = `${run("leave")}@example.org`;
    createStaff(email, "editor");
    const page = await newSession(browser, email);
    await page.goto("/da/admin/items/new");
    await page.getByLabel(da.Admin.editor.title, { exact: true }).fill("Ikke gemt");
    let asked = "";
    page.once("dialog", (d) => {
      asked = d.type();
      void d.dismiss();
    });
    await page.getByRole("link", { name: da.Admin.nav.items, exact: true }).click();
    expect(asked).toBe("confirm");
    await expect(page).toHaveURL(/\/items\/new$/);
    await expect(page.getByLabel(da.Admin.editor.title, { exact: true })).toHaveValue("Ikke gemt");
  });

  test("a PDF upload is stored and served with its type and size; a renamed non-PDF is refused", async ({
    browser,
  }) => {
    const email = `${run("pdf")}@example.org`;
    createStaff(email, "editor");
    const page = await newSession(browser, email);
    await page.goto("/da/admin/items/new");
    await page.getByLabel(da.Admin.editor.title, { exact: true }).fill(`Med bilag ${run("b")}`);
    await page.getByLabel(da.Admin.editor.summary).fill("Resumé");
    await page.getByRole("button", { name: da.Admin.editor.publish, exact: true }).click();
    await expect(page).toHaveURL(/created=1/);
    const slug = await page.getByLabel(da.Admin.editor.slug).inputValue();

    // An HTML page renamed to .pdf and sent as application/pdf.
    await page.getByLabel(da.Admin.editor.uploadFile).setInputFiles({
      name: "rapport.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("<html><script>alert(1)</script></html>"),
    });
    await page.getByRole("button", { name: da.Admin.editor.uploadSubmit }).click();
    await expect(page.getByTestId("upload-result")).toHaveText(da.Admin.editor.uploadNotPdf);
    await expect(page.getByTestId("attachment")).toHaveCount(0);

    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(300_000, 32), Buffer.from("\n%%EOF\n")]);
    await page.getByLabel(da.Admin.editor.uploadTitle).fill("Årsrapport");
    await page
      .getByLabel(da.Admin.editor.uploadFile)
      .setInputFiles({ name: "Årsrapport 2025.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.getByRole("button", { name: da.Admin.editor.uploadSubmit }).click();
    await expect(page.getByTestId("upload-result")).toHaveText(da.Admin.editor.uploaded);
    await expect(page.getByTestId("attachment")).toHaveCount(1);

    const visitor = await browser.newPage();
    await expect
      .poll(async () => (await visitor.request.get(`/da/artikler/${slug}`)).text(), {
        timeout: 2_000,
        intervals: [200],
      })
      .toContain("Årsrapport");
    await visitor.goto(`/da/artikler/${slug}`);
    const link = visitor.getByRole("link", { name: "Årsrapport" });
    await expect(link.locator("..")).toContainText("0,3");
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/files\/[0-9a-f-]{36}\.pdf$/);
    const file = await visitor.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toBe("application/pdf");
    expect(file.headers()["content-disposition"]).toContain("filename*=UTF-8''Arsrapport-2025.pdf");
    expect((await file.body()).equals(pdf)).toBe(true);
    await page.getByRole("button", { name: da.Admin.editor.archive }).click();
    await expect(page.getByTestId("notice")).toBeVisible();
    // The file of an item that is no longer public is no longer served.
    await expect
      .poll(async () => (await visitor.request.get(href!)).status(), { timeout: 2_000, intervals: [200] })
      .toBe(404);
  });

  test("security headers are on pages, admin pages, files, feeds and 404s", async ({ request }) => {
    for (const path of [
      "/da",
      "/sv/sok",
      "/da/admin/login",
      "/da/admin",
      "/sitemap.xml",
      "/files/none.pdf",
      "/da/findes-ikke",
      // Redirects: Next's trailing slash, another spelling of a page, locale negotiation
      "/da/",
      "/sv/artikler",
      "/",
    ]) {
      const response = await request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      const csp = headers["content-security-policy"] ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(headers["permissions-policy"], path).toContain("camera=()");
      // npm start runs the production build.
      expect(headers["strict-transport-security"], path).toContain("max-age=");
    }
  });
});
