// The contact form's server action when the database connection drops in the middle of storing a
// question: the visitor gets the translated "try again" message with every typed value back (the
// form renders from the returned state, with or without JavaScript), nothing is stored half-way,
// and sending the same form again once the database is back stores it once.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTranslator } from "use-intl/core";
import da from "@/messages/da.json";
import sv from "@/messages/sv.json";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { createPrismaClient, type Db } from "@/lib/database/client";
import type { ContactFormState } from "@/lib/contact/fields";
import { fixtureContent } from "../helpers/content";
import { testDatabases, truncateCatalogue } from "../helpers/databases";
import { TcpRelay } from "../helpers/relay";

let activeClient: Db | undefined;
const kicked: unknown[] = [];

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.77" }),
  cookies: async () => ({ get: () => undefined, has: () => false }),
}));
vi.mock("@/lib/db", () => ({ db: () => activeClient! }));
vi.mock("next/server", () => ({ after: (fn: unknown) => void kicked.push(fn) }));
// The app's own messages, through the same formatter next-intl uses.
vi.mock("next-intl/server", () => ({
  getTranslations: async ({ locale, namespace }: { locale: "da" | "sv"; namespace: string }) =>
    createTranslator({ locale, messages: locale === "sv" ? sv : da, namespace: namespace as never }),
}));

const databases = testDatabases({ beforeAll, afterAll });
const { sendContactMessage } = await import("@/lib/contact/actions");

const typed = {
  name: "Åsa Öberg",
  email: "asa@kommun.example",
  organisation: "Arbetsmarknadsförvaltningen",
  municipality: "Växjö",
  subject: "Upphandling med sociala hänsyn",
  message: "Hur har ni gjort?\nTack på förhand!",
  consent: "yes",
  adviser: "",
  item: "",
};

function form(locale: "da" | "sv", key: string): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries({ ...typed, locale, key, started: "" })) data.set(k, v);
  return data;
}

const initial: ContactFormState = {
  attempt: 0,
  values: { ...Object.fromEntries(Object.keys(typed).map((k) => [k, ""])), key: "", started: "" } as never,
  errors: {},
  formError: null,
};

async function outcome(call: () => Promise<ContactFormState>): Promise<ContactFormState | { redirect: string }> {
  try {
    return await call();
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2]! };
    throw error;
  }
}

describe.each(databases)("the contact form when the database drops on the $name database", (database) => {
  let client: Db;
  let relay: TcpRelay;
  let through: Db;

  beforeAll(async () => {
    client = database.client();
    await truncateCatalogue(client);
    await importCatalogue(client, await loadCatalogue(fixtureContent));
    relay = TcpRelay.forUrl(database.url());
    await relay.start();
    through = createPrismaClient(relay.url(database.url()), 2);
    activeClient = through;
  });
  afterAll(async () => {
    await through.$disconnect();
    await relay.stop();
  });
  beforeEach(async () => {
    await client.$executeRawUnsafe(`TRUNCATE "ContactMessage", "MailOutbox", "RateLimitBucket" CASCADE`);
    relay.restore();
    kicked.length = 0;
  });

  for (const locale of ["da", "sv"] as const) {
    it(`in ${locale}: a connection cut between the question's and its e-mail's INSERT returns the translated error, keeps every typed value and stores nothing`, async () => {
      const key = `fault-key-${locale}-0123456789abcdef`;
      const cutsBefore = relay.cuts;
      // Cut the moment the e-mail's row is sent to the database: the question's row is already written
      // inside the same transaction.
      let questionWritten = false;
      relay.cutWhen = (chunk) => {
        const text = chunk.toString("latin1");
        if (/INSERT INTO "public"."MailOutbox"/.test(text)) return true;
        if (/INSERT INTO "public"."ContactMessage"/.test(text)) questionWritten = true;
        return false;
      };
      const state = await outcome(() => sendContactMessage(initial, form(locale, key)));
      expect(relay.cuts - cutsBefore).toBe(1);
      expect(questionWritten).toBe(true);
      expect(state).toMatchObject({
        attempt: 1,
        formError: (locale === "sv" ? sv : da).Forms.unavailable,
        errors: {},
        values: { ...typed, key },
      });
      expect(await client.contactMessage.count()).toBe(0);
      expect(await client.mailOutbox.count()).toBe(0);
      expect(kicked).toHaveLength(0);

      // The database is back: the same form (same key) is stored once and leads to the receipt.
      relay.restore();
      const again = await outcome(() => sendContactMessage(state as ContactFormState, form(locale, key)));
      expect(again).toMatchObject({ redirect: expect.stringMatching(/receipt|kvitto|kvittering/) });
      const replay = await outcome(() => sendContactMessage(initial, form(locale, key)));
      expect(replay).toEqual(again);
      expect(await client.contactMessage.count()).toBe(1);
      expect(await client.mailOutbox.count()).toBe(1);
    });
  }

  it("a database that cannot be reached at all returns the same translated error with the typed values", async () => {
    relay.cut();
    const state = await outcome(() => sendContactMessage(initial, form("da", "fault-key-down-0123456789abcdef")));
    expect(state).toMatchObject({ formError: da.Forms.unavailable, values: typed });
    relay.restore();
    expect(await client.contactMessage.count()).toBe(0);
  });
});
