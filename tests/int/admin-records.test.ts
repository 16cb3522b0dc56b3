// The admin's catalogue records against a real database: an adviser's languages, default languages, topics
// and organisation; an organisation's country; a place's kind, country and parent, and new places. Every
// save is audited and survives the content import; every bad value is refused and writes nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { listRecords, saveRecord } from "@/lib/admin/records";
import type { RecordKind, RecordValues } from "@/lib/admin/record-form";
import type { Db } from "@/lib/database/client";
import { fixtureContent } from "../helpers/content";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });
const staff = { id: null as unknown as string, email: "admin@example.org" };

async function idsBySlug(client: Db) {
  const [topics, organisations, places, advisers] = await Promise.all([
    client.topic.findMany(),
    client.organisation.findMany(),
    client.place.findMany(),
    client.adviser.findMany(),
  ]);
  const map = (rows: { slug: string; id: string }[]) => Object.fromEntries(rows.map((r) => [r.slug, r.id]));
  return { topic: map(topics), organisation: map(organisations), place: map(places), adviser: map(advisers) };
}

// What a record's form shows now, changed by a patch: what an editor sends when changing some fields
async function formValues(client: Db, kind: RecordKind, id: string, patch: RecordValues): Promise<RecordValues> {
  const row = (await listRecords(client, kind)).find((r) => r.id === id)!;
  return { ...row.values, ...patch };
}

// Everything a refused save must leave as it was
async function snapshot(client: Db) {
  return {
    advisers: await client.adviser.findMany({ orderBy: { slug: "asc" }, include: { topics: true } }),
    organisations: await client.organisation.findMany({ orderBy: { slug: "asc" } }),
    places: await client.place.findMany({ orderBy: { slug: "asc" } }),
    audit: await client.auditLog.count(),
  };
}

describe.each(databases)("admin catalogue records on the $name database", (database) => {
  let ids: Awaited<ReturnType<typeof idsBySlug>>;

  beforeEach(async () => {
    const client = database.client();
    await truncateCatalogue(client);
    await importCatalogue(client, await loadCatalogue(fixtureContent));
    staff.id = (
      await client.staffUser.create({
        data: { email: staff.email, name: "Ada Admin", passwordHash: "x", role: "admin" },
      })
    ).id;
    ids = await idsBySlug(client);
  });

  it("marks a glossary term as a false friend and back, and the form reads the mark", async () => {
    const client = database.client();
    const term = await client.glossaryTerm.findFirstOrThrow();
    const first = await saveRecord(client, staff, "glossary", {
      id: term.id,
      values: await formValues(client, "glossary", term.id, { falseFriend: "true" }),
    });
    expect(first.status).toBe("saved");
    expect((await client.glossaryTerm.findUniqueOrThrow({ where: { id: term.id } })).falseFriend).toBe(true);
    expect((await formValues(client, "glossary", term.id, {})).falseFriend).toBe("true");
    await saveRecord(client, staff, "glossary", {
      id: term.id,
      values: await formValues(client, "glossary", term.id, { falseFriend: "" }),
    });
    expect((await client.glossaryTerm.findUniqueOrThrow({ where: { id: term.id } })).falseFriend).toBe(false);
  });

  it("saves an adviser's languages, default languages, topics and organisation, audited, and the import keeps them", async () => {
    const client = database.client();
    const anna = ids.adviser["anna-test"]!;
    const saved = await saveRecord(client, staff, "advisers", {
      id: anna,
      values: await formValues(client, "advisers", anna, {
        languages: ["da", "sv"],
        defaultFor: [],
        topicIds: [ids.topic.beskaeftigelse!],
        organisationId: ids.organisation.provbyran!,
      }),
    });
    expect(saved).toEqual({ status: "saved", id: anna, version: 2 });
    const row = await client.adviser.findUniqueOrThrow({ where: { id: anna }, include: { topics: true } });
    expect([...row.languages].sort()).toEqual(["da", "sv"]);
    expect(row.defaultFor).toEqual([]);
    expect(row.topics.map((t) => t.topicId)).toEqual([ids.topic.beskaeftigelse]);
    expect(row.organisationId).toBe(ids.organisation.provbyran);
    const entry = await client.auditLog.findFirstOrThrow({ where: { action: "advisers.update", entityId: anna } });
    expect(entry.actorEmail).toBe(staff.email);
    expect(entry.detail).toMatchObject({ topicIds: [ids.topic.beskaeftigelse], languages: ["da", "sv"] });

    // Danish is free now: the other adviser may answer for it by default as well as for Swedish.
    const sven = ids.adviser["sven-prov"]!;
    const second = await saveRecord(client, staff, "advisers", {
      id: sven,
      values: await formValues(client, "advisers", sven, { defaultFor: ["sv", "da"], organisationId: "" }),
    });
    expect(second.status).toBe("saved");
    const svenRow = await client.adviser.findUniqueOrThrow({ where: { id: sven } });
    expect([...svenRow.defaultFor].sort()).toEqual(["da", "sv"]);
    expect(svenRow.organisationId).toBeNull();

    // The files still say otherwise; the import leaves what was saved in the admin.
    await importCatalogue(client, await loadCatalogue(fixtureContent));
    const after = await client.adviser.findUniqueOrThrow({ where: { id: anna }, include: { topics: true } });
    expect([after.languages, after.defaultFor, after.topics.map((t) => t.topicId), after.organisationId]).toEqual([
      row.languages,
      [],
      [ids.topic.beskaeftigelse],
      ids.organisation.provbyran,
    ]);
    const values = (await listRecords(client, "advisers")).find((r) => r.id === anna)!.values;
    expect(values).toMatchObject({ topicIds: [ids.topic.beskaeftigelse], organisationId: ids.organisation.provbyran });
  });

  it("creates an adviser with languages, default language, topics and organisation", async () => {
    const client = database.client();
    await saveRecord(client, staff, "advisers", {
      id: ids.adviser["sven-prov"]!,
      values: await formValues(client, "advisers", ids.adviser["sven-prov"]!, { defaultFor: [] }),
    });
    const outcome = await saveRecord(client, staff, "advisers", {
      id: null,
      slug: "ny-raadgiver",
      values: {
        name: "Nina Ny",
        titleDa: "Rådgiver",
        titleSv: "Rådgivare",
        email: "nina@example.org",
        phone: "",
        organisationId: ids.organisation.testkontoret!,
        languages: ["sv"],
        defaultFor: ["sv"],
        topicIds: [ids.topic.samarbejde!, ids.topic.beskaeftigelse!],
      },
    });
    expect(outcome.status).toBe("saved");
    const row = await client.adviser.findUniqueOrThrow({ where: { slug: "ny-raadgiver" }, include: { topics: true } });
    expect(row).toMatchObject({
      name: "Nina Ny",
      languages: ["sv"],
      defaultFor: ["sv"],
      organisationId: ids.organisation.testkontoret,
      emailIsPlaceholder: false,
      phone: null,
    });
    expect(row.topics.map((t) => t.topicId).sort()).toEqual([ids.topic.samarbejde, ids.topic.beskaeftigelse].sort());
    expect(await client.auditLog.count({ where: { action: "advisers.create", entityId: row.id } })).toBe(1);
  });

  it("refuses an adviser without a language, another adviser's default language, unknown or malformed references and foreign values, writing nothing", async () => {
    const client = database.client();
    const sven = ids.adviser["sven-prov"]!;
    const before = await snapshot(client);
    const cases: [RecordValues, string, Record<string, unknown>][] = [
      [{ languages: [] }, "languages", { code: "chooseLanguage" }],
      [{ languages: ["fi"] }, "languages", { code: "invalid" }],
      [{ defaultFor: ["sv", "da"] }, "defaultFor", { code: "defaultTaken", name: "Anna Test", language: "da" }],
      [{ defaultFor: ["no"] }, "defaultFor", { code: "invalid" }],
      [{ organisationId: randomUUID() }, "organisationId", { code: "unknown" }],
      [{ organisationId: "testkontoret" }, "organisationId", { code: "invalid" }],
      [{ topicIds: [ids.topic.samarbejde!, randomUUID()] }, "topicIds", { code: "unknown" }],
      [{ topicIds: ["1 OR 1=1"] }, "topicIds", { code: "invalid" }],
      [{ email: "not an address" }, "email", { code: "email" }],
      [{ name: "  " }, "name", { code: "required" }],
      [{ titleDa: "x".repeat(201) }, "titleDa", { code: "tooLong", max: 200 }],
    ];
    for (const [patch, field, error] of cases) {
      const outcome = await saveRecord(client, staff, "advisers", {
        id: sven,
        values: await formValues(client, "advisers", sven, patch),
      });
      expect(outcome.status, JSON.stringify(patch)).toBe("invalid");
      if (outcome.status === "invalid") expect(outcome.errors[field], JSON.stringify(patch)).toMatchObject(error);
    }
    // A new adviser needs the same.
    const created = await saveRecord(client, staff, "advisers", {
      id: null,
      slug: "uden-sprog",
      values: { name: "U", titleDa: "T", titleSv: "T", email: "u@example.org", languages: [] },
    });
    expect(created).toMatchObject({ status: "invalid", errors: { languages: { code: "chooseLanguage" } } });
    expect(await snapshot(client)).toEqual(before);
  });

  it("saves an organisation's country and clears it again, and refuses a country that is not Danish or Swedish", async () => {
    const client = database.client();
    const org = ids.organisation.testkontoret!;
    const current = (await client.organisation.findUniqueOrThrow({ where: { id: org } })).country;
    const other = current === "SE" ? "DK" : "SE";
    expect(
      await saveRecord(client, staff, "organisations", {
        id: org,
        values: await formValues(client, "organisations", org, { country: other }),
      }),
    ).toEqual({ status: "saved", id: org, version: 2 });
    expect((await client.organisation.findUniqueOrThrow({ where: { id: org } })).country).toBe(other);
    await importCatalogue(client, await loadCatalogue(fixtureContent));
    expect((await client.organisation.findUniqueOrThrow({ where: { id: org } })).country).toBe(other);

    const before = await snapshot(client);
    for (const country of ["NO", "dk", "Danmark"]) {
      const refused = await saveRecord(client, staff, "organisations", {
        id: org,
        values: await formValues(client, "organisations", org, { country }),
      });
      expect(refused, country).toMatchObject({ status: "invalid", errors: { country: { code: "invalid" } } });
    }
    expect(await snapshot(client)).toEqual(before);

    await saveRecord(client, staff, "organisations", {
      id: org,
      values: await formValues(client, "organisations", org, { country: "" }),
    });
    expect((await client.organisation.findUniqueOrThrow({ where: { id: org } })).country).toBeNull();
    expect(await client.auditLog.count({ where: { action: "organisations.update", entityId: org } })).toBe(2);
  });

  it("saves a place's kind, country and parent, and the import keeps the parent set here", async () => {
    const client = database.client();
    const testby = ids.place.testby!;
    const saved = await saveRecord(client, staff, "places", {
      id: testby,
      values: await formValues(client, "places", testby, { kind: "city", country: "SE", parentId: "" }),
    });
    expect(saved.status).toBe("saved");
    expect(await client.place.findUniqueOrThrow({ where: { id: testby } })).toMatchObject({
      kind: "city",
      country: "SE",
      parentId: null,
    });
    // content/ still puts Testby under Nordregion; what the admin saved stands.
    await importCatalogue(client, await loadCatalogue(fixtureContent));
    expect(await client.place.findUniqueOrThrow({ where: { id: testby } })).toMatchObject({
      kind: "city",
      country: "SE",
      parentId: null,
    });
    await saveRecord(client, staff, "places", {
      id: testby,
      values: await formValues(client, "places", testby, { parentId: ids.place.nordregion! }),
    });
    expect((await client.place.findUniqueOrThrow({ where: { id: testby } })).parentId).toBe(ids.place.nordregion);
    const entries = await client.auditLog.findMany({ where: { action: "places.update", entityId: testby } });
    expect(entries).toHaveLength(2);
  });

  it("creates a place with kind, country and parent, and refuses a slug that is taken or malformed", async () => {
    const client = database.client();
    const outcome = await saveRecord(client, staff, "places", {
      id: null,
      slug: "nyby",
      values: { name: "Nyby", kind: "city", country: "DK", parentId: ids.place.testby! },
    });
    expect(outcome.status).toBe("saved");
    const row = await client.place.findUniqueOrThrow({ where: { slug: "nyby" } });
    expect(row).toMatchObject({ name: "Nyby", kind: "city", country: "DK", parentId: ids.place.testby });
    expect(row.adminEditedAt).not.toBeNull();
    const entry = await client.auditLog.findFirstOrThrow({ where: { action: "places.create", entityId: row.id } });
    expect(entry.detail).toMatchObject({ slug: "nyby", kind: "city", parentId: ids.place.testby });

    const before = await snapshot(client);
    for (const [slug, code] of [
      ["nyby", "taken"],
      ["testby", "taken"],
      ["Ny By", "slug"],
      ["", "required"],
    ] as const) {
      const refused = await saveRecord(client, staff, "places", {
        id: null,
        slug,
        values: { name: "Igen", kind: "city", country: "DK", parentId: "" },
      });
      expect(refused, slug).toMatchObject({ status: "invalid", errors: { slug: { code } } });
    }
    expect(await snapshot(client)).toEqual(before);
  });

  it("refuses a parent that is the place itself or lies below it, and kinds, countries and parents that do not exist", async () => {
    const client = database.client();
    const { nordregion, testby } = ids.place as Record<string, string>;
    await saveRecord(client, staff, "places", {
      id: null,
      slug: "nyby",
      values: { name: "Nyby", kind: "city", country: "DK", parentId: testby! },
    });
    const nyby = (await client.place.findUniqueOrThrow({ where: { slug: "nyby" } })).id;
    const before = await snapshot(client);
    const cases: [string, RecordValues, string][] = [
      [testby!, { parentId: testby! }, "parentSelf"],
      [nordregion!, { parentId: testby! }, "parentCycle"],
      [nordregion!, { parentId: nyby }, "parentCycle"],
      [testby!, { parentId: nyby }, "parentCycle"],
      [testby!, { parentId: randomUUID() }, "unknown"],
    ];
    for (const [id, patch, code] of cases) {
      const refused = await saveRecord(client, staff, "places", {
        id,
        values: await formValues(client, "places", id, patch),
      });
      expect(refused, `${id} ${JSON.stringify(patch)}`).toMatchObject({
        status: "invalid",
        errors: { parentId: { code } },
      });
    }
    for (const [patch, field] of [
      [{ parentId: "nordregion" }, "parentId"],
      [{ kind: "village" }, "kind"],
      [{ kind: "" }, "kind"],
      [{ country: "NO" }, "country"],
      [{ country: "" }, "country"],
    ] as const) {
      const refused = await saveRecord(client, staff, "places", {
        id: testby!,
        values: await formValues(client, "places", testby!, patch),
      });
      expect(refused, JSON.stringify(patch)).toMatchObject({
        status: "invalid",
        errors: { [field]: { code: "invalid" } },
      });
    }
    // A record that is gone (or an id that is none) is refused as a whole.
    for (const id of [randomUUID(), "nordregion"]) {
      const gone = await saveRecord(client, staff, "places", {
        id,
        values: { name: "X", kind: "city", country: "DK", parentId: "" },
      });
      expect(gone, id).toMatchObject({ status: "invalid", errors: { form: { code: "gone" } } });
    }
    expect(await snapshot(client)).toEqual(before);
  });

  it("lets only one of two saves at the same time close a loop of parents", async () => {
    const client = database.client();
    const { nordregion, testby } = ids.place as Record<string, string>;
    // Testby lies in Nordregion; free it, then try both directions at once.
    await saveRecord(client, staff, "places", {
      id: testby!,
      values: await formValues(client, "places", testby!, { parentId: "" }),
    });
    const [a, b] = await Promise.all([
      saveRecord(client, staff, "places", {
        id: testby!,
        values: await formValues(client, "places", testby!, { parentId: nordregion! }),
      }),
      saveRecord(client, staff, "places", {
        id: nordregion!,
        values: await formValues(client, "places", nordregion!, { parentId: testby! }),
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual(["invalid", "saved"]);
    const rows = await client.place.findMany({ where: { id: { in: [nordregion!, testby!] } } });
    expect(rows.filter((r) => r.parentId).length).toBe(1);
  });
});
