import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/database/client";
import { setting } from "@/lib/env";

// Files kept in PostgreSQL (tables StoredFile and FileChunk), so every app process serves the same
// bytes and a database backup holds them. A file is written in chunks of chunkBytes and marked
// complete at the end; a download reads one chunk at a time, so it is streamed and ranged without
// ever holding the whole file.

export const chunkBytes = 256 * 1024;

export const fileKeyPattern = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

export type FileInfo = { key: string; sizeBytes: number; sha256: string; chunkBytes: number; createdAt: Date };

export type WriteOutcome =
  { status: "stored"; sizeBytes: number; sha256: string } | { status: "tooLarge" | "empty" | "rejected" };

export class FileTooLargeError extends Error {
  constructor() {
    super("file too large");
  }
}

// Make a fresh key for an uploaded file
export function newFileKey(extension: string): string {
  return `${randomUUID()}${extension}`;
}

// Write a file from a stream of bytes: at most maxBytes, refused (and nothing kept) when the first
// bytes fail accept; an existing file under the key is replaced only once the new one is complete.
export async function writeStoredFile(
  client: Db,
  key: string,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: { maxBytes: number; accept?: (head: Uint8Array) => boolean; headBytes?: number },
): Promise<WriteOutcome> {
  if (!fileKeyPattern.test(key)) throw new Error(`not a file key: ${key}`);
  // Written under a temporary key, renamed when complete: a reader never sees a half-written file.
  const staging = `.partial-${randomUUID()}`;
  await client.storedFile.create({ data: { key: staging, chunkBytes } });
  const hash = createHash("sha256");
  let size = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let checked = !options.accept;
  const headBytes = options.headBytes ?? 8;
  const flush = async (all: boolean) => {
    while (pendingBytes >= chunkBytes || (all && pendingBytes > 0)) {
      const joined = Buffer.concat(pending, pendingBytes);
      const data = joined.subarray(0, Math.min(chunkBytes, joined.length));
      await client.fileChunk.create({ data: { fileKey: staging, seq: seq++, data: new Uint8Array(data) } });
      const rest = joined.subarray(data.length);
      pending = rest.length ? [Buffer.from(rest)] : [];
      pendingBytes = rest.length;
    }
  };
  try {
    for await (const piece of source) {
      if (!piece.length) continue;
      size += piece.length;
      if (size > options.maxBytes) throw new FileTooLargeError();
      hash.update(piece);
      pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.length));
      pendingBytes += piece.length;
      if (!checked && pendingBytes >= headBytes) {
        if (!options.accept!(Buffer.concat(pending, pendingBytes))) {
          await discard(client, staging);
          return { status: "rejected" };
        }
        checked = true;
      }
      await flush(false);
    }
    if (size === 0) {
      await discard(client, staging);
      return { status: "empty" };
    }
    if (!checked && !options.accept!(Buffer.concat(pending, pendingBytes))) {
      await discard(client, staging);
      return { status: "rejected" };
    }
    await flush(true);
  } catch (error) {
    await discard(client, staging);
    if (error instanceof FileTooLargeError) return { status: "tooLarge" };
    throw error;
  }
  const sha256 = hash.digest("base64url");
  await client.$transaction(async (tx) => {
    await tx.storedFile.deleteMany({ where: { key } });
    // ON UPDATE CASCADE moves the chunks with their file.
    await tx.storedFile.update({
      where: { key: staging },
      data: { key, sizeBytes: size, sha256, complete: true, createdAt: new Date() },
    });
  });
  return { status: "stored", sizeBytes: size, sha256 };
}

async function discard(client: Db, key: string) {
  await client.storedFile.deleteMany({ where: { key } });
}

// A complete stored file's size and checksum, or null
export async function storedFileInfo(client: Db, key: string): Promise<FileInfo | null> {
  if (!fileKeyPattern.test(key)) return null;
  return client.storedFile.findFirst({
    where: { key, complete: true },
    select: { key: true, sizeBytes: true, sha256: true, chunkBytes: true, createdAt: true },
  });
}

// Delete a stored file and its chunks
export async function deleteStoredFile(client: Db, key: string): Promise<void> {
  await client.storedFile.deleteMany({ where: { key } });
}

// Delete files left half-written by a process that stopped during an upload
export async function purgeIncompleteFiles(client: Db, olderThan: Date): Promise<number> {
  const { count } = await client.storedFile.deleteMany({ where: { complete: false, createdAt: { lt: olderThan } } });
  return count;
}

// Stream the bytes start..end (inclusive) of a stored file, one chunk (or less) per read
export function readStoredFile(
  client: Db,
  file: Pick<FileInfo, "key" | "sizeBytes" | "chunkBytes">,
  start = 0,
  end = file.sizeBytes - 1,
): ReadableStream<Uint8Array> {
  let position = start;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (position > end) {
          controller.close();
          return;
        }
        const seq = Math.floor(position / file.chunkBytes);
        const offset = position - seq * file.chunkBytes;
        const length = Math.min(file.chunkBytes - offset, end - position + 1);
        // substring on bytea reads only the slice (the column is stored uncompressed, see the migration).
        const rows = await client.$queryRaw<{ data: Uint8Array }[]>`
          SELECT substring("data" FROM ${offset + 1}::int FOR ${length}::int) AS "data"
          FROM "FileChunk" WHERE "fileKey" = ${file.key} AND "seq" = ${seq}::int`;
        const data = rows[0]?.data;
        if (!data || data.length !== length) {
          controller.error(new Error(`stored file ${file.key} is missing bytes at ${position}`));
          return;
        }
        position += length;
        controller.enqueue(data);
      },
    },
    // Hold at most one chunk ahead of the reader.
    { highWaterMark: 1 },
  );
}

// The folder uploads were kept in before they moved into the database (FILE_STORE_DIR, default .data/files)
export function fileStoreDir(): string {
  return path.resolve(setting("FILE_STORE_DIR"));
}

// Move the files of the old upload folder into the database: each file not yet stored there (by name
// and size) is read and stored under its own name, which attachments already use ("files/<name>").
// The folder is left as it was; delete it once this has run. Running it again stores nothing new.
export async function importFileFolder(
  client: Db,
  dir = fileStoreDir(),
): Promise<{ stored: string[]; present: string[]; skipped: string[] }> {
  const report = { stored: [] as string[], present: [] as string[], skipped: [] as string[] };
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return report;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    const facts = await stat(file);
    if (!fileKeyPattern.test(name) || !facts.isFile()) {
      report.skipped.push(name);
      continue;
    }
    const current = await storedFileInfo(client, name);
    if (current && current.sizeBytes === facts.size) {
      report.present.push(name);
      continue;
    }
    const written = await writeStoredFile(client, name, createReadStream(file), { maxBytes: Number.MAX_SAFE_INTEGER });
    (written.status === "stored" ? report.stored : report.skipped).push(name);
  }
  return report;
}
