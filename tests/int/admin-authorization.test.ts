// Every admin server action, route handler and page, found by listing the files, refuses an anonymous
// caller, and those meant for admins refuse an editor; nothing in the database changes on a refusal
// except the audit log, which records each refused call with the client's address.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testDatabases } from "../helpers/databases";
import type { Db } from "@/lib/database/client";

const cookieJar = new Map<string, string>();
let activeClient: Db | undefined;

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name)! } : undefined),
    has: (name: string) => cookieJar.has(name),
    set: () => {
      throw new Error("a refused call must not set cookies");
    },
    delete: () => {
      throw new Error("a refused call must not delete cookies");
    },
  }),
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }),
}));
vi.mock("@/lib/db", () => ({ db: () => activeClient! }));
vi.mock("next/cache", () => ({
  revalidateTag: () => {
    throw new Error("a refused call must not revalidate");
  },
  unstable_cache: (fn: unknown) => fn,
}));

const databases = testDatabases({ beforeAll, afterAll });
const root = path.resolve(import.meta.dirname, "../..");

function walk(dir: string, match: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full, match));
    else if (match(full)) out.push(full);
  }
  return out;
}

const actionFiles = [
  ...walk(path.join(root, "lib/admin/actions"), (f) => f.endsWith(".ts")),
  path.join(root, "lib/auth/actions.ts"),
];
const adminApp = path.join(root, "app/[locale]/admin");
const apiAdmin = path.join(root, "app/api/admin");
const routeFiles = [adminApp, apiAdmin]
  .filter((dir) => {
    try {
      return statSync(dir).isDirectory();
    } catch {
      return false;
    }
  })
  .flatMap((dir) => walk(dir, (f) => f.endsWith("route.ts")));
const pageFiles = walk(adminApp, (f) => f.endsWith("page.tsx"));

// Open to anyone by design: the login, and the steps of a login that waits for its second factor (they
// act only on such a waiting session and send anyone else to the login page).
const publicActions = new Set(["login"]);
const pendingLoginActions = new Set(["verifySecondFactor", "confirmEnrolment"]);
const publicPages = new Set(["login/page.tsx"]);
// Pages under these folders are for admins only.
const adminOnlyFolders = ["staff", "audit", "topics", "organisations", "places", "export", "mail", "alerts"];

const { AccessDenied } = await import("@/lib/auth/guard");
const { createSession } = await import("@/lib/auth/sessions");
const { sessionCookieName } = await import("@/lib/auth/cookie");

type Action = ((...args: unknown[]) => Promise<unknown>) & { requiredRole?: string };

async function counts(client: Db) {
  return {
    items: await client.item.count(),
    revisions: await client.revision.count(),
    // Refusals are recorded (and, past the cap on anonymous callers, noted once as capped): nothing else may be
    audit: await client.auditLog.count({ where: { action: { notIn: ["access.refused", "audit.capped"] } } }),
    staff: await client.staffUser.count({ where: { active: true } }),
    sessions: await client.session.count(),
    messages: await client.contactMessage.count(),
    failedMail: await client.mailOutbox.count({ where: { failedAt: { not: null } } }),
    attachments: await client.attachment.count(),
    topics: await client.topic.count(),
    glossary: await client.glossaryTerm.count(),
    advisers: await client.adviser.count(),
    adviserTopics: await client.adviserTopic.count(),
    organisations: await client.organisation.count(),
    places: await client.place.count(),
    bestBets: await client.bestBet.count(),
    edited: await Promise.all(
      (["topic", "organisation", "place", "adviser", "glossaryTerm"] as const).map((model) =>
        (client[model] as unknown as { count: (a: unknown) => Promise<number> }).count({
          where: { adminEditedAt: { not: null } },
        }),
      ),
    ),
  };
}

function formWithEverything(ids: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries({
    uiLocale: "da",
    locale: "da",
    title: "Changed by a stranger",
    summary: "x",
    body: "x",
    type: "article",
    intent: "publish",
    version: "1",
    email: "intruder@example.org",
    name: "Intruder",
    role: "admin",
    password: "a long enough password 123",
    status: "closed",
    active: "false",
    slug: "stranger",
    term: "stranger",
    item1: "/da/artikler/auth-test",
    ...ids,
  })) {
    form.set(key, value);
  }
  return form;
}

async function refused(call: () => Promise<unknown>): Promise<string> {
  try {
    const result = await call();
    if (result && typeof result === "object" && "formError" in result && result.formError === "signedOut")
      return "anonymous";
    if (result && typeof result === "object" && "refused" in result) return String(result.refused);
    return `not refused: ${JSON.stringify(result)?.slice(0, 200)}`;
  } catch (error) {
    if (error instanceof AccessDenied) return error.reason;
    return `threw ${String(error)}`;
  }
}

describe.each(databases)("admin authorization on the $name database", (database) => {
  let ids: Record<string, string>;
  let editorToken: string;

  beforeAll(async () => {
    const client = database.client();
    activeClient = client;
    const item = await client.item.create({
      data: {
        contentKey: "da/article/auth-test",
        type: "article",
        locale: "da",
        slug: "auth-test",
        title: "T",
        summary: "S",
      },
    });
    const revision = await client.revision.create({
      data: { itemId: item.id, version: 1, authorName: "x", action: "save", snapshot: {} },
    });
    const admin = await client.staffUser.create({
      data: { email: "a@example.org", name: "A", passwordHash: "x", role: "admin" },
    });
    const editor = await client.staffUser.create({
      data: { email: "e@example.org", name: "E", passwordHash: "x", role: "editor" },
    });
    const message = await client.contactMessage.create({
      data: {
        reference: "AAAA-BBBB-CCCC-DDDD",
        submissionKey: "k",
        locale: "da",
        name: "n",
        email: "n@example.org",
        subject: "s",
        message: "m",
        outbox: {
          create: { toAddress: "x@example.org", subject: "s", textBody: "m", messageId: "<a@t>", failedAt: new Date() },
        },
      },
      include: { outbox: true },
    });
    const topic = await client.topic.create({ data: { slug: "t", nameDa: "t", nameSv: "t" } });
    const term = await client.glossaryTerm.create({
      data: {
        slug: "g",
        termDa: "g",
        termSv: "g",
        synonymsDa: [],
        synonymsSv: [],
        explanationDa: "e",
        explanationSv: "e",
      },
    });
    ids = {
      id: item.id,
      itemId: item.id,
      revisionId: revision.id,
      userId: admin.id,
      staffId: admin.id,
      messageId: message.id,
      mailId: message.outbox[0]!.id,
      topicId: topic.id,
      termId: term.id,
    };
    editorToken = (await createSession(client, editor.id)).token;
  });

  it("finds the admin's actions, pages and route handlers", () => {
    expect(actionFiles.length).toBeGreaterThanOrEqual(2);
    expect(pageFiles.length).toBeGreaterThanOrEqual(5);
  });

  for (const file of actionFiles) {
    it(`every action in ${path.relative(root, file)} refuses anonymous callers and, where meant for admins, editors`, async () => {
      const client = database.client();
      activeClient = client;
      const actionModule = (await import(file)) as Record<string, unknown>;
      const actions = Object.entries(actionModule).filter(([, v]) => typeof v === "function") as [string, Action][];
      expect(actions.length).toBeGreaterThan(0);
      for (const [name, action] of actions) {
        if (publicActions.has(name)) continue;
        if (pendingLoginActions.has(name)) {
          const before = await counts(client);
          // A logged-in member may enrol a second factor of their own choice, so only the code step refuses one.
          const tokens =
            name === "verifySecondFactor" ? [undefined, "forged-token", editorToken] : [undefined, "forged-token"];
          for (const token of tokens) {
            cookieJar.clear();
            if (token) cookieJar.set(sessionCookieName, token);
            const outcome = await action({ error: null }, formWithEverything(ids)).then(
              () => "answered",
              (error: { digest?: string }) => error.digest ?? String(error),
            );
            expect(outcome, `${name} with ${token ?? "no"} session`).toMatch(
              /^NEXT_REDIRECT;replace;\/da\/admin\/login;/,
            );
          }
          expect(await counts(client), name).toEqual(before);
          continue;
        }
        const refusalsBefore = await client.auditLog.count({ where: { action: "access.refused" } });
        // An action without the guard's mark was not made with staffAction: that alone fails.
        expect(action.requiredRole, `${name} is guarded`).toMatch(/^(admin|editor)$/);
        const before = await counts(client);
        cookieJar.clear();
        expect(await refused(() => action({ attempt: 0, values: {} }, formWithEverything(ids))), name).toBe(
          "anonymous",
        );
        // With a forged cookie as well.
        cookieJar.set(sessionCookieName, "forged-token");
        expect(await refused(() => action(formWithEverything(ids))), name).toBe("anonymous");
        if (action.requiredRole === "admin") {
          cookieJar.set(sessionCookieName, editorToken);
          expect(await refused(() => action({ attempt: 0, values: {} }, formWithEverything(ids))), name).toBe("role");
        }
        expect(await counts(client), name).toEqual(before);
        const refusals = await client.auditLog.findMany({
          where: { action: "access.refused" },
          orderBy: { at: "desc" },
          take: 1,
        });
        expect(
          (await client.auditLog.count({ where: { action: "access.refused" } })) - refusalsBefore,
          `${name}: refusals audited`,
        ).toBe(action.requiredRole === "admin" ? 3 : 2);
        expect(refusals[0]?.clientAddress).toBe("203.0.113.9");
      }
    });
  }

  it("every admin route handler answers 401 to anonymous callers and 403 to editors where meant for admins", async () => {
    activeClient = database.client();
    for (const file of routeFiles) {
      const routeModule = (await import(file)) as Record<string, Action>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
        const handler = routeModule[method];
        if (!handler) continue;
        expect(handler.requiredRole, `${file} ${method}`).toMatch(/^(admin|editor)$/);
        const before = await counts(database.client());
        const request = () =>
          new Request("http://localhost/da/admin/x", {
            method,
            body: method === "GET" ? undefined : formWithEverything(ids),
          });
        const context = { params: Promise.resolve({ locale: "da", id: ids.id }) };
        cookieJar.clear();
        expect(((await handler(request(), context)) as Response).status, `${file} ${method}`).toBe(401);
        if (handler.requiredRole === "admin") {
          cookieJar.set(sessionCookieName, editorToken);
          expect(((await handler(request(), context)) as Response).status, `${file} ${method}`).toBe(403);
        }
        expect(await counts(database.client())).toEqual(before);
      }
    }
  });

  it("every admin page sends anonymous visitors to the login page and hides admin pages from editors", async () => {
    activeClient = database.client();
    for (const file of pageFiles) {
      const relative = path.relative(adminApp, file);
      if (publicPages.has(relative)) continue;
      const Page = ((await import(file)) as { default: (props: unknown) => Promise<unknown> }).default;
      const props = {
        params: Promise.resolve({ locale: "da", id: ids.id }),
        searchParams: Promise.resolve({}),
      };
      cookieJar.clear();
      const anonymous = await Page(props).then(
        () => "rendered",
        (error: { digest?: string }) => error.digest ?? String(error),
      );
      expect(anonymous, relative).toMatch(/^NEXT_REDIRECT;replace;\/da\/admin\/login;/);
      if (relative === "[kind]/page.tsx") {
        cookieJar.set(sessionCookieName, editorToken);
        for (const kind of ["topics", "organisations", "places", "unknown"]) {
          const editor = await Page({ ...props, params: Promise.resolve({ locale: "da", kind }) }).then(
            () => "rendered",
            (error: { digest?: string }) => error.digest ?? String(error),
          );
          expect(editor, `${relative} ${kind}`).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
        }
      }
      if (adminOnlyFolders.some((folder) => relative.startsWith(`${folder}/`) || relative === `${folder}/page.tsx`)) {
        cookieJar.set(sessionCookieName, editorToken);
        const editor = await Page(props).then(
          () => "rendered",
          (error: { digest?: string }) => error.digest ?? String(error),
        );
        expect(editor, relative).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
      }
    }
  });

  it("an editor may not save or create topics, organisations or places through the records action", async () => {
    const client = database.client();
    activeClient = client;
    const { saveRecordAction } = await import("@/lib/admin/actions/records");
    const organisation = await client.organisation.create({ data: { slug: "auth-org", name: "Org" } });
    const place = await client.place.create({ data: { slug: "auth-place", name: "P", kind: "region", country: "DK" } });
    const before = await counts(client);
    cookieJar.set(sessionCookieName, editorToken);
    const attempts: [string, string | null, Record<string, string>][] = [
      ["topics", ids.topicId!, { nameDa: "Overtaget", nameSv: "Övertaget" }],
      ["topics", null, { slug: "ny-emne", nameDa: "Ny", nameSv: "Ny" }],
      ["organisations", organisation.id, { name: "Overtaget", country: "SE" }],
      ["organisations", null, { slug: "ny-org", name: "Ny", country: "SE" }],
      ["places", place.id, { name: "Overtaget", kind: "city", country: "SE", parentId: "" }],
      ["places", null, { slug: "nyt-sted", name: "Nyt", kind: "city", country: "SE", parentId: place.id }],
      ["nonsense", ids.topicId!, { nameDa: "Overtaget" }],
    ];
    for (const [kind, id, fields] of attempts) {
      const form = formWithEverything(ids);
      form.set("recordKind", kind);
      form.set("id", id ?? "");
      for (const [key, value] of Object.entries(fields)) form.set(key, value);
      const state = { attempt: 0, id, version: 1, values: {}, errors: {}, formError: null };
      expect(await refused(() => saveRecordAction(state, form)), `${kind} ${id ? "update" : "create"}`).toBe("role");
    }
    expect(await counts(client)).toEqual(before);
    expect((await client.topic.findUniqueOrThrow({ where: { id: ids.topicId } })).nameDa).toBe("t");
    expect(await client.organisation.findUniqueOrThrow({ where: { id: organisation.id } })).toMatchObject({
      name: "Org",
      country: null,
    });
    expect(await client.place.findUniqueOrThrow({ where: { id: place.id } })).toMatchObject({
      name: "P",
      kind: "region",
      country: "DK",
    });
  });

  it("an editor may not delete topics, organisations or places through the delete action", async () => {
    const client = database.client();
    activeClient = client;
    const { deleteRecordAction } = await import("@/lib/admin/actions/record-delete");
    const topic = await client.topic.create({ data: { slug: "auth-del-topic", nameDa: "t", nameSv: "t" } });
    const organisation = await client.organisation.create({ data: { slug: "auth-del-org", name: "Org" } });
    const place = await client.place.create({
      data: { slug: "auth-del-place", name: "P", kind: "region", country: "DK" },
    });
    const before = await counts(client);
    cookieJar.set(sessionCookieName, editorToken);
    for (const [kind, id] of [
      ["topics", topic.id],
      ["organisations", organisation.id],
      ["places", place.id],
      ["nonsense", topic.id],
    ] as const) {
      const form = new FormData();
      form.set("uiLocale", "da");
      form.set("recordKind", kind);
      form.set("recordId", id);
      form.set("version", "1");
      expect(await refused(() => deleteRecordAction(form)), kind).toBe("role");
    }
    expect(await counts(client)).toEqual(before);
    expect(await client.topic.count({ where: { id: topic.id } })).toBe(1);
    expect(await client.organisation.count({ where: { id: organisation.id } })).toBe(1);
    expect(await client.place.count({ where: { id: place.id } })).toBe(1);
  });
});
