import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ContentError, loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { renderMarkdown, rendererVersion } from "@/lib/markdown";
import { fixtureContent, scratchContent } from "../helpers/content";
import { testDatabases, truncateCatalogue } from "../helpers/databases";

const databases = testDatabases({ beforeAll, afterAll });

async function snapshot(client: ReturnType<(typeof databases)[number]["client"]>) {
  return {
    items: await client.item.findMany({ orderBy: { contentKey: "asc" } }),
    topics: await client.topic.findMany({ orderBy: { slug: "asc" } }),
    advisers: await client.adviser.findMany({ orderBy: { slug: "asc" }, include: { topics: true } }),
    places: await client.place.findMany({ orderBy: { slug: "asc" } }),
    relations: await client.itemRelation.findMany({ orderBy: { fromId: "asc" } }),
    attachments: await client.attachment.findMany({ orderBy: { fileName: "asc" } }),
    glossary: await client.glossaryTerm.findMany({ orderBy: { slug: "asc" } }),
  };
}

describe.each(databases)("content import on the $name database", (database) => {
  let cleanup: (() => Promise<void>) | undefined;
  beforeEach(async () => truncateCatalogue(database.client()));
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it("loads every record of the catalogue with its links", async () => {
    const client = database.client();
    const report = await importCatalogue(client, await loadCatalogue(fixtureContent));
    expect(report.items).toEqual({ created: 3, updated: 0, unchanged: 0, deleted: 0 });
    expect(report.topics.created).toBe(2);

    const project = await client.item.findUniqueOrThrow({
      where: { contentKey: "sv/project/provprojekt" },
      include: {
        adviser: true,
        organisations: { include: { organisation: true } },
        relatedTo: { include: { to: true } },
      },
    });
    expect(project.budgetAmount?.toNumber()).toBe(14662758);
    expect(project.periodStart?.toISOString().slice(0, 7)).toBe("2021-01");
    expect(project.adviser?.slug).toBe("sven-prov");
    expect(project.organisations.map((o) => [o.organisation.slug, o.role])).toEqual([["provbyran", "owner"]]);
    expect(project.relatedTo.map((r) => r.to.contentKey)).toEqual(["da/publication/testrapport"]);

    const translation = await client.item.findUniqueOrThrow({
      where: { contentKey: "sv/publication/testrapport" },
      include: { translationOf: true },
    });
    expect(translation.translationOf?.contentKey).toBe("da/publication/testrapport");
    const place = await client.place.findUniqueOrThrow({ where: { slug: "testby" }, include: { parent: true } });
    expect(place.parent?.slug).toBe("nordregion");
  });

  it("stores each body rendered to sanitized HTML with its headings, and touches the cache tags it changed", async () => {
    const client = database.client();
    const catalogue = await loadCatalogue(fixtureContent);
    await importCatalogue(client, catalogue);
    for (const item of catalogue.items) {
      const row = await client.item.findUniqueOrThrow({ where: { contentKey: item.key } });
      const { html, headings } = await renderMarkdown(item.body);
      expect(row.bodyHtml).toBe(html);
      expect(row.bodyHeadings ?? []).toEqual(headings);
      expect(row.bodyRenderer).toBe(rendererVersion);
    }
    const tags = await client.cacheTag.findMany();
    expect(tags.map((t) => t.tag).sort()).toEqual(["advisers", "catalogue", "glossary"]);
    // A second run changes nothing, so it invalidates no cached page.
    const before = new Map(tags.map((t) => [t.tag, t.revalidatedAt.getTime()]));
    await importCatalogue(client, catalogue);
    const after = await client.cacheTag.findMany();
    expect(new Map(after.map((t) => [t.tag, t.revalidatedAt.getTime()]))).toEqual(before);
  });

  it("changes nothing when run twice", async () => {
    const client = database.client();
    const catalogue = await loadCatalogue(fixtureContent);
    await importCatalogue(client, catalogue);
    const before = await snapshot(client);
    const report = await importCatalogue(client, catalogue);
    for (const tally of Object.values(report)) expect(tally).toMatchObject({ created: 0, updated: 0 });
    expect(await snapshot(client)).toEqual(before);
  });

  it("updates exactly the item whose file was edited", async () => {
    const client = database.client();
    const scratch = await scratchContent();
    cleanup = scratch.remove;
    await importCatalogue(client, await loadCatalogue(scratch.dir));
    const untouched = await client.item.findUniqueOrThrow({ where: { contentKey: "sv/project/provprojekt" } });

    await scratch.edit("items/da/publication/testrapport.md", (t) =>
      t
        .replace("title: Testrapport om samarbejde", "title: Ny titel på rapporten")
        .replace("topics: [samarbejde]", "topics: [beskaeftigelse]"),
    );
    const report = await importCatalogue(client, await loadCatalogue(scratch.dir));
    expect(report.items).toEqual({ created: 0, updated: 1, unchanged: 2, deleted: 0 });
    const edited = await client.item.findUniqueOrThrow({
      where: { contentKey: "da/publication/testrapport" },
      include: { topics: { include: { topic: true } } },
    });
    expect(edited.title).toBe("Ny titel på rapporten");
    expect(edited.topics.map((t) => t.topic.slug)).toEqual(["beskaeftigelse"]);
    expect(await client.item.findUniqueOrThrow({ where: { contentKey: "sv/project/provprojekt" } })).toEqual(untouched);
  });

  it("stops on a malformed file before writing anything", async () => {
    const client = database.client();
    const scratch = await scratchContent();
    cleanup = scratch.remove;
    await scratch.edit("items/sv/project/provprojekt.md", (t) =>
      t.replace("period: { start: 2021-01, end: 2022-12 }", "period: { start: 2021-13 }"),
    );
    const error = await loadCatalogue(scratch.dir)
      .then((c) => importCatalogue(client, c))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as Error).message).toMatch(/items\/sv\/project\/provprojekt\.md: period\.start: must be a month/);
    expect(await client.item.count()).toBe(0);
  });
});
