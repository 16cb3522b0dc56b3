// Two app servers on one PostgreSQL database behind the shipped nginx configuration, started the production way
// (`next start` after the compiled tools migrated and imported): what one server does, the other and nginx show.
import { spawnSync } from "node:child_process";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { expect, test, type Browser } from "@playwright/test";
import da from "../../messages/da.json" with { type: "json" };
import { Cluster } from "./cluster";

const limit = 12;
const cluster = new Cluster({
  servers: 2,
  // The editor logs in with a password alone: the second factor has tests of its own (tests/e2e/admin.spec.ts).
  env: {
    CONTACT_RATE_LIMIT: String(limit),
    FEEDBACK_RATE_LIMIT: String(limit),
    LOGIN_RATE_LIMIT: String(limit),
    FORM_MIN_FILL_SECONDS: "0",
    STAFF_TOTP_EDITORS: "optional",
  },
});
const password = "a perfectly long passphrase 42";

type Answer = { status: number; headers: IncomingHttpHeaders; body: string };

// One HTTP request from a chosen local address (the loopback range has many), without following redirects
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer; from?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? "GET", headers: options.headers, localAddress: options.from ?? "127.0.0.1" },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const attr = (tag: string, name: string) =>
  new RegExp(`\\s${name.replace(/\$/g, "\\$")}="([^"]*)"`)
    .exec(tag)?.[1]
    ?.replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"');

// The no-JavaScript post of the form that holds `field` on the page at url: its hidden fields as rendered, plus values
async function postForm(
  pageUrl: string,
  postUrl: string,
  field: string,
  values: Record<string, string>,
  options: { from?: string; headers?: Record<string, string>; cookie?: string } = {},
): Promise<Answer> {
  const page = await send(pageUrl, { from: options.from, headers: options.cookie ? { cookie: options.cookie } : {} });
  const form = [...page.body.matchAll(/<form\b[^]*?<\/form>/g)]
    .map((m) => m[0])
    .find((f) => f.includes(`name="${field}"`));
  if (!form) throw new Error(`${pageUrl} has no form with ${field}`);
  const data = new FormData();
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, "name");
    if (!name || attr(tag, "type") !== "hidden" || name in values) continue;
    data.append(name, attr(tag, "value") ?? "");
  }
  for (const [name, value] of Object.entries(values)) data.append(name, value);
  const encoded = new Response(data);
  return send(postUrl, {
    method: "POST",
    from: options.from,
    body: Buffer.from(await encoded.arrayBuffer()),
    headers: {
      "content-type": encoded.headers.get("content-type")!,
      origin: new URL(postUrl).origin,
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
  });
}

const contact = (n: number) => ({
  name: `Besøgende ${n}`,
  email: `visitor${n}@example.net`,
  subject: `Spørgsmål ${n}`,
  message: `Hvordan kommer vi i gang? (${n})`,
  consent: "yes",
});

async function storedMessages(): Promise<number> {
  const rows = await cluster.query<{ n: number }>('SELECT count(*)::int AS n FROM "ContactMessage"');
  return rows[0]!.n;
}

async function editorSession(browser: Browser, baseURL: string) {
  const email = `editor-${process.pid}-${Date.now()}@example.org`;
  const created = spawnSync(
    "node",
    ["dist/tools/admin.mjs", "--email", email, "--name", "Cluster Editor", "--role", "editor"],
    { env: { ...process.env, DATABASE_URL: cluster.databaseUrl, ADMIN_PASSWORD: password }, encoding: "utf8" },
  );
  expect(created.status, created.stderr).toBe(0);
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/da/admin/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Adgangskode").fill(password);
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page).toHaveURL(/\/da\/admin$/);
  return { context, page };
}

test.describe.configure({ mode: "serial", timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await cluster.start();
});
test.afterAll(async () => {
  await cluster.stop();
});

test("the shipped nginx configuration passes nginx -t, and each server reports itself ready", async () => {
  const check = spawnSync("nginx", ["-t", "-c", cluster.nginxConf], { encoding: "utf8" });
  expect(check.status, check.stderr).toBe(0);
  for (const server of cluster.servers) {
    const ready = await send(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({ ready: true, database: true, migrations: "applied" });
    expect(ready.headers["cache-control"]).toBe("no-store");
  }
});

// Post `limit + 3` forms that each claim another client in X-Forwarded-For, half directly to the servers from an
// address that is no trusted proxy and half through nginx from another; returns how many were let through each way.
async function forgedPosts(
  path: string,
  field: string,
  values: (n: number) => Record<string, string>,
  through: (answer: Answer) => boolean,
): Promise<{ direct: number; proxied: number }> {
  const [a, b] = cluster.servers;
  let direct = 0;
  for (let i = 0; i < limit + 3; i++) {
    const server = i % 2 ? b! : a!;
    const answer = await postForm(`${server.url}${path}`, `${server.url}${path}`, field, values(i), {
      from: "127.0.0.2",
      headers: { "x-forwarded-for": `198.51.100.${i + 1}`, "x-real-ip": `198.51.100.${i + 1}` },
    });
    if (through(answer)) direct++;
  }
  let proxied = 0;
  for (let i = 0; i < limit + 3; i++) {
    const answer = await postForm(`${cluster.proxy}${path}`, `${cluster.proxy}${path}`, field, values(100 + i), {
      from: "127.0.0.3",
      headers: { "x-forwarded-for": `203.0.113.${i + 1}` },
    });
    if (through(answer)) proxied++;
  }
  return { direct, proxied };
}

const count = async (table: string) =>
  (await cluster.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`))[0]!.n;

test("a forged X-Forwarded-For cannot raise the contact, feedback or login limits, neither directly nor through nginx", async () => {
  // Contact: each stored message is a 303 to the receipt.
  let before = await storedMessages();
  const contacts = await forgedPosts("/da/kontakt", "message", contact, (answer) => answer.status === 303);
  expect(contacts).toEqual({ direct: limit, proxied: limit });
  expect(await storedMessages()).toBe(before + 2 * limit);

  // Feedback on an item page: each answer differs, so none is a double submit.
  const listing = await send(`${cluster.servers[0]!.url}/da/artikler`);
  const item = /href="(\/da\/artikler\/[a-z0-9-]+)"/.exec(listing.body)?.[1];
  expect(item, "an article on the listing").toBeTruthy();
  before = await count("PageFeedback");
  await forgedPosts(
    item!,
    "helpful",
    (n) => ({ helpful: "yes", comment: `Svar nummer ${n}` }),
    () => true,
  );
  expect(await count("PageFeedback")).toBe(before + 2 * limit);

  // Login: wrong passwords for a different address each time, so only the per-client limit can stop them.
  const logins = await forgedPosts(
    "/da/admin/login",
    "password",
    (n) => ({ email: `nobody${n}@example.org`, password: "not the password" }),
    (answer) => answer.body.includes(da.Admin.login.invalid),
  );
  expect(logins).toEqual({ direct: limit, proxied: limit });
  console.log(
    `[cluster] forged X-Forwarded-For, limit ${limit} per client: contact ${contacts.direct}+${contacts.proxied}, feedback ${2 * limit}, login ${logins.direct}+${logins.proxied} let through of ${2 * (limit + 3)} posts each`,
  );
});

test("a form rendered by one server is accepted by the other, and mail from both senders arrives exactly once", async () => {
  const [a, b] = cluster.servers;
  const before = await storedMessages();
  for (let i = 0; i < 10; i++) {
    const [render, accept] = i % 2 ? [b!, a!] : [a!, b!];
    const answer = await postForm(`${render.url}/sv/kontakt`, `${accept.url}/sv/kontakt`, "message", contact(100 + i), {
      from: "127.0.0.4",
    });
    expect(answer.status, answer.body.slice(0, 200)).toBe(303);
    expect(answer.headers.location).toMatch(/\/sv\/kontakt\/kvitto\?ref=/);
  }
  const stored = (await storedMessages()) - before;
  expect(stored).toBe(10);
  const total = await storedMessages();
  // Every stored message: one mail, whichever server sends it. Then nothing more for two retry rounds.
  await expect.poll(() => cluster.smtp.received.length, { timeout: 30_000, intervals: [250] }).toBe(total);
  await new Promise((r) => setTimeout(r, 11_000));
  const ids = cluster.smtp.received.map((m) => m.mail.messageId);
  console.log(
    `[cluster] contact mail: ${total} stored, ${ids.length} delivered, ${ids.length - new Set(ids).size} duplicates`,
  );
  expect(ids.length).toBe(total);
  expect(new Set(ids).size).toBe(total);
  const unsent = await cluster.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM "MailOutbox" WHERE "sentAt" IS NULL',
  );
  expect(unsent[0]!.n).toBe(0);
});

test("a session made on one server works on the other; an item published through one shows on the other, through nginx, in search and in the sitemap within 2 s; a PDF uploaded through one downloads from the other", async ({
  browser,
}) => {
  const [a, b] = cluster.servers;
  const { context, page } = await editorSession(browser, a!.url);
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const onB = await send(`${b!.url}/da/admin`, { headers: { cookie } });
  expect(onB.status).toBe(200);
  expect(onB.body).toContain(da.Admin.nav.items);

  // The listing is cached on B and in nginx before the change.
  for (let i = 0; i < 3; i++) {
    expect((await send(`${b!.url}/da/artikler`)).status).toBe(200);
    expect((await send(`${cluster.proxy}/da/artikler`)).status).toBe(200);
  }
  expect((await send(`${b!.url}/da/artikler`)).headers["x-nextjs-cache"]).toBe("HIT");

  const marker = `klyngeprove${Date.now().toString(36)}`;
  await page.goto("/da/admin/items/new");
  await page.getByLabel(da.Admin.editor.title, { exact: true }).fill(`Prøve ${marker}`);
  await page.getByLabel(da.Admin.editor.summary).fill("Et resumé");
  await page.getByLabel(da.Admin.editor.body).fill("## Rubrik\n\nTekst fra den ene server.");
  await page.getByRole("button", { name: da.Admin.editor.saveDraft, exact: true }).click();
  await expect(page).toHaveURL(/\/da\/admin\/items\/[0-9a-f-]{36}\?created=1$/);
  const slug = await page.getByLabel(da.Admin.editor.slug).inputValue();
  const path = `/da/artikler/${slug}`;
  await page.getByRole("button", { name: da.Admin.editor.publish, exact: true }).click();
  await expect(page.getByTestId("notice")).toBeVisible();
  const published = Date.now();

  const within = async (what: string, check: () => Promise<boolean>) => {
    await expect.poll(check, { timeout: 2_000, intervals: [100] }).toBe(true);
    return `${what} ${Date.now() - published} ms`;
  };
  const seen = [
    await within("B item", async () => {
      const answer = await send(`${b!.url}${path}`);
      if (answer.status !== 200)
        console.log(`[cluster] B ${path}: ${answer.status} ${answer.headers["x-nextjs-cache"]}`);
      return answer.status === 200;
    }),
    await within("B listing", async () => (await send(`${b!.url}/da/artikler`)).body.includes(path)),
    await within("nginx listing", async () => (await send(`${cluster.proxy}/da/artikler`)).body.includes(path)),
    await within("nginx item", async () => (await send(`${cluster.proxy}${path}`)).status === 200),
    await within("B search", async () => (await send(`${b!.url}/da/soeg?q=${marker}`)).body.includes(path)),
    await within("nginx sitemap", async () => (await send(`${cluster.proxy}/sitemap.xml`)).body.includes(slug)),
  ];
  console.log(`[cluster] published through A, seen: ${seen.join(", ")}`);
  const viaProxy = await send(`${cluster.proxy}/da/artikler`);
  expect(viaProxy.headers["cache-control"]).toBe("public, max-age=0, s-maxage=1");

  // A PDF uploaded through A (the editor's page is on A) is downloaded whole from B and through nginx.
  const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(2_500_000, 32), Buffer.from("\n%%EOF\n")]);
  await page.getByLabel(da.Admin.editor.uploadTitle).fill("Klyngebilag");
  await page
    .getByLabel(da.Admin.editor.uploadFile.replace("{mb}", "20"))
    .setInputFiles({ name: "klyngebilag.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: da.Admin.editor.uploadSubmit }).click();
  await expect(page.getByTestId("upload-result")).toHaveText(da.Admin.editor.uploaded);
  const uploaded = Date.now();
  await expect
    .poll(async () => /href="\/files\/[0-9a-f-]{36}\.pdf"/.test((await send(`${b!.url}${path}`)).body), {
      timeout: 2_000,
      intervals: [100],
    })
    .toBe(true);
  const linked = Date.now() - uploaded;
  const href = /href="(\/files\/[0-9a-f-]{36}\.pdf)"/.exec((await send(`${b!.url}${path}`)).body)![1]!;
  for (const origin of [b!.url, cluster.proxy]) {
    const download = await new Promise<{ status: number; type?: string; body: Buffer }>((resolve, reject) => {
      httpRequest(`${origin}${href}`, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"], body: Buffer.concat(chunks) }),
        );
      })
        .on("error", reject)
        .end();
    });
    expect(download.status, origin).toBe(200);
    expect(download.type).toBe("application/pdf");
    expect(download.body.equals(pdf), `the bytes from ${origin}`).toBe(true);
  }
  console.log(
    `[cluster] PDF of ${pdf.length} bytes uploaded through A, downloaded whole from B and nginx; B's page linked it ${linked} ms after the upload`,
  );
  await context.close();
});

test("a stopping server finishes the request in flight, takes no new ones, and nginx keeps serving from the other", async () => {
  const [a, b] = cluster.servers;
  // A contact post whose body is still arriving when the server is told to stop.
  const page = await send(`${b!.url}/da/kontakt`, { from: "127.0.0.5" });
  const form = [...page.body.matchAll(/<form\b[^]*?<\/form>/g)]
    .map((m) => m[0])
    .find((f) => f.includes('name="message"'))!;
  const data = new FormData();
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, "name");
    if (name && attr(tag, "type") === "hidden") data.append(name, attr(tag, "value") ?? "");
  }
  for (const [name, value] of Object.entries(contact(999))) data.append(name, value);
  const encoded = new Response(data);
  const body = Buffer.from(await encoded.arrayBuffer());
  const before = await storedMessages();
  const answer = new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      `${b!.url}/da/kontakt`,
      {
        method: "POST",
        localAddress: "127.0.0.5",
        headers: {
          "content-type": encoded.headers.get("content-type")!,
          "content-length": String(body.length),
          origin: b!.url,
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.write(body.subarray(0, 100));
    setTimeout(() => {
      b!.child.kill("SIGTERM");
      setTimeout(() => req.end(body.subarray(100)), 500);
    }, 300);
  });
  // While it drains, a new connection is refused.
  await new Promise((r) => setTimeout(r, 600));
  await expect(send(`${b!.url}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
  expect(await answer).toBe(303);
  expect(await storedMessages()).toBe(before + 1);
  expect(await b!.exited).toBe(143);
  // nginx sends everything to the server that is left.
  for (let i = 0; i < 6; i++) expect((await send(`${cluster.proxy}/da/ordliste`)).status).toBe(200);
  expect((await send(`${a!.url}/readyz`)).status).toBe(200);
});
