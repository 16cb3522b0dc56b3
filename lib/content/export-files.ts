// The files that attachments name as "files/<name>" go to content/files with the export, so that the catalogue's
// files live beside it and the loader, which refuses an attachment without its file, accepts what was exported.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, rename } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Db } from "@/lib/database/client";
import { fileKeyPattern, readStoredFile, storedFileInfo } from "@/lib/file-store";
import type { ItemData } from "./schema";

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const piece of createReadStream(file)) hash.update(piece as Buffer);
  return hash.digest("base64url");
}

// Write every stored file an item's attachment names into dir/files, unless the same bytes are there already
export async function exportAttachmentFiles(client: Db, items: ItemData[], dir: string): Promise<string[]> {
  const names = new Set<string>();
  for (const item of items)
    for (const attachment of item.data.attachments) {
      const match = attachment.location.match(/^files\/(.+)$/);
      if (match && fileKeyPattern.test(match[1]!)) names.add(match[1]!);
    }
  const written: string[] = [];
  for (const name of [...names].sort()) {
    const info = await storedFileInfo(client, name);
    if (!info) continue;
    const target = path.join(dir, "files", name);
    if (existsSync(target) && (await sha256Of(target)) === info.sha256) continue;
    await mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    await pipeline(
      Readable.fromWeb(readStoredFile(client, info) as unknown as WebReadableStream<Uint8Array>),
      createWriteStream(partial),
    );
    await rename(partial, target);
    written.push(`files/${name}`);
  }
  return written;
}
