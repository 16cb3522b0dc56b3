// Searchable PDFs, on each database: PDFs made here (and one encrypted with qpdf) are stored as attachments, a run of
// the extraction reads their text per page or records why it could not, and the search finds an item by a word only
// in its PDF, below an item holding the word in its own text, naming the attachment and the page. Also: one runner at
// a time (the lease), a run stopped half-way leaves the file pending for the next, a retry, a removed attachment's
// words gone, and an item whose language changed searched in the new one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/database/client";
import { writeStoredFile, newFileKey } from "@/lib/file-store";
import { removeAttachment, retryAttachmentText } from "@/lib/admin/attachments";
import { takeLease, releaseLease } from "@/lib/links/lease";
import { pdfTextJob, runPdfText } from "@/lib/pdf-text/runner";
import { extractPdfText } from "@/lib/pdf-text/extract";
import { MAX_ATTEMPTS } from "@/lib/pdf-text/store";
import { searchCatalogue } from "@/lib/search/search";
import { parseSearchParams } from "@/lib/search/params";
import { refreshSearchWords } from "@/lib/search/words";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { testDatabases, truncateCatalogue } from "../helpers/databases";
import { fixtureContent } from "../helpers/content";
import { encryptPdf, makePdf } from "../helpers/pdf";

const databases = testDatabases({ beforeAll, afterAll });

const report = makePdf([
  "Indledning om kommunernes samarbejde",
  "Metode og datagrundlag for undersøgelsen",
  "Resultater: flodhestene i Randers trives i det nye projekt",
]);
const swedish = makePdf(["Inledning om kommunerna", "Sjöhästarna i Göteborg får ett nytt akvarium"]);
const scanned = makePdf(["", ""], { image: true });
const encrypted = encryptPdf(makePdf(["Hemmelige flodheste"]));
const broken = Buffer.from("%PDF-1.4\nnothing of a PDF follows\n", "latin1");

async function* once(bytes: Uint8Array) {
  yield bytes;
}

async function item(client: Db, slug: string, locale: "da" | "sv", title: string, body = "") {
  return client.item.create({
    data: {
      contentKey: `${locale}/article/${slug}`,
      slug,
      locale,
      type: "article",
      status: "published",
      publishedAt: new Date("2024-01-01T00:00:00Z"),
      title,
      summary: "",
      body,
    },
  });
}

async function attach(client: Db, itemId: string, title: string, bytes: Buffer, position = 0) {
  const key = newFileKey(".pdf");
  const written = await writeStoredFile(client, key, once(bytes), { maxBytes: 1_000_000 });
  expect(written.status).toBe("stored");
  return client.attachment.create({
    data: {
      itemId,
      title,
      fileName: `${key}`,
      mimeType: "application/pdf",
      sizeBytes: bytes.length,
      location: `files/${key}`,
      position,
    },
  });
}

describe("extracting a PDF's text", () => {
  it("reads the text of each page", async () => {
    expect(await extractPdfText(report)).toEqual({
      status: "done",
      pages: [
        "Indledning om kommunernes samarbejde",
        "Metode og datagrundlag for undersøgelsen",
        "Resultater: flodhestene i Randers trives i det nye projekt",
      ],
    });
  });

  it("calls a PDF of images only one without text, and names encrypted and broken files", async () => {
    expect(await extractPdfText(scanned)).toEqual({ status: "failed", reason: "noText" });
    expect(await extractPdfText(encrypted)).toEqual({ status: "failed", reason: "encrypted" });
    expect(await extractPdfText(broken)).toEqual({ status: "failed", reason: "broken" });
  });
});

describe.each(databases)("searchable PDFs on the $name database", (database) => {
  let client: Db;
  const ids = {} as Record<
    "staff" | "inPdf" | "inBody" | "sv" | "report" | "swedish" | "scanned" | "encrypted" | "broken" | "external",
    string
  >;
  const search = (q: string, ui: "da" | "sv" = "da") => searchCatalogue(parseSearchParams({ q }), ui, client);

  beforeAll(async () => {
    client = database.client();
    await truncateCatalogue(client);
    const staff = await client.staffUser.create({
      data: { email: "e@example.org", name: "E", passwordHash: "x", role: "editor" },
    });
    ids.staff = staff.id;
    const inPdf = await item(client, "rapport", "da", "Rapport om beskæftigelse", "Om jobcentrets indsats.");
    const inBody = await item(client, "dyr", "da", "Dyr i byen", "Flodhesten er et stort dyr.");
    const sv = await item(client, "akvarium", "sv", "Ett akvarium i staden", "Om fiskar.");
    const failures = await item(client, "mislykket", "da", "Filer der ikke kan læses");
    ids.inPdf = inPdf.id;
    ids.inBody = inBody.id;
    ids.sv = sv.id;
    ids.report = (await attach(client, inPdf.id, "Årsrapport 2025", report)).id;
    ids.swedish = (await attach(client, sv.id, "Rapport om akvariet", swedish)).id;
    ids.scanned = (await attach(client, failures.id, "Skannet brev", scanned, 0)).id;
    ids.encrypted = (await attach(client, failures.id, "Låst", encrypted, 1)).id;
    ids.broken = (await attach(client, failures.id, "Ødelagt", broken, 2)).id;
    ids.external = (
      await client.attachment.create({
        data: {
          itemId: failures.id,
          title: "Andetsteds",
          fileName: "andetsteds.pdf",
          mimeType: "application/pdf",
          sizeBytes: 1000,
          location: "https://example.org/andetsteds.pdf",
          position: 3,
        },
      })
    ).id;
    await refreshSearchWords(client);
  });

  it("finds nothing in a PDF before its text is read, and the upload leaves it pending", async () => {
    const attachment = await client.attachment.findUniqueOrThrow({ where: { id: ids.report } });
    expect(attachment.textStatus).toBe("pending");
    const outcome = await search("flodhest");
    expect(outcome.results.map((r) => r.slug)).toEqual(["dyr"]);
  });

  it("waits while another process holds the lease", async () => {
    expect(await takeLease(client, pdfTextJob, "another server", 60_000)).toBe(true);
    expect(await runPdfText(client)).toEqual({ ran: false, reason: "busy" });
    await releaseLease(client, pdfTextJob, "another server", {});
  });

  it("leaves a file pending when a run stops half-way, for the next run to read", async () => {
    const stopped = runPdfText(client, {
      extract: async () => {
        throw new Error("process stopped");
      },
    });
    await expect(stopped).rejects.toThrow("process stopped");
    // The run takes the files in id order: an outside address or a missing file before the first PDF is settled
    // without reading anything; every PDF is still pending, the one being read counted once.
    const pending = await client.attachment.findMany({ where: { textStatus: "pending" } });
    const pdfs = [ids.report, ids.swedish, ids.scanned, ids.encrypted, ids.broken];
    expect(pdfs.filter((id) => !pending.some((a) => a.id === id))).toEqual([]);
    expect(pending.filter((a) => a.textAttempts === 1)).toHaveLength(1);
  });

  it("reads each PDF once and records why the others could not be read", async () => {
    const waiting = await client.attachment.count({ where: { textStatus: "pending" } });
    const result = await runPdfText(client);
    expect(result).toMatchObject({ ran: true, read: waiting, done: 2, failed: waiting - 2, stoppedEarly: false });
    const state = Object.fromEntries(
      (await client.attachment.findMany()).map((a) => [a.id, [a.textStatus, a.textReason, a.textPages]]),
    );
    expect(state[ids.report]).toEqual(["done", null, 3]);
    expect(state[ids.swedish]).toEqual(["done", null, 2]);
    expect(state[ids.scanned]).toEqual(["failed", "noText", null]);
    expect(state[ids.encrypted]).toEqual(["failed", "encrypted", null]);
    expect(state[ids.broken]).toEqual(["failed", "broken", null]);
    expect(state[ids.external]).toEqual(["failed", "external", null]);
    const pages = await client.attachmentText.findMany({
      where: { attachmentId: ids.report },
      orderBy: { page: "asc" },
    });
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(pages[2]!.text).toContain("flodhestene i Randers");
    // Nothing is left to do.
    expect(await runPdfText(client)).toMatchObject({ ran: true, read: 0 });
  });

  it("finds an item by a word only in its PDF, below one holding it in its own text, naming the file and page", async () => {
    const outcome = await search("flodhest");
    expect(outcome.results.map((r) => r.slug)).toEqual(["dyr", "rapport"]);
    const [own, fromPdf] = outcome.results;
    expect(own!.pdf).toBeNull();
    expect(fromPdf!.pdf).toMatchObject({ title: "Årsrapport 2025", page: 3 });
    expect(fromPdf!.pdf!.excerpt.filter((s) => s.hit).map((s) => s.text)).toEqual(["flodhestene"]);
    // A word of the item's own text and one of its PDF together find it, and the page holding the PDF's word is named.
    const both = await search("jobcentrets Randers");
    expect(both.results.map((r) => [r.slug, r.pdf?.page])).toEqual([["rapport", 3]]);
  });

  it("searches a Swedish item's PDF in Swedish", async () => {
    const outcome = await search("sjöhäst", "sv");
    expect(outcome.results.map((r) => [r.slug, r.pdf?.title, r.pdf?.page])).toEqual([
      ["akvarium", "Rapport om akvariet", 2],
    ]);
  });

  it("reads a file again on an editor's retry, audited", async () => {
    const staff = { id: ids.staff, email: "e@example.org" };
    expect(await retryAttachmentText(client, staff, ids.encrypted)).not.toBeNull();
    expect((await client.attachment.findUniqueOrThrow({ where: { id: ids.encrypted } })).textStatus).toBe("pending");
    expect(await client.auditLog.count({ where: { action: "attachment.retryText" } })).toBe(1);
    expect(await runPdfText(client)).toMatchObject({ read: 1, failed: 1 });
    const again = await client.attachment.findUniqueOrThrow({ where: { id: ids.encrypted } });
    expect([again.textStatus, again.textReason]).toEqual(["failed", "encrypted"]);
  });

  it("gives up on a file that stopped the process again and again", async () => {
    await client.attachment.update({
      where: { id: ids.scanned },
      data: { textStatus: "pending", textAttempts: MAX_ATTEMPTS },
    });
    await runPdfText(client, { extract: () => Promise.reject(new Error("never called")) });
    const given = await client.attachment.findUniqueOrThrow({ where: { id: ids.scanned } });
    expect([given.textStatus, given.textReason]).toEqual(["failed", "broken"]);
  });

  it("searches the PDF in the item's new language after a change of language", async () => {
    await client.item.update({ where: { id: ids.sv }, data: { locale: "da", contentKey: "da/article/akvarium" } });
    expect(await runPdfText(client)).toMatchObject({ reconciled: 1 });
    const pages = await client.attachmentText.findMany({ where: { attachmentId: ids.swedish } });
    expect(pages.every((p) => p.locale === "da")).toBe(true);
    expect((await search("akvarium")).results.map((r) => r.slug)).toEqual(["akvarium"]);
    await client.item.update({ where: { id: ids.sv }, data: { locale: "sv", contentKey: "sv/article/akvarium" } });
    await runPdfText(client);
    expect((await search("sjöhäst", "sv")).results.map((r) => r.slug)).toEqual(["akvarium"]);
  });

  it("forgets a removed attachment's words", async () => {
    await removeAttachment(client, { id: ids.staff, email: "e@example.org" }, ids.report);
    expect((await search("flodhest")).results.map((r) => r.slug)).toEqual(["dyr"]);
    expect(await client.attachmentText.count({ where: { attachmentId: ids.report } })).toBe(0);
  });

  it("drops the PDF words of an item whose attachments the import replaced", async () => {
    await truncateCatalogue(client);
    const catalogue = await loadCatalogue(fixtureContent);
    await importCatalogue(client, catalogue);
    const imported = catalogue.items.find((i) => i.locale === "da")!;
    const own = imported.data.attachments?.length ?? 0;
    const row = await client.item.findUniqueOrThrow({ where: { contentKey: imported.key } });
    await attach(client, row.id, "Bilag", makePdf(["Om flodhestene i Randers"]));
    await runPdfText(client);
    const held = () =>
      client.$queryRaw<{ held: boolean }[]>`
        SELECT "searchVector" @@ to_tsquery('danish', 'flodhest') AS held FROM "Item" WHERE id = ${row.id}::uuid`;
    expect(await held()).toEqual([{ held: true }]);
    // The item's file changed: the import writes it again with the file's attachments (not the one added here).
    imported.body += "\n\nEt nyt afsnit.";
    await importCatalogue(client, catalogue);
    expect(await client.attachment.count({ where: { itemId: row.id } })).toBe(own);
    expect(await held()).toEqual([{ held: false }]);
  });
});
