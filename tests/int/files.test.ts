// Files kept in PostgreSQL and served by /files/<name>: whole, ranged, validated and streamed with bounded
// memory; uploads read as a stream and stopped at the limit (chunked or with a lying Content-Length),
// with nothing stored; files of content/ imported with the catalogue.
import { createHash, randomBytes } from "node:crypto";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { testDatabases, truncateCatalogue } from "../helpers/databases";
import { fixtureContent } from "../helpers/content";
import type { Db } from "@/lib/database/client";

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
// Reading the uploads' text is tested in pdf-text.test.ts; here an upload only queues it.
vi.mock("@/lib/pdf-text/worker", () => ({ kickPdfText: async () => undefined }));

const databases = testDatabases({ beforeAll, afterAll });
const { GET } = await import("@/app/files/[name]/route");
const { POST } = await import("@/app/api/admin/attachments/route");
const { writeStoredFile, chunkBytes } = await import("@/lib/file-store");
const { maxUploadBytes } = await import("@/lib/admin/attachments");
const { formOverheadBytes } = await import("@/lib/admin/upload");
const { createSession } = await import("@/lib/auth/sessions");
const { sessionCookieName } = await import("@/lib/auth/cookie");
const { loadCatalogue } = await import("@/lib/content/load");
const { importCatalogue } = await import("@/lib/content/import");

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

// A PDF-looking file of the given size whose bytes differ by position, so a wrong offset shows
function pdfBytes(size: number): Buffer {
  const bytes = randomBytes(size);
  bytes.write("%PDF-1.7\n", 0, "latin1");
  return bytes;
}

async function* pieces(bytes: Uint8Array, size = 64 * 1024) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const download = (name: string, headers: Record<string, string> = {}) =>
  GET(new Request(`http://kb.test/files/${name}`, { headers }), { params: Promise.resolve({ name }) });

const bodyOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe.each(databases)("stored files on the $name database", (database) => {
  let itemId = "";
  const file = pdfBytes(3 * chunkBytes + 12_345);

  beforeAll(async () => {
    activeClient = database.client();
    await truncateCatalogue(activeClient);
    await importCatalogue(activeClient, await loadCatalogue(fixtureContent));
    const item = await activeClient.item.findFirstOrThrow({ where: { attachments: { some: {} } } });
    itemId = item.id;
    await activeClient.attachment.createMany({
      data: [
        {
          itemId,
          title: "Stor rapport",
          fileName: 'Årsrapport 2025 "endelig".pdf',
          mimeType: "application/pdf",
          sizeBytes: file.length,
          location: "files/big.pdf",
          position: 5,
        },
        {
          itemId,
          title: "Tal",
          fileName: "tal.csv",
          mimeType: "text/csv",
          sizeBytes: 9,
          location: "files/tal.csv",
          position: 6,
        },
      ],
    });
    expect(await writeStoredFile(activeClient, "big.pdf", pieces(file), { maxBytes: 1e9 })).toMatchObject({
      status: "stored",
      sizeBytes: file.length,
    });
    await writeStoredFile(activeClient, "tal.csv", pieces(Buffer.from("a;b\n1;2\n<")), { maxBytes: 1e9 });
    const staff = await activeClient.staffUser.create({
      data: { email: "files@example.org", name: "Filer", passwordHash: "x", role: "editor" },
    });
    cookieJar.set(sessionCookieName, (await createSession(activeClient, staff.id)).token);
  });

  beforeEach(() => {
    activeClient = database.client();
  });

  it("serves a content/ attachment's file, imported with the catalogue", async () => {
    const response = await download("testrapport.pdf");
    expect(response.status).toBe(200);
    const { readFile } = await import("node:fs/promises");
    const expected = await readFile(`${fixtureContent}/files/testrapport.pdf`);
    expect(sha(await bodyOf(response))).toBe(sha(expected));
  });

  it("moves the files of the old upload folder into the database once", async () => {
    const { mkdtemp, writeFile, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { importFileFolder } = await import("@/lib/file-store");
    const dir = await mkdtemp(`${tmpdir()}/kb-files-`);
    const old = pdfBytes(chunkBytes + 99);
    try {
      await writeFile(`${dir}/0a1b-old.pdf`, old);
      await writeFile(`${dir}/.hidden`, "x");
      await activeClient!.attachment.create({
        data: {
          itemId,
          title: "Gammel",
          fileName: "gammel.pdf",
          mimeType: "application/pdf",
          sizeBytes: old.length,
          location: "files/0a1b-old.pdf",
          position: 8,
        },
      });
      expect((await download("0a1b-old.pdf")).status).toBe(404);
      expect(await importFileFolder(activeClient!, dir)).toEqual({
        stored: ["0a1b-old.pdf"],
        present: [],
        skipped: [".hidden"],
      });
      expect(sha(await bodyOf(await download("0a1b-old.pdf")))).toBe(sha(old));
      expect((await importFileFolder(activeClient!, dir)).present).toEqual(["0a1b-old.pdf"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("sends the whole file with its length, type, validators, inline disposition and nosniff", async () => {
    const response = await download("big.pdf");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-length")).toBe(String(file.length));
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^inline; /);
    expect(disposition).toContain("filename*=UTF-8''%C3%85rsrapport%202025%20%22endelig%22.pdf");
    // The ASCII fallback has no quote, backslash or non-ASCII character: no header can be broken out of.
    expect(disposition).toContain('filename="Arsrapport 2025 _endelig_.pdf"');
    expect(response.headers.get("content-security-policy") ?? "").not.toContain("sandbox");
    expect(sha(await bodyOf(response))).toBe(sha(file));
  });

  it("offers anything but a PDF as a download", async () => {
    const response = await download("tal.csv");
    expect(response.headers.get("content-disposition")).toBe(
      "attachment; filename=\"tal.csv\"; filename*=UTF-8''tal.csv",
    );
    expect(response.headers.get("content-type")).toBe("text/csv");
    expect((await bodyOf(response)).toString()).toBe("a;b\n1;2\n<");
  });

  it("answers single ranges with 206 and the exact bytes: first bytes, middle, suffix, open-ended", async () => {
    const size = file.length;
    const cases: [string, number, number][] = [
      ["bytes=0-99", 0, 99],
      // Across the boundary between the first and second chunk.
      [`bytes=${chunkBytes - 10}-${chunkBytes + 9}`, chunkBytes - 10, chunkBytes + 9],
      // Several whole chunks from the middle of one to the middle of another.
      [`bytes=1000-${2 * chunkBytes + 500}`, 1000, 2 * chunkBytes + 500],
      ["bytes=-500", size - 500, size - 1],
      [`bytes=${size - 1234}-`, size - 1234, size - 1],
      // An end beyond the file is cut at its last byte.
      [`bytes=${size - 10}-${size + 1000}`, size - 10, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await download("big.pdf", { range });
      expect(response.status, range).toBe(206);
      expect(response.headers.get("content-range"), range).toBe(`bytes ${start}-${end}/${size}`);
      expect(response.headers.get("content-length"), range).toBe(String(end - start + 1));
      const body = await bodyOf(response);
      expect(body.equals(file.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it("answers 416 with the size for a range outside the file, and the whole file for one it cannot use", async () => {
    for (const range of [`bytes=${file.length}-`, `bytes=${file.length + 5}-${file.length + 10}`]) {
      const response = await download("big.pdf", { range });
      expect(response.status, range).toBe(416);
      expect(response.headers.get("content-range")).toBe(`bytes */${file.length}`);
      expect((await bodyOf(response)).length).toBe(0);
    }
    for (const range of ["bytes=0-1,5-9", "items=0-1", "bytes=abc"]) {
      const response = await download("big.pdf", { range });
      expect(response.status, range).toBe(200);
      expect(response.headers.get("content-length")).toBe(String(file.length));
      await response.body?.cancel();
    }
  });

  it("answers 304 to a matching If-None-Match and ignores a range for an older version (If-Range)", async () => {
    const etag = (await download("big.pdf", { range: "bytes=0-0" })).headers.get("etag")!;
    const cached = await download("big.pdf", { "if-none-match": `W/"x", ${etag}` });
    expect(cached.status).toBe(304);
    expect(cached.headers.get("etag")).toBe(etag);
    expect((await bodyOf(cached)).length).toBe(0);
    const stale = await download("big.pdf", { range: "bytes=0-9", "if-range": '"older"' });
    expect(stale.status).toBe(200);
    await stale.body?.cancel();
    const fresh = await download("big.pdf", { range: "bytes=0-9", "if-range": etag });
    expect(fresh.status).toBe(206);
    await fresh.body?.cancel();
  });

  it("does not serve a file of an unpublished item to the public, nor a name that is not a key", async () => {
    await activeClient!.item.update({ where: { id: itemId }, data: { status: "draft" } });
    const jar = new Map(cookieJar);
    cookieJar.clear();
    try {
      expect((await download("big.pdf")).status).toBe(404);
      expect((await download("..%2Fbig.pdf")).status).toBe(404);
      expect((await download(".partial-x")).status).toBe(404);
    } finally {
      for (const [k, v] of jar) cookieJar.set(k, v);
      await activeClient!.item.update({ where: { id: itemId }, data: { status: "published" } });
    }
    // Staff see it all the same, without a shared cache keeping it.
    await activeClient!.item.update({ where: { id: itemId }, data: { status: "draft" } });
    const staffView = await download("big.pdf", { range: "bytes=0-4" });
    expect(staffView.status).toBe(206);
    expect(staffView.headers.get("cache-control")).toBe("private, no-store");
    expect((await bodyOf(staffView)).toString("latin1")).toBe("%PDF-");
    await activeClient!.item.update({ where: { id: itemId }, data: { status: "published" } });
  });

  it("streams a 20 MB file with bounded memory", async () => {
    const size = 20 * 1024 * 1024;
    let made = 0;
    async function* generated() {
      while (made < size) {
        const piece = randomBytes(Math.min(256 * 1024, size - made));
        if (made === 0) piece.write("%PDF-1.7\n", 0, "latin1");
        made += piece.length;
        yield piece;
      }
    }
    const client = activeClient!;
    await client.attachment.create({
      data: {
        itemId,
        title: "20 MB",
        fileName: "tyve.pdf",
        mimeType: "application/pdf",
        sizeBytes: size,
        location: "files/tyve.pdf",
        position: 7,
      },
    });
    const written = await writeStoredFile(client, "tyve.pdf", generated(), { maxBytes: size });
    expect(written.status).toBe("stored");
    // One download first, so that connection buffers and the query engine's memory are at their steady size.
    for await (const piece of (await download("tyve.pdf")).body! as unknown as AsyncIterable<Uint8Array>)
      expect(piece.length).toBeGreaterThan(0);
    // Freed buffers are released by a background sweeper: collect, give it a moment, collect again.
    const settle = async () => {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
      gc();
      return process.memoryUsage();
    };
    const before = await settle();
    let peakLive = 0;
    let peakRss = 0;
    let received = 0;
    const hash = createHash("sha256");
    const response = await download("tyve.pdf");
    expect(response.headers.get("content-length")).toBe(String(size));
    let reads = 0;
    for await (const piece of response.body! as unknown as AsyncIterable<Uint8Array>) {
      received += piece.length;
      hash.update(piece);
      if (++reads % 8 === 0) {
        const now = await settle();
        peakLive = Math.max(peakLive, now.arrayBuffers + now.heapUsed - before.arrayBuffers - before.heapUsed);
        peakRss = Math.max(peakRss, now.rss - before.rss);
      }
    }
    expect(received).toBe(size);
    // The stream reads ahead of its reader by at most one chunk: a paused reader stops the reads.
    const queries = vi.spyOn(client, "$queryRaw");
    const paused = (await download("tyve.pdf")).body!.getReader();
    await paused.read();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(queries.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(queries.mock.calls.length).toBeLessThanOrEqual(2);
    await paused.cancel();
    queries.mockRestore();
    expect(hash.digest("base64url")).toBe((written as { sha256: string }).sha256);
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(
      `${database.name}: 20 MB download in ${reads} reads; live heap + buffers grew at most ${mb(peakLive)} MB, RSS ${mb(peakRss)} MB`,
    );
    // Holding the file would keep 20 MB alive; streaming keeps about one chunk.
    expect(peakLive).toBeLessThan(6 * 1024 * 1024);
  });

  describe("uploads", () => {
    const boundary = "----kbtestboundary";
    const head = (title: string, fileName = "rapport.pdf") =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${title}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
          `Content-Type: application/pdf\r\n\r\n`,
      );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);

    // A request body that makes its bytes as they are read, and counts what was read
    function streamed(parts: (Buffer | { pdfBytes: number })[]) {
      const counter = { pulled: 0 };
      async function* generate() {
        for (const part of parts) {
          if (Buffer.isBuffer(part)) {
            counter.pulled += part.length;
            yield part;
            continue;
          }
          for (let made = 0; made < part.pdfBytes;) {
            const piece = Buffer.alloc(Math.min(64 * 1024, part.pdfBytes - made), 0x41);
            if (made === 0) piece.write("%PDF-1.7\n", 0, "latin1");
            made += piece.length;
            counter.pulled += piece.length;
            yield piece;
          }
        }
      }
      const iterator = generate();
      const body = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            const next = await iterator.next();
            if (next.done) controller.close();
            else controller.enqueue(new Uint8Array(next.value));
          },
        },
        { highWaterMark: 0 },
      );
      return { body, counter };
    }

    const post = (body: BodyInit, headers: Record<string, string> = {}) =>
      POST(
        new Request(`http://kb.test/api/admin/attachments?itemId=${itemId}&uiLocale=sv`, {
          method: "POST",
          body,
          headers: {
            origin: "http://kb.test",
            host: "kb.test",
            "content-type": `multipart/form-data; boundary=${boundary}`,
            ...headers,
          },
          duplex: "half",
        } as RequestInit),
        undefined,
      );

    const stored = async () => ({
      files: await activeClient!.storedFile.count(),
      chunks: await activeClient!.fileChunk.count(),
      attachments: await activeClient!.attachment.count(),
    });

    const result = (response: Response) => {
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get("location")!, "http://kb.test");
      expect(location.pathname).toBe(`/sv/admin/items/${itemId}`);
      return Object.fromEntries(location.searchParams);
    };

    it("stores a streamed PDF and serves the same bytes", async () => {
      const before = await stored();
      const pdf = pdfBytes(chunkBytes + 777);
      const { body } = streamed([head("Min rapport"), pdf, tail]);
      expect(result(await post(body))).toEqual({ upload: "stored" });
      const attachment = await activeClient!.attachment.findFirstOrThrow({ where: { title: "Min rapport" } });
      expect(attachment.sizeBytes).toBe(pdf.length);
      const name = attachment.location.replace(/^files\//, "");
      expect(sha(await bodyOf(await download(name)))).toBe(sha(pdf));
      expect((await stored()).attachments).toBe(before.attachments + 1);
    });

    it("stops a chunked body without Content-Length at the limit and stores nothing", async () => {
      const before = await stored();
      const { body, counter } = streamed([head("For stor"), { pdfBytes: maxUploadBytes + 10 * 1024 * 1024 }, tail]);
      expect(result(await post(body))).toEqual({ upload: "tooLarge", uploadTitle: "For stor" });
      expect(counter.pulled).toBeLessThanOrEqual(maxUploadBytes + formOverheadBytes + 2 * 64 * 1024);
      expect(await stored()).toEqual(before);
    });

    it("stops a body whose Content-Length lies at the limit and stores nothing", async () => {
      const before = await stored();
      const { body, counter } = streamed([head("Løgn"), { pdfBytes: maxUploadBytes + 10 * 1024 * 1024 }, tail]);
      expect(result(await post(body, { "content-length": "2000" }))).toEqual({
        upload: "tooLarge",
        uploadTitle: "Løgn",
      });
      expect(counter.pulled).toBeLessThanOrEqual(maxUploadBytes + formOverheadBytes + 2 * 64 * 1024);
      expect(await stored()).toEqual(before);
    });

    it("refuses a declared length over the limit before reading the body", async () => {
      const before = await stored();
      const { body, counter } = streamed([head("Stor"), { pdfBytes: 1024 }, tail]);
      const declared = String(maxUploadBytes + formOverheadBytes + 1);
      expect(result(await post(body, { "content-length": declared }))).toEqual({ upload: "tooLarge" });
      expect(counter.pulled).toBe(0);
      expect(await stored()).toEqual(before);
    });

    it("accepts a file of exactly the limit", async () => {
      const before = await stored();
      const { body } = streamed([head("Præcis"), { pdfBytes: maxUploadBytes }, tail]);
      expect(result(await post(body))).toEqual({ upload: "stored" });
      expect((await stored()).attachments).toBe(before.attachments + 1);
      const attachment = await activeClient!.attachment.findFirstOrThrow({ where: { title: "Præcis" } });
      expect(attachment.sizeBytes).toBe(maxUploadBytes);
    });

    it("refuses a renamed non-PDF and a body cut short, storing nothing and keeping the title", async () => {
      const before = await stored();
      const fake = streamed([head("Falsk"), Buffer.from("MZ not a pdf at all".repeat(1000)), tail]);
      expect(result(await post(fake.body))).toEqual({ upload: "notPdf", uploadTitle: "Falsk" });
      const cut = streamed([head("Afbrudt"), pdfBytes(chunkBytes * 2)]);
      expect(result(await post(cut.body))).toEqual({ upload: "failed", uploadTitle: "Afbrudt" });
      const empty = streamed([head("Tom", ""), tail]);
      expect(result(await post(empty.body))).toEqual({ upload: "missing", uploadTitle: "Tom" });
      expect(await stored()).toEqual(before);
    });
  });
});
