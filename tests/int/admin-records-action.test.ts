// The records form's server action as the browser calls it (previous state, form data): a failed save
// returns every value that was sent with translated messages per field and writes nothing; a good save
// revalidates the public pages' tags and goes back to the list; an expired session keeps the typed text.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTranslator } from "use-intl/core";
import da from "@/messages/da.json";
import sv from "@/messages/sv.json";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import type { Db } from "@/lib/database/client";
import type { RecordFormState } from "@/lib/admin/actions/records";
import { fixtureContent } from "../helpers/content";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const cookieJar = new Map<string, string>();
const revalidated: string[] = [];
let activeClient: Db | undefined;

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { name, value: cookieJar.get(name)! } : undefined),
    has: (name: string) => cookieJar.has(name),
  }),
  headers: async () => new Headers(),
}));
vi.mock("@/lib/db", () => ({ db: () => activeClient! }));
vi.mock("next/cache", () => ({
  revalidateTag: (tag: string) => void revalidated.push(tag),
  unstable_cache: (fn: unknown) => fn,
}));
// The app's own messages, through the same formatter next-intl uses.
vi.mock("next-intl/server", () => ({
  getTranslations: async ({ locale, namespace }: { locale: "da" | "sv"; namespace: string }) =>
    createTranslator({ locale, messages: locale === "sv" ? sv : da, namespace: namespace as never }),
}));

const databases = testDatabases({ beforeAll, afterAll });
const { saveRecordAction } = await import("@/lib/admin/actions/records");
const { createSession } = await import("@/lib/auth/sessions");
const { sessionCookieName } = await import("@/lib/auth/cookie");

const initial = (id: string | null): RecordFormState => ({
  attempt: 0,
  id,
  version: 1,
  values: {},
  errors: {},
  formError: null,
});

// Checkbox groups send a value per box; any other field sent twice keeps the later value.
function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) {
    if (["languages", "defaultFor", "topicIds"].includes(key)) data.append(key, value);
    else data.set(key, value);
  }
  return data;
}

async function outcome(call: () => Promise<RecordFormState>): Promise<RecordFormState | { redirect: string }> {
  try {
    return await call();
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2]! };
    throw error;
  }
}

describe.each(databases)("the records action on the $name database", (database) => {
  let adviserId: string;
  let topicIds: Record<string, string>;

  beforeEach(async () => {
    const client = database.client();
    activeClient = client;
    await truncateCatalogue(client);
    await importCatalogue(client, await loadCatalogue(fixtureContent));
    const editor = await client.staffUser.create({
      data: { email: "ed@example.org", name: "Ed", passwordHash: "x", role: "editor" },
    });
    cookieJar.set(sessionCookieName, (await createSession(client, editor.id)).token);
    adviserId = (await client.adviser.findUniqueOrThrow({ where: { slug: "sven-prov" } })).id;
    topicIds = Object.fromEntries((await client.topic.findMany()).map((t) => [t.slug, t.id]));
    revalidated.length = 0;
  });

  const adviserForm = (uiLocale: string, patch: [string, string][]) =>
    form([
      ["uiLocale", uiLocale],
      ["recordKind", "advisers"],
      ["id", adviserId],
      ["name", "Sven Prov"],
      ["titleDa", "Udreder"],
      ["titleSv", "Utredare"],
      ["email", "sven@example.org"],
      ["phone", ""],
      ["organisationId", ""],
      ...patch,
    ]);

  it("answers a bad save with everything that was sent and a translated message per field, and writes nothing", async () => {
    const client = database.client();
    const before = await client.adviser.findUniqueOrThrow({ where: { id: adviserId }, include: { topics: true } });
    const audit = await client.auditLog.count();
    const sent = adviserForm("da", [
      ["name", "Sven Ændret"],
      ["email", "ikke en adresse"],
      ["topicIds", topicIds.samarbejde!],
      ["topicIds", topicIds.beskaeftigelse!],
      ["defaultFor", "da"],
    ]);
    const state = await outcome(() => saveRecordAction(initial(adviserId), sent));
    expect(state).toMatchObject({
      attempt: 1,
      id: adviserId,
      formError: null,
      values: {
        name: "Sven Ændret",
        email: "ikke en adresse",
        topicIds: [topicIds.samarbejde, topicIds.beskaeftigelse],
        languages: [],
        defaultFor: ["da"],
      },
      errors: {
        email: "E-mail skal være en gyldig e-mailadresse",
        languages: "Vælg mindst ét sprog, rådgiveren kan svare på",
      },
    });
    // The form's next answer counts on from the previous one.
    const again = await outcome(() => saveRecordAction(state as RecordFormState, sent));
    expect((again as RecordFormState).attempt).toBe(2);

    // With the language fixed, the next problem is the default language Anna already has, in Swedish here.
    const swedish = await outcome(() =>
      saveRecordAction(
        initial(adviserId),
        adviserForm("sv", [
          ["languages", "sv"],
          ["defaultFor", "da"],
        ]),
      ),
    );
    expect((swedish as RecordFormState).errors).toEqual({
      defaultFor: "Anna Test är redan standardrådgivare för danska. Ta först bort markeringen hos Anna Test",
    });
    expect(await client.adviser.findUniqueOrThrow({ where: { id: adviserId }, include: { topics: true } })).toEqual(
      before,
    );
    expect(await client.auditLog.count()).toBe(audit);
    expect(revalidated).toEqual([]);
  });

  it("saves a good form, revalidates the adviser and catalogue pages and goes back to the list", async () => {
    const client = database.client();
    const result = await outcome(() =>
      saveRecordAction(
        initial(adviserId),
        adviserForm("sv", [
          ["languages", "sv"],
          ["languages", "da"],
          ["defaultFor", "sv"],
          ["topicIds", topicIds.beskaeftigelse!],
        ]),
      ),
    );
    expect(result).toEqual({ redirect: `/sv/admin/advisers?saved=${adviserId}` });
    expect([...revalidated].sort()).toEqual(["advisers", "catalogue"]);
    const row = await client.adviser.findUniqueOrThrow({ where: { id: adviserId }, include: { topics: true } });
    expect([...row.languages].sort()).toEqual(["da", "sv"]);
    expect(row.topics.map((t) => t.topicId)).toEqual([topicIds.beskaeftigelse]);
  });

  it("renames an adviser through the form and says where the old address leads; a taken slug comes back translated", async () => {
    const client = database.client();
    const taken = await outcome(() =>
      saveRecordAction(
        initial(adviserId),
        adviserForm("da", [
          ["slug", "anna-test"],
          ["languages", "sv"],
        ]),
      ),
    );
    expect(taken).toMatchObject({
      values: { slug: "anna-test" },
      errors: { slug: "Adresse (slug) er allerede i brug" },
    });
    expect(revalidated).toEqual([]);
    const renamed = await outcome(() =>
      saveRecordAction(
        initial(adviserId),
        adviserForm("sv", [
          ["slug", "sven-nytt-namn"],
          ["languages", "sv"],
        ]),
      ),
    );
    expect(renamed).toEqual({ redirect: `/sv/admin/advisers?saved=${adviserId}&from=sven-prov` });
    expect([...revalidated].sort()).toEqual(["advisers", "catalogue"]);
    expect((await client.adviser.findUniqueOrThrow({ where: { id: adviserId } })).slug).toBe("sven-nytt-namn");
    expect(await client.recordSlugRedirect.findMany({ select: { kind: true, slug: true, recordId: true } })).toEqual([
      { kind: "advisers", slug: "sven-prov", recordId: adviserId },
    ]);
  });

  it("refuses a save made from a stale version with a translated message, keeps what was typed, and lets the next save through", async () => {
    const client = database.client();
    const version = (await client.adviser.findUniqueOrThrow({ where: { id: adviserId } })).version;
    const first = adviserForm("da", [
      ["titleDa", "Først gemt"],
      ["languages", "da"],
      ["version", String(version)],
    ]);
    expect(await outcome(() => saveRecordAction(initial(adviserId), first))).toEqual({
      redirect: `/da/admin/advisers?saved=${adviserId}`,
    });
    // A second form opened at the same version: its save would silently undo the first.
    const stale = adviserForm("sv", [
      ["titleDa", "Gemt bagefter"],
      ["languages", "sv"],
      ["version", String(version)],
    ]);
    const refused = await outcome(() => saveRecordAction(initial(adviserId), stale));
    expect(refused).toMatchObject({
      version: version + 1,
      values: { titleDa: "Gemt bagefter", languages: ["sv"] },
      errors: {
        form: expect.stringContaining(`Någon annan har sparat den här posten under tiden (version ${version + 1})`),
      },
    });
    const stored = await client.adviser.findUniqueOrThrow({ where: { id: adviserId } });
    expect(stored).toMatchObject({ titleDa: "Først gemt", languages: ["da"], version: version + 1 });
    // The editor was told; saving again from the answer goes over the version now stored.
    const retry = adviserForm("sv", [
      ["titleDa", "Gemt bagefter"],
      ["languages", "sv"],
      ["version", String(version + 1)],
    ]);
    expect(await outcome(() => saveRecordAction(refused as RecordFormState, retry))).toEqual({
      redirect: `/sv/admin/advisers?saved=${adviserId}`,
    });
    expect(await client.adviser.findUniqueOrThrow({ where: { id: adviserId } })).toMatchObject({
      titleDa: "Gemt bagefter",
      version: version + 2,
    });
  });

  it("keeps what was typed when the session has expired", async () => {
    cookieJar.clear();
    const state = await outcome(() =>
      saveRecordAction(initial(adviserId), adviserForm("da", [["titleDa", "Ny titel skrevet for længe siden"]])),
    );
    expect(state).toMatchObject({
      formError: "signedOut",
      id: adviserId,
      values: { titleDa: "Ny titel skrevet for længe siden" },
    });
    expect((await database.client().adviser.findUniqueOrThrow({ where: { id: adviserId } })).titleDa).toBe("Udreder");
  });

  it("lets an admin create a place with kind, country and parent through the form, and refuses an editor", async () => {
    const client = database.client();
    const parent = (await client.place.findUniqueOrThrow({ where: { slug: "nordregion" } })).id;
    const placeForm = () =>
      form([
        ["uiLocale", "da"],
        ["recordKind", "places"],
        ["id", ""],
        ["slug", "ny-by"],
        ["name", "Ny By"],
        ["kind", "city"],
        ["country", "DK"],
        ["parentId", parent],
      ]);
    // The editor of the other tests may not.
    await expect(saveRecordAction(initial(null), placeForm())).rejects.toMatchObject({ reason: "role" });
    expect(await client.place.count({ where: { slug: "ny-by" } })).toBe(0);

    const admin = await client.staffUser.create({
      data: { email: "ad@example.org", name: "Ad", passwordHash: "x", role: "admin" },
    });
    cookieJar.set(sessionCookieName, (await createSession(client, admin.id)).token);
    const result = await outcome(() => saveRecordAction(initial(null), placeForm()));
    const place = await client.place.findUniqueOrThrow({ where: { slug: "ny-by" } });
    expect(result).toEqual({ redirect: `/da/admin/places?saved=${place.id}` });
    expect(place).toMatchObject({ name: "Ny By", kind: "city", country: "DK", parentId: parent });
    expect(revalidated).toEqual(["catalogue"]);

    // Making Nordregion a part of its own new town is refused, in words.
    const loop = await outcome(() =>
      saveRecordAction(
        initial(parent),
        form([
          ["uiLocale", "da"],
          ["recordKind", "places"],
          ["id", parent],
          ["name", "Nordregion"],
          ["kind", "region"],
          ["country", "DK"],
          ["parentId", place.id],
        ]),
      ),
    );
    expect((loop as RecordFormState).errors).toEqual({ parentId: da.Admin.records.errors.parentCycle });
    expect((loop as RecordFormState).values).toMatchObject({ kind: "region", parentId: place.id });
  });
});
