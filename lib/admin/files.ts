import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/database/client";
import type { Staff } from "@/lib/auth/sessions";
import { visibleWhere } from "@/lib/catalogue/listing";
import { audit } from "./audit";

export const maxUploadBytes = 20 * 1024 * 1024;

// Uploaded files live outside public/, in FILE_STORE_DIR (default .data/files), under generated names.
export function fileStoreDir(): string {
  return path.resolve(process.env.FILE_STORE_DIR ?? path.join(".data", "files"));
}

// A PDF starts with "%PDF-" (ISO 32000); a few bytes of junk before it are tolerated by readers, not here.
export function looksLikePdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-";
}

function plainFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\w.-]+/g, "-")
    .replace(/^[.-]+/, "")
    .slice(0, 100);
  const stem = cleaned.replace(/\.pdf$/i, "") || "file";
  return `${stem}.pdf`;
}

export type UploadOutcome = { status: "stored"; id: string } | { status: "notPdf" | "tooLarge" | "missing" | "noItem" };

// Store an uploaded PDF for an item, checked by its bytes
export async function storePdf(
  client: Db,
  staff: Pick<Staff, "id" | "email">,
  input: { itemId: string; title: string; fileName: string; bytes: Uint8Array },
): Promise<UploadOutcome> {
  if (!input.bytes.length) return { status: "missing" };
  if (input.bytes.length > maxUploadBytes) return { status: "tooLarge" };
  if (!looksLikePdf(input.bytes)) return { status: "notPdf" };
  const item = await client.item.findUnique({ where: { id: input.itemId }, select: { id: true } });
  if (!item) return { status: "noItem" };
  const key = `${randomUUID()}.pdf`;
  await mkdir(fileStoreDir(), { recursive: true });
  await writeFile(path.join(fileStoreDir(), key), input.bytes, { flag: "wx" });
  const taken = new Set(
    (await client.attachment.findMany({ where: { itemId: item.id }, select: { fileName: true } })).map(
      (a) => a.fileName,
    ),
  );
  let fileName = plainFileName(input.fileName);
  for (let n = 2; taken.has(fileName); n++) fileName = fileName.replace(/(-\d+)?\.pdf$/, `-${n}.pdf`);
  const position = taken.size;
  const attachment = await client.attachment.create({
    data: {
      itemId: item.id,
      title: input.title.trim().slice(0, 200) || fileName,
      fileName,
      mimeType: "application/pdf",
      sizeBytes: input.bytes.length,
      location: `files/${key}`,
      position,
    },
    select: { id: true },
  });
  await client.item.update({ where: { id: item.id }, data: { adminEditedAt: new Date() } });
  await audit(client, staff, "attachment.upload", "item", item.id, { fileName, sizeBytes: input.bytes.length });
  return { status: "stored", id: attachment.id };
}

// Remove an attachment and its stored file
export async function removeAttachment(
  client: Db,
  staff: Pick<Staff, "id" | "email">,
  id: string,
): Promise<string | null> {
  const attachment = await client.attachment.findUnique({ where: { id } });
  if (!attachment) return null;
  await client.attachment.delete({ where: { id } });
  await client.item.update({ where: { id: attachment.itemId }, data: { adminEditedAt: new Date() } });
  const match = attachment.location.match(/^files\/([A-Za-z0-9._-]+)$/);
  if (match) await rm(path.join(fileStoreDir(), match[1]!), { force: true });
  await audit(client, staff, "attachment.remove", "item", attachment.itemId, { fileName: attachment.fileName });
  return attachment.itemId;
}

export type StoredFile = { bytes: Buffer; fileName: string; mimeType: string };

// A stored file for the public: only when its item is public (or for staff, any)
export async function readPublicFile(client: Db, name: string, staff: boolean): Promise<StoredFile | null> {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith(".")) return null;
  const attachment = await client.attachment.findFirst({
    where: { location: `files/${name}`, ...(staff ? {} : { item: visibleWhere() }) },
    select: { fileName: true, mimeType: true },
  });
  if (!attachment) return null;
  try {
    return { bytes: await readFile(path.join(fileStoreDir(), name)), ...attachment };
  } catch {
    return null;
  }
}
