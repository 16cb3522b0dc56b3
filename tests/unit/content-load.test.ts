import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadCatalogue } from "@/lib/content/load";
import { fixtureContent, scratchContent } from "../helpers/content";

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function problemsAfter(file: string, change: (text: string) => string) {
  const scratch = await scratchContent();
  cleanup = scratch.remove;
  await scratch.edit(file, change);
  const error = await loadCatalogue(scratch.dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ContentError);
  return { problems: (error as ContentError).problems, message: (error as ContentError).message };
}

describe("loading content/", () => {
  it("reads items with their locale, type and slug from the path", async () => {
    const catalogue = await loadCatalogue(fixtureContent);
    const keys = catalogue.items.map((i) => i.key).sort();
    expect(keys).toEqual(["da/publication/testrapport", "sv/project/provprojekt", "sv/publication/testrapport"]);
    const project = catalogue.items.find((i) => i.type === "project")!;
    expect(project.data.budget).toEqual({ amount: 14662758, currency: "SEK" });
    expect(project.body).toContain("## Mål");
  });

  it("refuses an id used by two item files, or twice in a list, and a malformed id or time", async () => {
    const id = "0b7e7c8e-3f6d-4f0e-9a51-2d1f0c2b8a11";
    const scratch = await scratchContent();
    cleanup = scratch.remove;
    for (const file of ["items/da/publication/testrapport.md", "items/sv/project/provprojekt.md"])
      await scratch.edit(file, (t) => t.replace(/^---\n/, `---\nid: ${id}\n`));
    await scratch.edit("topics.yaml", (t) => t.replace(/^- /gm, `- id: ${id}\n  `));
    await scratch.edit("items/sv/publication/testrapport.md", (t) =>
      t.replace(/^publishedAt: .*$/m, "publishedAt: 2016-05-02T09:00\nid: nr-7"),
    );
    const error = await loadCatalogue(scratch.dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems.map((p) => `${p.file.split("/").slice(1).join("/")} ${p.field}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        "items/sv/project/provprojekt.md id",
        "topics.yaml [1].id",
        "items/sv/publication/testrapport.md id",
        "items/sv/publication/testrapport.md publishedAt",
      ]),
    );
  });

  it("refuses an attachment whose file is not in content/files, or whose size is not the file's, naming file and field", async () => {
    const { problems } = await problemsAfter("items/da/publication/testrapport.md", (t) =>
      t.replace(
        "attachments:\n",
        "attachments:\n  - { title: Findes ikke, fileName: mangler.pdf, mimeType: application/pdf, sizeBytes: 1850000, location: files/mangler.pdf }\n  - { title: Forkert størrelse, fileName: testrapport.pdf, mimeType: application/pdf, sizeBytes: 99, location: files/testrapport.pdf }\n",
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: expect.stringMatching(/items\/da\/publication\/testrapport\.md$/),
          field: "attachments[0].location",
          message: expect.stringContaining('"mangler.pdf" is not in'),
        }),
        expect.objectContaining({ field: "attachments[1].sizeBytes", message: expect.stringContaining("holds 1234") }),
      ]),
    );
    expect(problems.some((p) => p.field === "attachments[2].location")).toBe(false);
  });

  it("reads a time with its offset, and a date alone as before", async () => {
    const scratch = await scratchContent();
    cleanup = scratch.remove;
    await scratch.edit("items/sv/project/provprojekt.md", (t) =>
      t.replace(/^publishedAt: .*$/m, "publishedAt: 2030-03-02T09:30:00+01:00"),
    );
    const items = (await loadCatalogue(scratch.dir)).items;
    expect(items.find((i) => i.type === "project")!.data.publishedAt).toBe("2030-03-02T09:30:00+01:00");
    expect(items.find((i) => i.key === "da/publication/testrapport")!.data.publishedAt).toBe("2016-05-01");
  });

  it("names the file and field of a missing title", async () => {
    const { problems, message } = await problemsAfter("items/da/publication/testrapport.md", (t) =>
      t.replace(/^title: .*$/m, ""),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: expect.stringMatching(/items\/da\/publication\/testrapport\.md$/),
        field: "title",
      }),
    );
    expect(message).toMatch(/testrapport\.md: title: /);
  });

  it("refuses unknown fields instead of ignoring them", async () => {
    const { problems } = await problemsAfter("items/sv/project/provprojekt.md", (t) =>
      t.replace("title:", "titel: x\ntitle:"),
    );
    expect(problems.some((p) => p.file.endsWith("provprojekt.md") && /titel/.test(p.message))).toBe(true);
  });

  it("refuses a malformed date and a budget currency in lower case", async () => {
    const { problems } = await problemsAfter("items/sv/project/provprojekt.md", (t) =>
      t.replace("publishedAt: 2021-01-15", "publishedAt: 15/1/2021").replace("currency: SEK", "currency: sek"),
    );
    expect(problems.map((p) => p.field).sort()).toEqual(["budget.currency", "publishedAt"]);
  });

  it("refuses references to topics and items that do not exist", async () => {
    const { problems } = await problemsAfter("items/sv/project/provprojekt.md", (t) =>
      t.replace("related: [da/publication/testrapport]", "related: [da/case/findes-ikke]\ntopics: [ukendt]"),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "topics[0]", message: expect.stringContaining('"ukendt"') }),
        expect.objectContaining({ field: "related[0]", message: expect.stringContaining("da/case/findes-ikke") }),
      ]),
    );
  });

  it("reports broken YAML in a data file with the file's name", async () => {
    const { problems } = await problemsAfter("topics.yaml", (t) => `${t}\n- slug: [unclosed\n`);
    expect(problems[0]).toMatchObject({
      file: expect.stringMatching(/topics\.yaml$/),
      message: expect.stringMatching(/YAML/),
    });
  });

  it("refuses a translation in the same language", async () => {
    const { problems } = await problemsAfter("items/sv/publication/testrapport.md", (t) =>
      t.replace("translationOf: da/publication/testrapport", "translationOf: sv/project/provprojekt"),
    );
    expect(problems).toContainEqual(expect.objectContaining({ field: "translationOf" }));
  });
});
