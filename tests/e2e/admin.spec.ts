// The admin in a real browser against the app's database: login with password and second factor (codes
// computed here from the secret the enrolment page shows, with and without JavaScript), throttling without
// account enumeration, guarded paths, draft → preview → publish → edit → restore, the edit conflict, inert
// payloads.
import { execFileSync } from "node:child_process";
import { Secret, TOTP } from "otpauth";
import { expect, test, type Browser, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import da from "../../messages/da.json" with { type: "json" };
import sv from "../../messages/sv.json" with { type: "json" };
import { loadCatalogue } from "../../lib/content/load";

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
// Another client: the test plays the trusted proxy (TRUSTED_PROXIES in playwright.config.ts) and names the client
async function asNewClient(page: Page) {
  clients += 1;
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.77.${process.pid % 250}.${clients % 250}` });
}

async function submitLogin(page: Page, email: string, pass = password, locale = "da") {
  await page.goto(`/${locale}/admin/login`);
  await page.getByLabel(locale === "da" ? "E-mail" : "E-post").fill(email);
  await page.getByLabel(locale === "da" ? "Adgangskode" : "Lösenord").fill(pass);
  await page.getByRole("button", { name: locale === "da" ? "Log ind" : "Logga in" }).click();
}

// The enrolled second factor of each account: its secret and the last time step used (a code counts once)
const factors = new Map<string, { secret: string; lastStep: number }>();

// The next code an authenticator app would show for the account, waiting for a fresh time step if needed
async function nextCode(email: string): Promise<string> {
  const factor = factors.get(email)!;
  const totp = new TOTP({ secret: Secret.fromBase32(factor.secret), algorithm: "SHA1", digits: 6, period: 30 });
  let step = Math.floor(Date.now() / 30_000);
  // One step ahead is accepted too; beyond that, wait for the clock.
  while (step + 1 <= factor.lastStep) {
    await new Promise((r) => setTimeout(r, 1000));
    step = Math.floor(Date.now() / 30_000);
  }
  const use = Math.max(step, factor.lastStep + 1);
  factor.lastStep = use;
  return totp.generate({ timestamp: use * 30_000 });
}

// After the password: enrol the second factor from the secret shown in text, or type the next code
async function secondStep(page: Page, email: string, locale = "da") {
  const t = locale === "da" ? da.Admin : sv.Admin;
  await page.waitForURL(/\/admin(\/login\/(enrol|code))?$/);
  if (page.url().endsWith("/login/enrol")) {
    const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
    factors.set(email, { secret, lastStep: 0 });
    await page.getByLabel(t.enrol.code).fill(await nextCode(email));
    await page.getByRole("button", { name: t.enrol.submit }).click();
    await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
    await page.getByRole("link", { name: t.enrol.continue }).click();
  } else if (page.url().endsWith("/login/code")) {
    await page.getByLabel(t.secondFactor.code).fill(await nextCode(email));
    await page.getByRole("button", { name: t.secondFactor.submit }).click();
  }
}

async function login(page: Page, email: string, pass = password, locale = "da") {
  await submitLogin(page, email, pass, locale);
  if (pass === password) await secondStep(page, email, locale);
}

async function newSession(browser: Browser, email: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await asNewClient(page);
  await login(page, email);
  await expect(page).toHaveURL(/\/da\/admin$/);
  return page;
}

test.describe("admin", () => {
  // Creating accounts runs the admin:create command (a few seconds each on a busy machine), and each login
  // enrols or types a second-factor code.
  test.describe.configure({ timeout: 180_000 });
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

  test("after 5 wrong passwords a client must wait, the answers are the same for an address without an account, and the owner elsewhere still gets in", async ({
    page,
    browser,
  }) => {
    await asNewClient(page);
    const email = `${run("lock")}@example.org`;
    createStaff(email, "editor");
    const ghost = `${run("ghost")}@example.org`;
    const answers: { real: string[]; ghost: string[] } = { real: [], ghost: [] };
    for (let i = 0; i < 6; i++) {
      for (const [who, address] of [
        ["real", email],
        ["ghost", ghost],
      ] as const) {
        await submitLogin(page, address, "wrong password number " + i);
        answers[who].push((await page.getByTestId("login-error").textContent()) ?? "");
      }
    }
    expect(answers.real).toEqual(answers.ghost);
    expect(answers.real[0]).toBe(da.Admin.login.invalid);
    expect(answers.real[5]).toContain("15 minutter");
    // The right password from the guessing client waits too.
    await submitLogin(page, email, password);
    await expect(page.getByTestId("login-error")).toContainText("minutter");
    await expect(page).toHaveURL(/\/admin\/login$/);
    // The owner, from another address, is not held up.
    await newSession(browser, email);
  });

  test("an admin logs in with password and a TOTP code without JavaScript, enrolling first; a wrong code is refused", async ({
    browser,
  }) => {
    const email = `${run("nojs")}@example.org`;
    createStaff(email, "admin");
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await asNewClient(page);
    await submitLogin(page, email);
    await expect(page).toHaveURL(/\/da\/admin\/login\/enrol$/);
    // The QR code is inline SVG drawn by the server; nothing is fetched for it.
    await expect(page.getByTestId("totp-qr").locator("svg")).toHaveCount(1);
    await expect(page.getByTestId("totp-qr").locator("img")).toHaveCount(0);
    await secondStep(page, email);
    await expect(page).toHaveURL(/\/da\/admin$/);
    await expect(page.getByRole("button", { name: da.Admin.nav.logout })).toBeVisible();
    await page.getByRole("button", { name: da.Admin.nav.logout }).click();
    await expect(page).toHaveURL(/\/da\/admin\/login$/);

    await submitLogin(page, email);
    await expect(page).toHaveURL(/\/da\/admin\/login\/code$/);
    await page.getByLabel(da.Admin.secondFactor.code).fill("000000");
    await page.getByRole("button", { name: da.Admin.secondFactor.submit }).click();
    await expect(page.getByTestId("auth-error")).toHaveText(da.Admin.secondFactor.invalid);
    await expect(page).toHaveURL(/\/da\/admin\/login\/code$/);
    // The admin is not in yet.
    expect((await page.goto("/da/admin/items"))?.url()).toMatch(/\/da\/admin\/login$/);
    await submitLogin(page, email);
    await secondStep(page, email);
    await expect(page).toHaveURL(/\/da\/admin$/);
    const staff = await page.goto("/da/admin/staff");
    expect(staff?.status()).toBe(200);
    await context.close();
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

  test("draft → preview → publish → edit → restore → new slug, with script payloads inert", async ({ browser }) => {
    const email = `${run("flow")}@example.org`;
    createStaff(email, "editor");
    const page = await newSession(browser, email);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const marker = run("titel").replace(/-/g, " ");
    // A made-up word, for "did you mean" once the item is public
    const word = `fjordlys${Array.from({ length: 5 }, () => "bcdfghjklmnpqrstvwxz"[Math.floor(Math.random() * 20)]).join("")}`;
    const title = `Prøve ${marker} ${word} <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;
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
    // Its title's words are offered for a misspelt search.
    const typo = word.slice(0, 4) + word.slice(5);
    await expect
      .poll(async () => (await anonymous.request.get(`/da/soeg?q=${typo}`)).text(), {
        timeout: 3_000,
        intervals: [250],
      })
      .toMatch(new RegExp(`data-testid="did-you-mean"[^]*${word}`));

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
    // A new slug: the old address leads to the new one, permanently, in both interfaces.
    const renamed = `${slug}-ny`;
    await page.getByLabel(da.Admin.editor.slug).fill(renamed);
    await page.getByRole("button", { name: da.Admin.editor.saveDraft, exact: true }).click();
    await expect(page.getByTestId("notice")).toContainText("5");
    const redirectOf = async (path: string) => {
      const response = await anonymous.request.get(path, { maxRedirects: 0 });
      return `${response.status()} ${response.headers().location ?? ""}`;
    };
    await expect
      .poll(() => redirectOf(publicPath), { timeout: 2_000, intervals: [200] })
      .toBe(`308 /da/artikler/${renamed}`);
    expect(await redirectOf(`/sv/artiklar/${slug}`)).toBe(`308 /sv/artiklar/${renamed}`);
    expect((await anonymous.request.get(`/da/artikler/${renamed}`)).status()).toBe(200);
    // Archived, the item leaves the public site again, by either address.
    await page.getByRole("button", { name: da.Admin.editor.archive }).click();
    await expect(page.getByTestId("notice")).toBeVisible();
    await expect
      .poll(async () => (await anonymous.request.get(`/da/artikler/${renamed}`)).status(), {
        timeout: 2_000,
        intervals: [200],
      })
      .toBe(404);
    expect((await anonymous.request.get(publicPath, { maxRedirects: 0 })).status()).toBe(404);
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
    const fileLabel = da.Admin.editor.uploadFile.replace("{mb}", "20");
    await page.getByLabel(fileLabel).setInputFiles({
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
      .getByLabel(fileLabel)
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
    expect(file.headers()["accept-ranges"]).toBe("bytes");
    expect(file.headers()["content-disposition"]).toMatch(/^inline; /);
    expect(file.headers()["content-security-policy"] ?? "").not.toContain("sandbox");
    const head = await visitor.request.get(href!, { headers: { range: "bytes=0-4" } });
    expect(head.status()).toBe(206);
    expect(head.headers()["content-range"]).toBe(`bytes 0-4/${pdf.length}`);
    expect((await head.body()).toString("latin1")).toBe("%PDF-");
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

  // The advisers' form of one adviser, opened
  async function adviserForm(page: Page, slug: string): Promise<Locator> {
    await page.goto("/da/admin/advisers");
    const record = page.getByTestId("record").filter({ hasText: `(${slug})` });
    await record.locator("summary").click();
    return record;
  }
  const records = da.Admin.records;
  const group = (record: Locator, legend: string) => record.getByRole("group", { name: legend, exact: true });

  test("an admin gives an adviser a topic and a language, and the adviser directory and the topic page show them", async ({
    browser,
  }) => {
    const catalogue = await loadCatalogue();
    // The other test below works on the second adviser: each has one of its own.
    const adviser = catalogue.advisers[0]!;
    const language = adviser.languages.includes("sv") ? "da" : "sv";
    const topic = catalogue.topics.find((t) => !adviser.topics.includes(t.slug))!;
    const email = `${run("rec")}@example.org`;
    createStaff(email, "admin");
    const page = await newSession(browser, email);
    const visitor = await browser.newPage();
    const card = visitor.locator(`#adviser-${adviser.slug}`);
    const choose = async (checked: boolean) => {
      const record = await adviserForm(page, adviser.slug);
      await group(record, records.fields.languages).getByLabel(records.options.locales[language]).setChecked(checked);
      await group(record, records.fields.topicIds).getByLabel(topic.name.da, { exact: true }).setChecked(checked);
      await record.getByRole("button", { name: da.Admin.common.save }).click();
      await expect(page.getByTestId("saved")).toHaveText(records.saved.replace("{label}", adviser.name));
    };
    try {
      await choose(true);
      // The saved form shows the choices.
      const record = page.getByTestId("record").filter({ hasText: `(${adviser.slug})` });
      await expect(group(record, records.fields.topicIds).getByLabel(topic.name.da, { exact: true })).toBeChecked();
      // The public adviser directory and the topic's page show them at once.
      await visitor.goto("/da/raadgivere");
      await expect(card).toContainText(topic.name.da);
      await expect(card).toContainText(da.Languages[language]);
      await visitor.goto(`/da/emner/${topic.slug}`);
      await expect(visitor.locator("section[aria-labelledby=topic-advisers]")).toContainText(adviser.name);
    } finally {
      // content/ holds the adviser as before again, for the public site's tests of the next run.
      await choose(false);
    }
    await visitor.goto("/da/raadgivere");
    await expect(card).not.toContainText(topic.name.da);
  });

  test("an invalid save keeps the typed values and shows the translated error; without JavaScript the same form still saves", async ({
    browser,
  }) => {
    const catalogue = await loadCatalogue();
    const adviser = catalogue.advisers[1]!;
    const topic = catalogue.topics.find((t) => !adviser.topics.includes(t.slug))!;
    const email = `${run("rec")}@example.org`;
    createStaff(email, "editor");
    const emailError = da.Admin.errors.email.replace("{field}", records.fields.email);
    const languageError = records.errors.chooseLanguage;

    // With JavaScript: a bad address and no language.
    const page = await newSession(browser, email);
    let record = await adviserForm(page, adviser.slug);
    await record.getByLabel(records.fields.titleDa).fill("En titel, der ikke må gå tabt");
    await record.getByLabel(records.fields.email).fill("ikke en adresse");
    for (const box of await group(record, records.fields.languages).getByRole("checkbox").all()) await box.uncheck();
    await group(record, records.fields.topicIds).getByLabel(topic.name.da, { exact: true }).check();
    await record.getByRole("button", { name: da.Admin.common.save }).click();
    const summary = record.getByTestId("error-summary");
    await expect(summary).toBeFocused();
    await expect(summary.getByRole("link")).toHaveText([emailError, languageError]);
    await expect(record.getByLabel(records.fields.titleDa)).toHaveValue("En titel, der ikke må gå tabt");
    await expect(record.getByLabel(records.fields.email)).toHaveValue("ikke en adresse");
    await expect(record.getByLabel(records.fields.email)).toHaveAttribute("aria-invalid", "true");
    await expect(record.getByText(emailError, { exact: true }).last()).toBeVisible();
    await expect(group(record, records.fields.topicIds).getByLabel(topic.name.da, { exact: true })).toBeChecked();
    // By keyboard, the summary's first link leads to the field.
    await page.keyboard.press("Tab");
    await expect(summary.getByRole("link").first()).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(record.getByLabel(records.fields.email)).toBeFocused();
    // Nothing was saved.
    record = await adviserForm(page, adviser.slug);
    await expect(record.getByLabel(records.fields.titleDa)).toHaveValue(adviser.title.da);

    // Without JavaScript: the same answer, then a save.
    const noScript = await newSession(browser, email, { javaScriptEnabled: false });
    record = await adviserForm(noScript, adviser.slug);
    await record.getByLabel(records.fields.titleDa).fill("Titel uden JavaScript");
    await record.getByLabel(records.fields.email).fill("ikke en adresse");
    await record.getByRole("button", { name: da.Admin.common.save }).click();
    await expect(record.getByTestId("error-summary")).toBeFocused();
    await expect(record.getByTestId("error-summary").getByRole("link")).toHaveText([emailError]);
    await expect(record.getByLabel(records.fields.titleDa)).toHaveValue("Titel uden JavaScript");
    await record.getByLabel(records.fields.email).fill(adviser.email);
    await record.getByRole("button", { name: da.Admin.common.save }).click();
    try {
      await expect(noScript.getByTestId("saved")).toHaveText(records.saved.replace("{label}", adviser.name));
      const visitor = await browser.newPage();
      await visitor.goto("/da/raadgivere");
      await expect(visitor.locator(`#adviser-${adviser.slug}`)).toContainText("Titel uden JavaScript");
    } finally {
      record = await adviserForm(noScript, adviser.slug);
      await record.getByLabel(records.fields.titleDa).fill(adviser.title.da);
      await record.getByRole("button", { name: da.Admin.common.save }).click();
      await expect(noScript.getByTestId("saved")).toBeVisible();
    }
  });

  test("an admin creates a place inside another, and a place cannot be put inside a place that lies in it", async ({
    browser,
  }) => {
    const catalogue = await loadCatalogue();
    const parent = catalogue.places.find((p) => p.kind === "municipality")!;
    const email = `${run("place")}@example.org`;
    createStaff(email, "admin");
    const page = await newSession(browser, email);
    const slug = run("by");
    const name = `Testby ${slug}`;
    await page.goto("/da/admin/places");
    const create = page.locator("section[aria-labelledby=create-record]");
    await create.getByLabel(records.fields.slug).fill(slug);
    await create.getByLabel(records.fields.name).fill(name);
    await create.getByLabel(records.fields.kind).selectOption({ label: records.options.placeKinds.city });
    await create.getByLabel(records.fields.country).selectOption({ label: da.ItemPage.countries[parent.country] });
    await create.getByLabel(records.fields.parentId).selectOption({ label: parent.name });
    await create.getByRole("button", { name: da.Admin.common.create }).click();
    await expect(page.getByTestId("saved")).toHaveText(records.saved.replace("{label}", name));
    const created = page.getByTestId("record").filter({ hasText: `(${slug})` });
    await expect(created).toHaveAttribute("open", "");
    await expect(created.getByLabel(records.fields.kind)).toHaveValue("city");
    await expect(created.getByLabel(records.fields.parentId).locator("option:checked")).toHaveText(parent.name);
    // The place it lies in cannot be put inside it.
    const above = page.getByTestId("record").filter({ hasText: `(${parent.slug})` });
    await above.locator("summary").click();
    await above.getByLabel(records.fields.parentId).selectOption({ label: name });
    await above.getByRole("button", { name: da.Admin.common.save }).click();
    await expect(above.getByTestId("error-summary")).toBeFocused();
    await expect(above.getByTestId("error-summary").getByRole("link")).toHaveText([records.errors.parentCycle]);
    await expect(above.getByLabel(records.fields.parentId).locator("option:checked")).toHaveText(name);
  });
});
