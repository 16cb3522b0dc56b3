// `npm run check:html`: every page type in both languages, the admin's pages logged in, through the W3C Nu HTML
// Checker (vnu.jar from the vnu-jar package; it needs Java). Fails on any error. It starts the site the README way on
// CHECK_HTML_PORT (DATABASE_URL when set, otherwise an embedded database of its own), or checks the site at
// CHECK_HTML_URL, which must use the same database (DATABASE_URL or EMBEDDED_DB_DIR), as a staff account is made for
// the admin's pages.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { routing, type Locale } from "@/lib/i18n/routing";

const vnuJar = String(createRequire(import.meta.url)("vnu-jar"));
const port = process.env.CHECK_HTML_PORT ?? "3200";
const base = (process.env.CHECK_HTML_URL ?? `http://localhost:${port}`).replace(/\/$/, "");
const embeddedDir = process.env.EMBEDDED_DB_DIR ?? ".data/check-html-pglite";
const password = `html check ${randomBytes(12).toString("hex")}`;
const email = `html-check-${Date.now()}-${randomBytes(3).toString("hex")}@example.org`;

type Checked = { url: string; status: number; html: string };

// A localized path of the site: "/cases" → "/fall" in Swedish
function localPath(locale: Locale, pathname: keyof typeof routing.pathnames): string {
  const entry = routing.pathnames[pathname];
  const own = typeof entry === "string" ? entry : entry[locale];
  return `/${locale}${own === "/" ? "" : own}`;
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\shref="([^"#]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
}

async function startServer(): Promise<ChildProcess | null> {
  if (process.env.CHECK_HTML_URL) return null;
  const server = spawn("npm", ["start"], {
    env: {
      ...process.env,
      PORT: port,
      EMBEDDED_DB_DIR: embeddedDir,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_REQUESTS: "0",
    },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error("npm start ended before the site was up");
    const up = await fetch(`${base}/da`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return server;
    await new Promise((r) => setTimeout(r, 1000));
  }
  stopServer(server);
  throw new Error(`the site did not answer at ${base}/da`);
}

function stopServer(server: ChildProcess | null) {
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, "SIGTERM");
}

// An admin account through the documented command, against the site's database
function createAdmin() {
  const made = spawnSync(
    "npm",
    ["run", "-s", "admin:create", "--", "--email", email, "--name", "HTML check", "--role", "admin"],
    { env: { ...process.env, EMBEDDED_DB_DIR: embeddedDir, ADMIN_PASSWORD: password }, encoding: "utf8" },
  );
  if (made.status !== 0) throw new Error(`admin:create failed: ${made.stderr || made.stdout}`);
}

// Password: the page waits for the second factor (its enrolment on the first login, then a code)
async function submitPassword(page: Page, locale: Locale) {
  await page.goto(`${base}/${locale}/admin/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('main form button[type="submit"]').click();
  await page.waitForURL(/\/admin\/login\/(enrol|code)$/);
}

// Enrolment with a code computed from the secret the page shows
async function enrol(page: Page) {
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });
  await page.locator('input[name="code"]').fill(totp.generate());
  await page.locator('main form button[type="submit"]').click();
  await page.getByTestId("recovery-codes").waitFor();
}

async function get(request: APIRequestContext, url: string): Promise<Checked> {
  const response = await request.get(`${base}${url}`, { failOnStatusCode: false });
  return { url, status: response.status(), html: await response.text() };
}

// The public pages of one locale: every page without a parameter, one page of each kind with one, a filtered
// listing, searches with and without hits, the status pages and a path that does not exist
async function publicPages(request: APIRequestContext, locale: Locale): Promise<Checked[]> {
  const pages: Checked[] = [];
  const fixed = (Object.keys(routing.pathnames) as (keyof typeof routing.pathnames)[]).filter((p) => !p.includes("["));
  for (const pathname of fixed) pages.push(await get(request, localPath(locale, pathname)));
  for (const pathname of Object.keys(routing.pathnames) as (keyof typeof routing.pathnames)[]) {
    if (!pathname.endsWith("/[slug]")) continue;
    const listing = localPath(locale, pathname.replace("/[slug]", "") as keyof typeof routing.pathnames);
    const listed = pages.find((p) => p.url === listing)!;
    const first = hrefs(listed.html).find((href) => href.startsWith(`${listing}/`) && !href.includes("?"));
    if (!first) throw new Error(`${listing} links to no page of its own`);
    pages.push(await get(request, first));
  }
  const topic = hrefs(pages.find((p) => p.url === localPath(locale, "/topics"))!.html)
    .find((href) => href.startsWith(`${localPath(locale, "/topics")}/`))!
    .split("/")
    .pop()!;
  pages.push(await get(request, `${localPath(locale, "/cases")}?topic=${topic}`));
  pages.push(await get(request, `${localPath(locale, "/search")}?q=kommun`));
  pages.push(await get(request, `${localPath(locale, "/search")}?q=kommun&type=references&page=2`));
  pages.push(await get(request, `${localPath(locale, "/search")}?q=xqzvxq`));
  for (const code of [404, 500, 503]) pages.push(await get(request, `/${locale}/status/${code}`));
  pages.push(await get(request, `/${locale}/no-such-page-${Date.now()}`));
  return pages;
}

// The admin's pages, found from its navigation and its lists: one page of each shape (ids and query values aside)
async function adminPages(request: APIRequestContext, locale: Locale): Promise<Checked[]> {
  const root = `/${locale}/admin`;
  const shape = (url: string) => {
    const [pathname, query = ""] = url.split("?");
    const segments = pathname!.split("/").map((s) => (/\d/.test(s) && s.length > 8 ? "*" : s));
    const names = [...new URLSearchParams(query).keys()].sort();
    return `${segments.join("/")}?${names.join("&")}`;
  };
  const seen = new Set<string>();
  const queue = [root, `${root}/reauth`];
  const pages: Checked[] = [];
  while (queue.length && pages.length < 80) {
    const url = queue.shift()!;
    if (seen.has(shape(url))) continue;
    seen.add(shape(url));
    const response = await request.get(`${base}${url}`, { failOnStatusCode: false });
    if (/\/admin\/(login|reauth)/.test(new URL(response.url()).pathname) && !/\/(login|reauth)/.test(url)) {
      throw new Error(`${url} led to ${response.url()}: the check's admin session does not reach the page`);
    }
    const page = { url, status: response.status(), html: await response.text() };
    if (!/^\s*<!DOCTYPE html>/i.test(page.html)) continue;
    pages.push(page);
    for (const href of hrefs(page.html)) {
      if (href === root || href.startsWith(`${root}/`)) queue.push(href);
    }
  }
  return pages;
}

function java(): string {
  const found = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (found.error || found.status !== 0) {
    throw new Error("The HTML check needs Java 11 or later (Debian: apt-get install default-jre-headless).");
  }
  return "java";
}

type Message = { type: string; subType?: string; url: string; lastLine?: number; message: string; extract?: string };

// vnu over the saved pages: its JSON report, errors only
function validate(pages: Checked[]): Message[] {
  const dir = mkdtempSync(path.join(tmpdir(), "check-html-"));
  try {
    const files = pages.map((page, i) => {
      const file = path.join(dir, `${String(i).padStart(3, "0")}.html`);
      writeFileSync(file, page.html);
      return file;
    });
    const run = spawnSync(java(), ["-jar", vnuJar, "--format", "json", "--exit-zero-always", ...files], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`vnu failed: ${run.stderr}`);
    const report = JSON.parse(run.stderr) as { messages: Message[] };
    return report.messages
      .filter((m) => m.type === "error" || (m.type === "non-document-error" && m.subType !== "internal"))
      .map((m) => ({ ...m, url: pages[Number(path.basename(new URL(m.url).pathname, ".html"))]!.url }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  java();
  const server = await startServer();
  let browser: Browser | null = null;
  try {
    createAdmin();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    });
    const visitor = await browser.newContext();
    const pages: Checked[] = [];
    for (const locale of routing.locales) {
      pages.push(...(await publicPages(visitor.request, locale)));
      pages.push(await get(visitor.request, `/${locale}/admin/login`));
    }
    // The login's steps: enrolment (first login), then the code page (a second login, left at its form)
    const staff = await browser.newContext();
    const staffPage = await staff.newPage();
    await submitPassword(staffPage, "da");
    pages.push(await get(staff.request, "/da/admin/login/enrol"));
    await enrol(staffPage);
    const again = await browser.newContext();
    await submitPassword(await again.newPage(), "sv");
    pages.push(await get(again.request, "/sv/admin/login/code"));
    for (const locale of routing.locales) pages.push(...(await adminPages(staff.request, locale)));

    const errors = validate(pages);
    for (const page of pages) console.log(`${page.status} ${page.url}`);
    for (const e of errors) console.error(`\n${e.url}:${e.lastLine ?? "?"}: ${e.message}\n  ${e.extract ?? ""}`);
    console.log(`\n${pages.length} pages checked, ${errors.length} errors.`);
    if (errors.length) process.exitCode = 1;
  } finally {
    await browser?.close();
    stopServer(server);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
