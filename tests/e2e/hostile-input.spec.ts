// Hostile and malformed input at every public entry point, sent as raw HTTP so that nothing on the way (a URL
// parser, a client's header checks) cleans it up first. The site must answer none of it with a 5xx, reflect no
// payload unescaped, let no header be injected, and write nothing for an anonymous caller beyond what an entry
// point is for (a contact message and its e-mail, a feedback answer, rate-limit counts).
import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import net from "node:net";
import pg from "pg";
import { openDatabase, type OpenDatabase } from "../../lib/database/runtime";
import { loadCatalogue } from "../../lib/content/load";

test.describe.configure({ mode: "serial" });
test.setTimeout(600_000);

// ---------------------------------------------------------------------------------------------------------------
// The payloads

const sql = [
  "' OR '1'='1",
  '\'; DROP TABLE "Item"; --',
  "1; SELECT pg_sleep(5)--",
  '" OR ""="',
  '\') UNION SELECT "passwordHash" FROM "StaffUser"--',
  "%' AND 1=1 --",
  "\\'; --",
  "1' AND extractvalue(1,concat(0x7e,version()))--",
  "$$; DROP TABLE x; $$",
  "E'\\\\x00'",
  "1 OR 1=1",
  "admin'--",
  "'; INSERT INTO \"Session\" VALUES ('x'); --",
  "!(& | <-> :*",
  "' || (SELECT current_user) || '",
];
const markup = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  "javascript:alert(1)",
  "</title><script>alert(1)</script>",
  "<iframe src=javascript:alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '" onmouseover="alert(1)',
  "</script><script>alert(1)</script>",
  "<!--<script>alert(1)//-->",
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  "]]><script>alert(1)</script>",
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  "<style>*{display:none}</style>",
  "<meta http-equiv=refresh content=0;url=//evil.example>",
  "<base href=//evil.example/>",
  "<x onpointerenter=alert(1)>hover</x>",
  "<img src=\"x\" onerror='alert(1)'>",
];
const templates = [
  "{{7*7}}",
  "${7*7}",
  "<%= 7*7 %>",
  "#{7*7}",
  "{{constructor.constructor('return process')()}}",
  "{count, plural, one {#} other {#}}",
  "{0}",
  "__proto__",
  "constructor[prototype][polluted]=1",
  '{"$ne": null}',
  "$[0]",
  "@@version",
];
const odd = [
  "\u0000",
  "a\u0000b",
  "\r\nX-Injected: 1",
  "\u001b[31mred",
  "\u0008\u0007\u007f",
  "\u2028\u2029",
  "\uFEFFbom",
  "\u202Eevil",
  "zero\u200Bwidth",
  "\uD800",
  "🏳️‍🌈",
  "e\u0301",
  "a".repeat(10_000),
  "x".repeat(100_000),
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "-1",
  "1e309",
  "NaN",
  "0x10",
  "99999999999999999999",
  "[]",
  "{}",
  "null",
  "",
  " ",
  ";",
  "&",
  "=",
  "#",
  "?",
  "+",
  "`",
  "\\",
  "æøåäö",
];
// Written into the query or body as they are, not percent-encoded again.
const rawEncoded = [
  "%",
  "%%",
  "%zz",
  "%C0%AE",
  "%E2%80%AE",
  "%ff%fe",
  "%00",
  "%0d%0aX-Injected:%201",
  "%ED%A0%80",
  "%u003c",
];

const values = [...sql, ...markup, ...templates, ...odd];
// A payload that would change a page's markup if it came back as it was sent (a lone ' is harmless: attributes are
// double-quoted, and inside the page's script data it is a plain character).
const dangerous = (payload: string) => /[<"]/.test(payload) && payload.length > 3;

// Path segments, sent exactly as written.
const segments = [
  "..",
  "%2e%2e",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "..%2f..%2f..%2fetc%2fpasswd",
  "..\\..\\..\\windows",
  "%5c..%5c..%5c",
  "/",
  "%2f%2f",
  ".",
  "%",
  "%zz",
  "a%",
  "%c0%ae%c0%ae",
  "%c0%af",
  "%e0%80%ae",
  "%ff",
  "%00",
  "a%00b",
  "%0d%0aX-Injected:%201",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "%22%3E%3Csvg%20onload%3Dalert(1)%3E",
  "x".repeat(5000),
  ";",
  ";jsessionid=1",
  "%20",
  "+",
  "~",
  "a:b",
  ".env",
  "..;",
  "%252e%252e",
  "%C3%A6",
  "index.php",
  ".git%2fconfig",
  "topic=%;year=2020",
  "topic=work;year=abc",
  "year=2020;topic=x",
  "topic=%3Cscript%3E",
  "all;",
  "%7B%7B7*7%7D%7D",
];

// ---------------------------------------------------------------------------------------------------------------
// Raw HTTP

type Answer = { status: number; headers: [string, string][]; body: string; raw: string; oversized: boolean };

let host = "localhost";
let port = 0;
let sent = 0;
const problems: string[] = [];

function decodeChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const end = body.indexOf("\r\n", at);
    if (end < 0) break;
    const size = parseInt(body.subarray(at, end).toString("latin1"), 16);
    if (!size) break;
    parts.push(body.subarray(end + 2, end + 2 + size));
    at = end + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

// Send one request as bytes and read the answer until the server closes the connection
function send(request: Buffer | string): Promise<Answer> {
  sent += 1;
  // Node's HTTP parser refuses a request head over 16 KiB (431) and may reset the connection before that answer is read.
  const bytes = Buffer.from(request);
  const large = (bytes.indexOf("\r\n\r\n") < 0 ? bytes.length : bytes.indexOf("\r\n\r\n")) > 16 * 1024;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, host);
    socket.setTimeout(60_000, () => {
      socket.destroy();
      reject(new Error("no answer within 60 s"));
    });
    socket.on("data", (chunk) => chunks.push(chunk));
    // A server refusing an oversized request closes while the rest is still being sent: the answer so far counts.
    socket.on("error", () => {});
    socket.on("close", () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf("\r\n\r\n");
      const head = all.subarray(0, split < 0 ? all.length : split).toString("latin1");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers = lines.map((line): [string, string] => {
        const colon = line.indexOf(":");
        return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
      });
      const rest = split < 0 ? Buffer.alloc(0) : all.subarray(split + 4);
      const chunked = headers.some(([name, value]) => name === "transfer-encoding" && /chunked/i.test(value));
      const body = chunked ? decodeChunked(rest) : rest;
      resolve({
        status: Number(statusLine.split(" ")[1] ?? 0),
        headers,
        body: body.toString("utf8"),
        raw: head,
        oversized: large,
      });
    });
    // Written without ending our side: Node's server drops a half-closed connection whose answer is not ready yet.
    socket.write(request);
  });
}

let clientNumber = 0;
// A different client address per request, so that per-client rate limits leave the inputs to the checks behind them
const client = () => {
  clientNumber += 1;
  return `10.77.${Math.floor(clientNumber / 250) % 250}.${clientNumber % 250}`;
};

function head(method: string, target: string, extra: string[] = []): string {
  return [
    `${method} ${target} HTTP/1.1`,
    `Host: ${host}:${port}`,
    "Connection: close",
    `X-Forwarded-For: ${client()}`,
    ...extra,
    "",
    "",
  ].join("\r\n");
}

// A multipart body whose declared boundary leads nowhere is refused by Next's own form parsing, which the site turns
// into its localized 400 page (lib/server/unreadable-bodies.ts); these labels must get exactly that.
const malformedMultipart =
  /^POST \/da\/(kontakt|artikler)\S* (wrong boundary|truncated|no closing boundary|no disposition|quoted name with CRLF|empty body)$/;
const unreadableAnswers: string[] = [];

// Check one answer: no 5xx, no injected header, the payload not reflected unescaped
function check(label: string, answer: Answer, payload?: string) {
  if (answer.status === 0 && !answer.oversized) problems.push(`${label}: no HTTP answer`);
  if (answer.status >= 500) problems.push(`${label}: ${answer.status}`);
  if (malformedMultipart.test(label)) {
    unreadableAnswers.push(label);
    if (answer.status !== 400) problems.push(`${label}: ${answer.status}, not 400`);
  }
  if (answer.headers.some(([name]) => name === "x-injected")) problems.push(`${label}: injected header`);
  if (payload && dangerous(payload)) {
    const location = answer.headers.find(([name]) => name === "location")?.[1] ?? "";
    if (answer.body.includes(payload) || location.includes(payload))
      problems.push(`${label}: payload reflected unescaped`);
  }
}

async function get(target: string, payload?: string, extra: string[] = []) {
  const answer = await send(head("GET", target, extra));
  check(`GET ${target.slice(0, 120)}`, answer, payload);
  return answer;
}

// Run jobs a few at a time
async function inParallel<T>(items: T[], job: (item: T) => Promise<unknown>, width = 2) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await job(next);
    }),
  );
}

// Percent-encode a value for a query string; a lone surrogate (which encodeURIComponent refuses) as its bytes
const encode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return Array.from(Buffer.from(value, "utf8"), (byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");
  }
};

// ---------------------------------------------------------------------------------------------------------------
// Multipart bodies as a browser without JavaScript sends them

type Field = [string, string];

function multipart(fields: Field[], boundary = `----hostile${randomBytes(8).toString("hex")}`) {
  const body = Buffer.concat([
    ...fields.map(([name, value]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, "utf8"),
    ),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

async function post(target: string, body: Buffer, type: string, payload?: string, extra: string[] = []) {
  const request = Buffer.concat([
    Buffer.from(head("POST", target, [`Content-Type: ${type}`, `Content-Length: ${body.length}`, ...extra]), "latin1"),
    body,
  ]);
  const answer = await send(request);
  check(`POST ${target} ${payload?.slice(0, 40) ?? type.slice(0, 40)}`, answer, payload);
  return answer;
}

const unescapeAttribute = (value: string) =>
  value
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

// The hidden fields of the form on a page that has an input named `marker` (the server action's own fields included)
async function formOf(path: string, marker: string): Promise<Field[]> {
  const page = await get(path);
  expect(page.status, path).toBe(200);
  const form = [...page.body.matchAll(/<form\b[\s\S]*?<\/form>/g)]
    .map((m) => m[0])
    .find((f) => f.includes(`name="${marker}"`));
  expect(form, `a form with ${marker} on ${path}`).toBeDefined();
  const fields: Field[] = [];
  for (const input of form!.matchAll(/<input\b[^>]*>/g)) {
    const tag = input[0];
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (!name || !/type="hidden"/.test(tag)) continue;
    fields.push([unescapeAttribute(name), unescapeAttribute(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? "")]);
  }
  expect(
    fields.some(([name]) => name.startsWith("$ACTION_")),
    `server action fields on ${path}`,
  ).toBe(true);
  return fields;
}

// ---------------------------------------------------------------------------------------------------------------
// The database, to count rows before and after

async function database(): Promise<OpenDatabase> {
  // The embedded database of the site Playwright starts (playwright.config.ts), reached through its owner.
  process.env.EMBEDDED_DB_DIR ??= ".data/e2e-pglite";
  return openDatabase({ share: false, waitMs: 10_000 });
}

async function rowCounts(url: string): Promise<Record<string, number>> {
  const db = new pg.Client(url);
  await db.connect();
  try {
    const { rows: tables } = await db.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables)
      counts[name] = Number(
        (await db.query(`SELECT count(*)::int AS n FROM "${name.replaceAll('"', '""')}"`)).rows[0].n,
      );
    return counts;
  } finally {
    await db.end();
  }
}

// What an anonymous caller may add rows to: contact messages and their e-mails, feedback answers, rate-limit and
// login-throttle counts, and the audit log's record of failed logins and refused admin requests.
const writable = new Set([
  "ContactMessage",
  "MailOutbox",
  "PageFeedback",
  "RateLimitBucket",
  "LoginThrottle",
  "AuditLog",
  // The app servers' scheduled jobs (PDF text, e-mail alerts, link checks) take their lease on a timer, whoever calls
  "JobLease",
]);

// ---------------------------------------------------------------------------------------------------------------

test("hostile input at every public entry point: no 5xx, nothing reflected unescaped, no unexpected rows", async ({
  baseURL,
}) => {
  const base = new URL(baseURL!);
  host = base.hostname;
  port = Number(base.port);
  const opened = await database();
  const before = await rowCounts(opened.url);

  const catalogue = await loadCatalogue();
  const item = catalogue.items.find((i) => i.locale === "da" && i.type === "article" && i.data.status === "published")!;
  const itemPath = `/da/artikler/${item.slug}`;
  const topic = catalogue.topics[0]!.slug;
  const distinct = new Set<string>();
  const note = (input: string) => distinct.add(input);

  // Query strings: search, listings and their filters, topic pages, the receipt, the login page, feeds.
  const queryTargets = [
    "/da/soeg?q=",
    "/sv/sok?q=",
    "/da/artikler?topic=",
    "/sv/fall?year=",
    "/da/publikationer?country=",
    "/sv/projekt?municipality=",
    "/da/dokumenter?lang=",
    "/da/artikler?page=",
    `/da/emner/${topic}?year=`,
    "/da/kontakt/kvittering?ref=",
    "/da/kontakt?adviser=",
    "/sv/kontakt?item=",
    "/robots.txt?x=",
    "/da/admin/login?next=",
    "/da/rss.xml?x=",
    "/sitemap.xml?x=",
    `${itemPath}?x=`,
  ];
  const queries = [...values.map(encode), ...rawEncoded];
  for (const value of [...values, ...rawEncoded]) note(`value:${value}`);
  await inParallel(
    queryTargets.flatMap((target) =>
      queries.map((query, index) => ({
        target: target + query,
        payload: index < values.length ? values[index] : undefined,
      })),
    ),
    ({ target, payload }) => get(target, payload),
  );
  // Repeated and unknown parameters, and parameters without values.
  await inParallel(
    ["?topic=a&topic=b", "?topic", "?=x", "?&&&", "?topic[]=x", "?topic[$ne]=1", "?__proto__[x]=1", "?q=%&page=%"].map(
      (query) => `/da/artikler${query}`,
    ),
    (target) => get(target),
  );

  // Path segments: filter paths, item and topic pages, files, the admin area, Next's own files, no locale at all.
  const pathTargets = [
    "/da/articles/filter/",
    "/da/artikler/filter/",
    `/da/topics/${topic}/filter/`,
    "/da/artikler/",
    "/sv/amnen/",
    "/files/",
    "/",
    "/da/",
    "/da/admin/",
    "/api/admin/",
    "/_next/static/",
    "/da/status/",
  ];
  for (const segment of segments) note(`segment:${segment}`);
  await inParallel(
    pathTargets.flatMap((target) => segments.map((segment) => ({ target: target + segment, segment }))),
    ({ target, segment }) => get(target, decodeURIComponentSafe(segment)),
  );
  // Whole-path tricks.
  const paths = [
    "//da",
    "///etc/passwd",
    "/da//artikler",
    "/da/./artikler",
    "/da/artikler/../admin",
    "/da/%2e%2e/admin",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/da\\admin",
    "/da%5cadmin",
    "/DA",
    "/da%00",
    "/da/artikler%2f..%2f..%2f",
    "/da/artikler?",
    "/da/artikler#x",
    "http://evil.example/da",
    "/da/" + "a/".repeat(500),
  ];
  for (const path of paths) note(`path:${path}`);
  await inParallel(paths, (path) => get(path));

  // Headers: forged cookies and session ids, languages, proxies' headers, Next's own request headers.
  const headerCases: [string, string[]][] = [
    ["/da/admin", ["Cookie: __Host-kb_admin=forged"]],
    ["/da/admin/items", ["Cookie: kb_admin=' OR 1=1 --"]],
    ["/da/admin/inbox", [`Cookie: __Host-kb_admin=${"A".repeat(4096)}`]],
    ["/da/admin/staff", ["Cookie: __Host-kb_admin=%00%0d%0a"]],
    ["/da/admin/audit", ["Cookie: __Host-kb_admin=a; __Host-kb_admin=b; kb_admin=c"]],
    ["/da/admin/export", ["Cookie: NEXT_LOCALE=<script>alert(1)</script>"]],
    ["/", ["Cookie: NEXT_LOCALE=../../etc"]],
    ["/", ["Accept-Language: <script>alert(1)</script>"]],
    ["/", [`Accept-Language: ${"da;q=0.9,".repeat(500)}`]],
    ["/", ["Accept-Language: *;q=NaN"]],
    ["/da", ["X-Forwarded-For: <script>alert(1)</script>, ' OR 1=1"]],
    ["/da", ["X-Forwarded-Host: evil.example", "X-Forwarded-Proto: javascript"]],
    ["/da", ["RSC: 1", "Next-Router-State-Tree: %7B%22x"]],
    ["/da", ["RSC: 1", 'Next-Router-State-Tree: ["",{"children":["__PAGE__",{}]},null,null,true]']],
    ["/da", ["Next-Router-Prefetch: 1", "RSC: 1", "Next-Router-Segment-Prefetch: /../../x"]],
    ["/da", ["Next-Action: 0000000000000000000000000000000000000000"]],
    ["/da", ["Next-Url: /da/admin", "RSC: 1"]],
    ["/da", ["x-middleware-subrequest: middleware:middleware:middleware:middleware:middleware"]],
    ["/da/admin", ["x-middleware-subrequest: proxy:proxy:proxy:proxy:proxy"]],
    ["/da", ['If-None-Match: "<script>"', "If-Modified-Since: yesterday"]],
    ["/da", ["Range: bytes=999999999-"]],
    ["/da", ["Accept-Encoding: br;q=NaN, gzip;q=-1, *;q=2"]],
    ["/da/rss.xml", ["Accept: application/rss+xml<script>"]],
    ["/files/x.pdf", ["Cookie: __Host-kb_admin=forged"]],
  ];
  for (const [target, extra] of headerCases) note(`header:${target}:${extra.join("|")}`);
  await inParallel(headerCases, async ([target, extra]) => {
    const answer = await get(target, undefined, extra);
    // Nobody gets into the admin area with a made-up session.
    if (target.startsWith("/da/admin")) expect(answer.status, `${target} ${extra}`).not.toBe(200);
  });

  // Admin routes anonymously: pages, the upload route, staff actions.
  const adminPages = [
    "/da/admin",
    "/sv/admin",
    "/da/admin/items",
    "/da/admin/items/new",
    "/da/admin/items/1",
    "/da/admin/items/1/history",
    "/da/admin/inbox",
    "/da/admin/feedback",
    "/da/admin/staff",
    "/da/admin/audit",
    "/da/admin/export",
    "/da/admin/topics",
    "/da/admin/advisers",
  ];
  for (const page of adminPages) {
    const answer = await get(page);
    expect([303, 307, 308, 404], page).toContain(answer.status);
  }
  const upload = multipart([
    ["itemId", "1"],
    ["uiLocale", "da"],
  ]);
  for (const origin of [`http://${host}:${port}`, "http://evil.example", "null"]) {
    const answer = await post("/api/admin/attachments", upload.body, upload.type, undefined, [`Origin: ${origin}`]);
    expect([401, 403, 303, 307, 404], origin).toContain(answer.status);
  }
  const uploadGet = await get("/api/admin/attachments");
  expect(uploadGet.status).not.toBe(200);

  // Server actions posted as a browser without JavaScript does.
  const contactForm = await formOf("/da/kontakt", "message");
  const feedbackForm = await formOf(itemPath, "helpful");
  const loginForm = await formOf("/da/admin/login", "password");
  // The contact page signs when it was rendered; a post sooner than FORM_MIN_FILL_SECONDS is held back.
  await new Promise((resolve) => setTimeout(resolve, 3200));
  const adviser = catalogue.advisers[0]!.slug;
  const key = () => randomBytes(18).toString("base64url");
  const replace = (fields: Field[], set: Record<string, string>): Field[] => [
    ...fields.filter(([name]) => !(name in set)),
    ...Object.entries(set),
  ];
  const contactFields = [
    "name",
    "email",
    "organisation",
    "municipality",
    "subject",
    "message",
    "adviser",
    "item",
    "locale",
  ];
  const feedbackFieldNames = ["comment", "helpful", "item", "locale"];
  const loginFields = ["email", "password", "locale"];
  const postAs = (path: string, fields: Field[], payload?: string) => {
    const { body, type } = multipart(fields);
    return post(path, body, type, payload);
  };
  await inParallel(
    values.map((payload, index) => index),
    async (index) => {
      const payload = values[index]!;
      const contactField = contactFields[index % contactFields.length]!;
      await postAs(
        "/da/kontakt",
        replace(contactForm, {
          name: "Karin Lund",
          email: "karin@example.net",
          subject: "Spørgsmål",
          message: "Hvordan kommer vi i gang?",
          consent: "on",
          adviser,
          key: key(),
          [contactField]: payload,
        }),
        payload,
      );
      const feedbackField = feedbackFieldNames[index % feedbackFieldNames.length]!;
      await postAs(
        itemPath,
        replace(feedbackForm, { helpful: "no", comment: "", key: key(), elapsed: "5000", [feedbackField]: payload }),
        payload,
      );
      const loginField = loginFields[index % loginFields.length]!;
      await postAs(
        "/da/admin/login",
        replace(loginForm, { email: "nobody@example.net", password: "wrong password", [loginField]: payload }),
        payload,
      );
    },
    2,
  );

  // Bad multipart bodies and forged server action ids.
  const actionField = contactForm.find(([name]) => name.startsWith("$ACTION_"))!;
  const boundary = "----hostileboundary";
  const bodies: [string, Buffer, string, string[]][] = [
    ["no boundary", Buffer.from("--x\r\n\r\n"), "multipart/form-data", []],
    ["wrong boundary", multipart(contactForm, boundary).body, "multipart/form-data; boundary=other", []],
    [
      "truncated",
      multipart(contactForm, boundary).body.subarray(0, 60),
      `multipart/form-data; boundary=${boundary}`,
      [],
    ],
    [
      "no closing boundary",
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${actionField[0]}"\r\n\r\n`),
      `multipart/form-data; boundary=${boundary}`,
      [],
    ],
    [
      "no disposition",
      Buffer.from(`--${boundary}\r\n\r\nx\r\n--${boundary}--\r\n`),
      `multipart/form-data; boundary=${boundary}`,
      [],
    ],
    [
      "quoted name with CRLF",
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="a\r\nX-Injected: 1"\r\n\r\nx\r\n--${boundary}--\r\n`,
      ),
      `multipart/form-data; boundary=${boundary}`,
      [],
    ],
    [
      "a file as the action field",
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${actionField[0]}"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\nx\r\n--${boundary}--\r\n`,
      ),
      `multipart/form-data; boundary=${boundary}`,
      [],
    ],
    [
      "forged action id",
      multipart([
        ["$ACTION_ID_00000000000000000000000000000000000000ff", ""],
        ["name", "x"],
      ]).body,
      "",
      [],
    ],
    ["two action ids", multipart([actionField, ["$ACTION_ID_deadbeef", ""]]).body, "", []],
    ["action id of no action", multipart([["$ACTION_ID_<script>alert(1)</script>", ""]]).body, "", []],
    [
      "bound arguments not JSON",
      multipart([
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", "{not json"],
        ["$ACTION_1:1", "[{"],
        ["$ACTION_KEY", "k"],
      ]).body,
      "",
      [],
    ],
    [
      "bound arguments forged",
      multipart([
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", '{"id":"ffff","bound":"$@1"}'],
        ["$ACTION_1:1", '[{"__proto__":{"x":1}}]'],
        ["$ACTION_KEY", "k"],
      ]).body,
      "",
      [],
    ],
    ["many fields", multipart(Array.from({ length: 5000 }, (_, i): Field => [`f${i}`, "x"])).body, "", []],
    ["a huge field name", multipart([["n".repeat(100_000), "x"], actionField]).body, "", []],
    [
      "urlencoded with an action id",
      Buffer.from(`${encodeURIComponent(actionField[0])}=&name=%`),
      "application/x-www-form-urlencoded",
      [],
    ],
    [
      "Next-Action forged, text body",
      Buffer.from('["$@1", {"__proto__": {"polluted": true}}]'),
      "text/plain;charset=UTF-8",
      ["Next-Action: 7f" + "0".repeat(40)],
    ],
    ["Next-Action garbage", Buffer.from("[]"), "text/plain;charset=UTF-8", ["Next-Action: ../../../etc/passwd"]],
    [
      "Next-Action with CRLF-like value",
      Buffer.from("[]"),
      "text/plain;charset=UTF-8",
      ["Next-Action: %0d%0aX-Injected:%201"],
    ],
    ["JSON body", Buffer.from('{"name":"<script>alert(1)</script>"}'), "application/json", []],
    [
      "XML body",
      Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
      "application/xml",
      [],
    ],
    ["invalid UTF-8 in fields", multipart([actionField, ["name", "\udcff"]]).body, "", []],
    ["empty body", Buffer.alloc(0), "multipart/form-data; boundary=x", []],
  ];
  for (const [label] of bodies) note(`body:${label}`);
  await inParallel(
    bodies.flatMap(([label, body, type, extra]) =>
      ["/da/kontakt", itemPath, "/da/admin/login", "/da/artikler", "/da/admin/items"].map((path) => ({
        label,
        path,
        body,
        type,
        extra,
      })),
    ),
    ({ label, path, body, type, extra }) =>
      post(
        path,
        body,
        type || `multipart/form-data; boundary=${/^--(\S+)/.exec(body.toString("latin1"))?.[1] ?? "x"}`,
        label,
        extra,
      ),
  );
  // Requests that break HTTP itself.
  const broken = [
    "GET /da HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "GET /da HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX: a\rb\r\n\r\n",
    "GET /da\r\n\r\n",
    "BREW /da HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "GET /da HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n",
    "GET /da/artikler?q=\u0000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "GET /da/\u00e6\u00f8\u00e5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "TRACE /da HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "DELETE /da/admin/items HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "PUT /files/x.pdf HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx",
    `GET /da HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Long: ${"a".repeat(20_000)}\r\n\r\n`,
    // Request targets that are no path: the asterisk form and the absolute form.
    "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "GET http://evil.example/da HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  ];
  for (const request of broken) note(`http:${request}`);
  for (const request of broken) check(`raw ${JSON.stringify(request.slice(0, 50))}`, await send(request));

  const after = await rowCounts(opened.url);
  await opened.close();
  const grew = Object.keys(after).filter((table) => !writable.has(table) && after[table] !== before[table]);

  console.log(
    `hostile input: ${distinct.size} distinct inputs in ${sent} requests; ${problems.length} problems, ${unreadableAnswers.length} unreadable form bodies answered 400; rows added: ${
      Object.keys(after)
        .filter((t) => after[t] !== before[t])
        .map((t) => `${t} +${after[t]! - before[t]!}`)
        .join(", ") || "none"
    }`,
  );
  if (problems.length) console.log(`problems:\n  ${problems.join("\n  ")}`);
  expect(distinct.size).toBeGreaterThanOrEqual(150);
  expect(problems).toEqual([]);
  expect(unreadableAnswers.length, "unreadable form bodies sent to public pages").toBeGreaterThanOrEqual(12);
  expect(grew, "tables written by anonymous callers").toEqual([]);
});

function decodeURIComponentSafe(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
