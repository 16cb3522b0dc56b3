// Saving items in the admin: revisions, the edit conflict, restore, slugs, translated-field validation,
// and the content import leaving admin edits alone. Logins: throttling, no enumeration, sessions.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { getEditableItem, listRevisions, restoreRevision, saveItem } from "@/lib/admin/items";
import { emptyItemValues, type ItemValues } from "@/lib/admin/item-form";
import { attemptLogin, pairLimit } from "@/lib/auth/login";
import { createStaff } from "@/lib/auth/staff";
import { createSession, staffForToken } from "@/lib/auth/sessions";
import { passwordProblem } from "@/lib/auth/password";
import { saveRecord } from "@/lib/admin/records";
import { findMovedItem } from "@/lib/catalogue/items";
import { fixtureContent, scratchContent } from "../helpers/content";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });
const editor = { id: null as unknown as string, email: "ed@example.org", name: "Edith Editor" };

const draft = (patch: Partial<ItemValues> = {}): ItemValues => ({
  ...emptyItemValues(),
  title: "Et nyt emne",
  summary: "Kort resumé",
  body: "Første tekst",
  ...patch,
});

describe("password rules", () => {
  it("accepts 12 to 128 characters that are not common passwords", () => {
    expect(passwordProblem("short")).toBe("tooShort");
    expect(passwordProblem("x".repeat(129))).toBe("tooLong");
    expect(passwordProblem("password1234")).toBe("common");
    expect(passwordProblem("a perfectly long passphrase")).toBeNull();
  });
});

describe.each(databases)("admin items and logins on the $name database", (database) => {
  beforeEach(async () => {
    await truncateCatalogue(database.client());
    const user = await database
      .client()
      .staffUser.create({ data: { email: editor.email, name: editor.name, passwordHash: "x", role: "editor" } });
    editor.id = user.id;
  });

  it("keeps a revision with author for every save and restores an old one as a new revision", async () => {
    const client = database.client();
    const first = await saveItem(client, editor, { id: null, baseVersion: 0, values: draft(), intent: "save" });
    expect(first.status).toBe("saved");
    if (first.status !== "saved") return;
    expect(first.values.slug).toBe("et-nyt-emne");
    const second = await saveItem(client, editor, {
      id: first.id,
      baseVersion: 1,
      values: { ...first.values, body: "Anden tekst" },
      intent: "publish",
    });
    expect(second).toMatchObject({ status: "saved", version: 2 });
    const revisions = await listRevisions(client, first.id);
    expect(revisions.map((r) => [r.version, r.action, r.authorName])).toEqual([
      [2, "publish", "Edith Editor"],
      [1, "create", "Edith Editor"],
    ]);
    const bodyChange = revisions[0]!.changes.find((c) => c.field === "body")!;
    expect(bodyChange.parts.filter((p) => p.removed).map((p) => p.value)).toEqual(["Første"]);
    expect(bodyChange.parts.filter((p) => p.added).map((p) => p.value)).toEqual(["Anden"]);

    const restored = await restoreRevision(client, editor, {
      itemId: first.id,
      revisionId: revisions[1]!.id,
      baseVersion: 2,
    });
    expect(restored).toMatchObject({ status: "saved", version: 3 });
    const item = await getEditableItem(client, first.id);
    expect(item!.values.body).toBe("Første tekst");
    // Restoring brings back the text, not the status: the item stays published.
    expect(item!.status).toBe("published");
    expect((await listRevisions(client, first.id))[0]!.action).toBe("restore");
  });

  it("saves a source date as precise as the source, refuses a made-up one, and restores an older revision without losing it", async () => {
    const client = database.client();
    const bad = await saveItem(client, editor, {
      id: null,
      baseVersion: 0,
      values: draft({ sourceDate: "1. jan. 2016" }),
      intent: "save",
    });
    expect(bad).toMatchObject({ status: "invalid", errors: { sourceDate: { code: "sourceDate" } } });
    const first = await saveItem(client, editor, {
      id: null,
      baseVersion: 0,
      values: draft({ sourceDate: "2019-10" }),
      intent: "save",
    });
    expect(first.status).toBe("saved");
    if (first.status !== "saved") return;
    expect((await client.item.findUniqueOrThrow({ where: { id: first.id } })).sourceDate).toBe("2019-10");
    // A revision written before items had a source date holds no such field.
    const [revision] = await listRevisions(client, first.id);
    const older: Partial<ItemValues> = { ...first.values };
    delete older.sourceDate;
    await client.revision.update({ where: { id: revision!.id }, data: { snapshot: older } });
    const restored = await restoreRevision(client, editor, {
      itemId: first.id,
      revisionId: revision!.id,
      baseVersion: 1,
    });
    expect(restored.status).toBe("saved");
    expect((await client.item.findUniqueOrThrow({ where: { id: first.id } })).sourceDate).toBe("2019-10");
  });

  it("refuses a save based on an older version and changes nothing", async () => {
    const client = database.client();
    const created = await saveItem(client, editor, { id: null, baseVersion: 0, values: draft(), intent: "save" });
    if (created.status !== "saved") throw new Error("not saved");
    await saveItem(client, editor, {
      id: created.id,
      baseVersion: 1,
      values: { ...created.values, body: "A" },
      intent: "save",
    });
    const late = await saveItem(client, editor, {
      id: created.id,
      baseVersion: 1,
      values: { ...created.values, body: "B" },
      intent: "save",
    });
    expect(late.status).toBe("conflict");
    if (late.status === "conflict") {
      expect(late.current.version).toBe(2);
      expect(late.current.values.body).toBe("A");
    }
    expect((await getEditableItem(client, created.id))!.values.body).toBe("A");
    expect(await client.revision.count({ where: { itemId: created.id } })).toBe(2);
  });

  it("keeps slugs unique, schedules only into the future, and names each invalid field", async () => {
    const client = database.client();
    const a = await saveItem(client, editor, { id: null, baseVersion: 0, values: draft(), intent: "save" });
    const b = await saveItem(client, editor, { id: null, baseVersion: 0, values: draft(), intent: "save" });
    expect(a.status === "saved" && a.values.slug).toBe("et-nyt-emne");
    expect(b.status === "saved" && b.values.slug).toBe("et-nyt-emne-2");
    const invalid = await saveItem(client, editor, {
      id: null,
      baseVersion: 0,
      values: draft({
        title: " ",
        year: "19x",
        sourceUrl: "javascript:alert(1)",
        periodStart: "2024-05",
        periodEnd: "2023-01",
      }),
      intent: "schedule",
    });
    expect(invalid).toEqual({
      status: "invalid",
      errors: {
        title: { code: "required" },
        year: { code: "integer" },
        sourceUrl: { code: "url" },
        periodEnd: { code: "periodOrder" },
        publishedAt: { code: "scheduleFuture" },
      },
    });
    const future = new Date(Date.now() + 86_400_000);
    const wall = new Date(future.getTime() + 3600_000).toISOString().slice(0, 16);
    const scheduled = await saveItem(client, editor, {
      id: null,
      baseVersion: 0,
      values: draft({ title: "Planlagt", publishedAt: wall }),
      intent: "schedule",
    });
    expect(scheduled.status).toBe("saved");
    if (scheduled.status === "saved") expect((await getEditableItem(client, scheduled.id))!.status).toBe("scheduled");
  });

  it("keeps a changed slug's former addresses leading to the item while it is visible, until another item takes one", async () => {
    const client = database.client();
    const created = await saveItem(client, editor, { id: null, baseVersion: 0, values: draft(), intent: "publish" });
    if (created.status !== "saved") throw new Error(created.status);
    const type = created.values.type as "article";
    expect(await findMovedItem(client, type, "et-nyt-emne", "da")).toBeNull();
    const renamed = await saveItem(client, editor, {
      id: created.id,
      baseVersion: 1,
      values: { ...created.values, slug: "nyt-navn" },
      intent: "save",
    });
    expect(renamed).toMatchObject({ status: "saved", values: { slug: "nyt-navn" } });
    expect(await findMovedItem(client, type, "et-nyt-emne", "da")).toEqual({ type, slug: "nyt-navn" });
    // Read from the other interface too: the address belongs to the item, whatever the reader's language.
    expect(await findMovedItem(client, type, "et-nyt-emne", "sv")).toEqual({ type, slug: "nyt-navn" });
    if (renamed.status !== "saved") return;
    const again = await saveItem(client, editor, {
      id: created.id,
      baseVersion: 2,
      values: { ...renamed.values, slug: "tredje-navn" },
      intent: "save",
    });
    if (again.status !== "saved") throw new Error(again.status);
    for (const former of ["et-nyt-emne", "nyt-navn"])
      expect(await findMovedItem(client, type, former, "da")).toEqual({ type, slug: "tredje-navn" });
    // A save that keeps the slug adds nothing.
    const kept = await saveItem(client, editor, {
      id: created.id,
      baseVersion: 3,
      values: { ...again.values, body: "Ny tekst" },
      intent: "save",
    });
    expect(kept.status).toBe("saved");
    expect(await client.itemSlugRedirect.count({ where: { itemId: created.id } })).toBe(2);

    // Not while the item is unpublished.
    const hidden = await saveItem(client, editor, {
      id: created.id,
      baseVersion: 4,
      values: again.values,
      intent: "unpublish",
    });
    expect(hidden.status).toBe("saved");
    expect(await findMovedItem(client, type, "nyt-navn", "da")).toBeNull();
    await saveItem(client, editor, { id: created.id, baseVersion: 5, values: again.values, intent: "publish" });
    expect(await findMovedItem(client, type, "nyt-navn", "da")).toEqual({ type, slug: "tredje-navn" });

    // Another item that takes a former address owns it from then on.
    const other = await saveItem(client, editor, {
      id: null,
      baseVersion: 0,
      values: draft({ title: "Et andet emne", slug: "nyt-navn" }),
      intent: "publish",
    });
    expect(other).toMatchObject({ status: "saved", values: { slug: "nyt-navn" } });
    expect(await findMovedItem(client, type, "nyt-navn", "da")).toBeNull();
    expect(await findMovedItem(client, type, "et-nyt-emne", "da")).toEqual({ type, slug: "tredje-navn" });
  });

  it("leaves an item edited in the admin as it is when content/ is imported again", async () => {
    const client = database.client();
    const scratch = await scratchContent();
    try {
      await importCatalogue(client, await loadCatalogue(scratch.dir));
      const item = await client.item.findUniqueOrThrow({ where: { contentKey: "da/publication/testrapport" } });
      const editable = (await getEditableItem(client, item.id))!;
      const saved = await saveItem(client, editor, {
        id: item.id,
        baseVersion: editable.version,
        values: { ...editable.values, body: "Redaktørens tekst" },
        intent: "save",
      });
      expect(saved.status).toBe("saved");
      // The imported state became the first revision, so it can be restored.
      expect((await listRevisions(client, item.id)).map((r) => r.action)).toEqual(["save", "import"]);
      await scratch.edit("items/da/publication/testrapport.md", (text) =>
        text.replace("## Baggrund", "## Ændret i filen"),
      );
      const report = await importCatalogue(client, await loadCatalogue(scratch.dir));
      expect(report.items.updated).toBe(0);
      expect((await getEditableItem(client, item.id))!.values.body).toBe("Redaktørens tekst");
      // An item not edited in the admin still follows its file.
      await scratch.edit("items/sv/publication/testrapport.md", (text) =>
        text.replace(/^summary: .*$/m, "summary: Ny sammanfattning"),
      );
      await importCatalogue(client, await loadCatalogue(scratch.dir));
      expect(
        (await client.item.findUniqueOrThrow({ where: { contentKey: "sv/publication/testrapport" } })).summary,
      ).toBe("Ny sammanfattning");
    } finally {
      await scratch.remove();
    }
    expect(fixtureContent).toBeTruthy();
  });

  it("keeps a glossary term and a topic edited in the admin when content/ is imported again", async () => {
    const client = database.client();
    const catalogue = await loadCatalogue(fixtureContent);
    await importCatalogue(client, catalogue);
    const term = await client.glossaryTerm.findFirstOrThrow();
    const saved = await saveRecord(client, editor, "glossary", {
      id: term.id,
      values: {
        termDa: "ny term",
        termSv: term.termSv,
        synonymsDa: "en, to",
        synonymsSv: "",
        explanationDa: "Ny forklaring",
        explanationSv: term.explanationSv,
      },
    });
    expect(saved.status).toBe("saved");
    const invalid = await saveRecord(client, editor, "glossary", { id: term.id, values: { termDa: "" } });
    expect(invalid.status).toBe("invalid");
    await importCatalogue(client, catalogue);
    const after = await client.glossaryTerm.findUniqueOrThrow({ where: { id: term.id } });
    expect([after.termDa, after.synonymsDa, after.explanationDa]).toEqual(["ny term", ["en", "to"], "Ny forklaring"]);
  });

  it("stops a client after 5 failures on an address, with the same answers whether or not an account has it, while the owner elsewhere gets in", async () => {
    const client = database.client();
    await createStaff(client, {
      email: "Real@Example.org",
      name: "R",
      role: "editor",
      password: "a perfectly long passphrase",
    });
    const now = new Date();
    const outcomes = { real: [] as string[], ghost: [] as string[] };
    for (let i = 0; i <= pairLimit.failures; i++) {
      outcomes.real.push(
        (await attemptLogin(client, { email: "real@example.org", password: "wrong", clientAddress: "1" }, now)).status,
      );
      outcomes.ghost.push(
        (await attemptLogin(client, { email: "ghost@example.org", password: "wrong", clientAddress: "2" }, now)).status,
      );
    }
    expect(outcomes.real).toEqual(["invalid", "invalid", "invalid", "invalid", "invalid", "throttled"]);
    expect(outcomes.ghost).toEqual(outcomes.real);
    // The guessing client waits even with the right password; the owner at another address does not.
    const right = { email: "real@example.org", password: "a perfectly long passphrase" };
    expect((await attemptLogin(client, { ...right, clientAddress: "1" }, now)).status).toBe("throttled");
    const elsewhere = await attemptLogin(client, { ...right, clientAddress: "3" }, now);
    expect(elsewhere.status).toBe("ok");
    // 15 minutes later the guessing client may try again.
    const later = new Date(now.getTime() + pairLimit.minutes * 60_000 + 1000);
    const ok = await attemptLogin(client, { ...right, clientAddress: "1" }, later);
    expect(ok.status).toBe("ok");
    // Editors must enrol a second factor by default: the session waits for it and opens nothing yet.
    if (ok.status === "ok") {
      expect(ok.next).toBe("enrol");
      expect(await staffForToken(client, ok.token, later)).toBeNull();
    }
  });

  it("throttles one client across many accounts", async () => {
    const client = database.client();
    const now = new Date();
    const statuses: string[] = [];
    for (let i = 0; i < 32; i++) {
      statuses.push(
        (await attemptLogin(client, { email: `u${i}@example.org`, password: "x", clientAddress: "9.9.9.9" }, now))
          .status,
      );
    }
    expect(statuses.slice(0, 30).every((s) => s === "invalid")).toBe(true);
    expect(statuses.slice(30)).toEqual(["throttled", "throttled"]);
  });

  it("ends sessions on expiry and for deactivated accounts", async () => {
    const client = database.client();
    const now = new Date();
    const { token } = await createSession(client, editor.id, now);
    expect(await staffForToken(client, token, now)).toMatchObject({ email: editor.email, role: "editor" });
    expect(await staffForToken(client, token, new Date(now.getTime() + 9 * 3600_000))).toBeNull();
    expect(await staffForToken(client, "not-a-token", now)).toBeNull();
    await client.staffUser.update({ where: { id: editor.id }, data: { active: false } });
    expect(await staffForToken(client, token, now)).toBeNull();
  });
});
