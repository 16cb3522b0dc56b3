// Editors lose nothing when the database goes away in the middle of a save: the connection runs through a
// TCP relay that the test cuts as the save's transaction sends one of its statements. The action answers with
// a translated message and every typed value; once the relay is back the same save works, once.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTranslator } from "use-intl/core";
import da from "@/messages/da.json";
import sv from "@/messages/sv.json";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { createPrismaClient, type Db } from "@/lib/database/client";
import type { EditorState } from "@/lib/admin/actions/items";
import type { RecordFormState } from "@/lib/admin/actions/records";
import { emptyItemValues } from "@/lib/admin/item-form";
import { fixtureContent } from "../helpers/content";
import { testDatabases, truncateCatalogue } from "../helpers/databases";
import { Relay } from "../helpers/cut-relay";

const cookieJar = new Map<string, string>();
let activeClient: Db | undefined;

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name)! } : undefined),
    has: (name: string) => cookieJar.has(name),
  }),
  headers: async () => new Headers(),
}));
vi.mock("@/lib/db", () => ({ db: () => activeClient! }));
vi.mock("next/cache", () => ({ revalidateTag: () => undefined, unstable_cache: (fn: unknown) => fn }));
vi.mock("next-intl/server", () => ({
  getTranslations: async ({ locale, namespace }: { locale: "da" | "sv"; namespace: string }) =>
    createTranslator({ locale, messages: locale === "sv" ? sv : da, namespace: namespace as never }),
}));

const databases = testDatabases({ beforeAll, afterAll });
const { saveItemAction } = await import("@/lib/admin/actions/items");
const { saveRecordAction } = await import("@/lib/admin/actions/records");
const { createSession } = await import("@/lib/auth/sessions");
const { sessionCookieName } = await import("@/lib/auth/cookie");

async function outcome<S>(call: () => Promise<S>): Promise<S | { redirect: string }> {
  try {
    return await call();
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2]! };
    throw error;
  }
}

const figures: string[] = [];
afterAll(() => {
  console.log(`Database cut in the middle of a save:\n${figures.map((f) => `  ${f}`).join("\n")}`);
});

describe.each(databases)("admin saves through a cut database connection on the $name database", (database) => {
  let relay: Relay;
  let client: Db;

  beforeEach(async () => {
    const direct = database.client();
    await truncateCatalogue(direct);
    await importCatalogue(direct, await loadCatalogue(fixtureContent));
    const admin = await direct.staffUser.create({
      data: { email: "admin@example.org", name: "Admin", passwordHash: "x", role: "admin" },
    });
    cookieJar.set(sessionCookieName, (await createSession(direct, admin.id)).token);
    const through = await Relay.before(database.url());
    relay = through.relay;
    client = createPrismaClient(through.url, 2);
    activeClient = client;
  });
  afterEach(async () => {
    await relay.cut();
    await client.$disconnect().catch(() => undefined);
  });

  it("an item save cut half-way answers with a translated message and every typed value; after the relay is back it saves once", async () => {
    const direct = database.client();
    const values = {
      ...emptyItemValues(),
      type: "article",
      locale: "sv",
      title: "Ny artikel om samverkan",
      summary: "Skriven medan databasen försvann.",
      body: "## Bakgrund\n\nEn lång text som inte får gå förlorad.",
    };
    const form = new FormData();
    form.set("uiLocale", "sv");
    form.set("intent", "save");
    form.set("id", "");
    form.set("version", "0");
    for (const [key, value] of Object.entries(values)) if (typeof value === "string") form.set(key, value);
    const initial: EditorState = {
      attempt: 0,
      id: null,
      version: 0,
      values: emptyItemValues(),
      errors: {},
      formError: null,
      notice: null,
      conflict: null,
    };

    // The save's transaction has written the item when its revision is sent: the connection dies there.
    const cut = relay.cutOn(/INSERT INTO "public"\."Revision"/);
    const started = performance.now();
    const failed = await outcome(() => saveItemAction(initial, form));
    const answered = performance.now() - started;
    await cut;
    expect(failed).toMatchObject({
      attempt: 1,
      id: null,
      formError: sv.Admin.failures.database,
      values: { title: values.title, summary: values.summary, body: values.body, locale: "sv" },
    });
    expect(await direct.item.count({ where: { title: values.title } })).toBe(0);

    await relay.open();
    const again = performance.now();
    const saved = await outcome(() => saveItemAction(failed as EditorState, form));
    const savedIn = performance.now() - again;
    expect(saved).toMatchObject({ redirect: expect.stringMatching(/^\/sv\/admin\/items\/[0-9a-f-]{36}\?created=1$/) });
    expect(await direct.item.count({ where: { title: values.title } })).toBe(1);
    expect(await direct.revision.count({ where: { item: { title: values.title } } })).toBe(1);
    figures.push(
      `${database.name}, item: error answered after ${answered.toFixed(0)} ms; saved after reconnecting in ${savedIn.toFixed(0)} ms`,
    );
  });

  it("a record save cut half-way answers with a translated message and every typed value; after the relay is back it saves once, one version up", async () => {
    const direct = database.client();
    const adviser = await direct.adviser.findUniqueOrThrow({ where: { slug: "sven-prov" } });
    const form = new FormData();
    for (const [key, value] of [
      ["uiLocale", "da"],
      ["recordKind", "advisers"],
      ["id", adviser.id],
      ["version", String(adviser.version)],
      ["name", "Sven Prov"],
      ["titleDa", "Ny titel skrevet under nedbruddet"],
      ["titleSv", "Ny titel"],
      ["email", "sven@example.org"],
      ["phone", "+46 8 123 45 67"],
      ["organisationId", ""],
    ])
      form.set(key!, value!);
    form.append("languages", "sv");
    form.append("languages", "da");
    const initial: RecordFormState = {
      attempt: 0,
      id: adviser.id,
      version: adviser.version,
      values: {},
      errors: {},
      formError: null,
    };

    // The record is written when its audit entry is sent: the connection dies there.
    const cut = relay.cutOn(/INSERT INTO "public"\."AuditLog"/);
    const started = performance.now();
    const failed = await outcome(() => saveRecordAction(initial, form));
    const answered = performance.now() - started;
    await cut;
    expect(failed).toMatchObject({
      attempt: 1,
      id: adviser.id,
      version: adviser.version,
      errors: { form: da.Admin.failures.database },
      values: { titleDa: "Ny titel skrevet under nedbruddet", phone: "+46 8 123 45 67", languages: ["sv", "da"] },
    });
    expect((await direct.adviser.findUniqueOrThrow({ where: { id: adviser.id } })).titleDa).toBe(adviser.titleDa);

    await relay.open();
    const again = performance.now();
    expect(await outcome(() => saveRecordAction(failed as RecordFormState, form))).toEqual({
      redirect: `/da/admin/advisers?saved=${adviser.id}`,
    });
    const savedIn = performance.now() - again;
    const after = await direct.adviser.findUniqueOrThrow({ where: { id: adviser.id } });
    expect(after).toMatchObject({ titleDa: "Ny titel skrevet under nedbruddet", version: adviser.version + 1 });
    expect(await direct.adviser.count()).toBe(2);
    expect(await direct.auditLog.count({ where: { entityId: adviser.id } })).toBe(1);
    figures.push(
      `${database.name}, record: error answered after ${answered.toFixed(0)} ms; saved after reconnecting in ${savedIn.toFixed(0)} ms`,
    );
  });
});
