import "server-only";
import type { Db } from "@/lib/database/client";
import type { Staff } from "@/lib/auth/sessions";
import { visibleWhere } from "@/lib/catalogue/visibility";
import {
  deleteStoredFile,
  fileKeyPattern,
  newFileKey,
  purgeIncompleteFiles,
  storedFileInfo,
  writeStoredFile,
  type FileInfo,
} from "@/lib/file-store";
import { audit } from "./audit";
import { queueExtraction, refreshPdfVector } from "@/lib/pdf-text/store";
import { setting } from "@/lib/env";

// The largest upload (UPLOAD_MAX_MB, default 20 MB), checked while the body is read.
export const maxUploadBytes = Math.round(setting("UPLOAD_MAX_MB") * 1024 * 1024);

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

// Store an uploaded PDF for an item, checked by its first bytes and its size while it is read
export async function storePdf(
  client: Db,
  staff: Pick<Staff, "id" | "email">,
  input: { itemId: string; title: string; fileName: string; bytes: AsyncIterable<Uint8Array> },
): Promise<UploadOutcome> {
  const item = await client.item.findUnique({ where: { id: input.itemId }, select: { id: true } });
  if (!item) return { status: "noItem" };
  // Uploads cut off by a stopped process leave a half-written file behind; clear those of yesterday.
  await purgeIncompleteFiles(client, new Date(Date.now() - 24 * 3600_000));
  const key = newFileKey(".pdf");
  const written = await writeStoredFile(client, key, input.bytes, {
    maxBytes: maxUploadBytes,
    accept: looksLikePdf,
    headBytes: 5,
  });
  if (written.status !== "stored")
    return { status: written.status === "tooLarge" ? "tooLarge" : written.status === "empty" ? "missing" : "notPdf" };
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
      sizeBytes: written.sizeBytes,
      location: `files/${key}`,
      position,
    },
    select: { id: true },
  });
  await client.item.update({ where: { id: item.id }, data: { adminEditedAt: new Date() } });
  await audit(client, staff, "attachment.upload", "item", item.id, { fileName, sizeBytes: written.sizeBytes });
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
  // Its pages went with it: the item's PDF words are made again without them.
  await refreshPdfVector(client, attachment.itemId);
  const match = attachment.location.match(/^files\/([A-Za-z0-9._-]+)$/);
  // The same file may back other attachments (a translation's, or one from content/).
  if (match && !(await client.attachment.count({ where: { location: attachment.location } })))
    await deleteStoredFile(client, match[1]!);
  await audit(client, staff, "attachment.remove", "item", attachment.itemId, { fileName: attachment.fileName });
  return attachment.itemId;
}

// Give an attachment a new title (the link text on the public page); the item's id, or null when there is none
export async function renameAttachment(
  client: Db,
  staff: Pick<Staff, "id" | "email">,
  id: string,
  title: string,
): Promise<string | null> {
  return client.$transaction(async (tx) => {
    const attachment = await tx.attachment.findUnique({ where: { id }, select: { itemId: true, title: true } });
    if (!attachment) return null;
    if (attachment.title === title) return attachment.itemId;
    await tx.attachment.update({ where: { id }, data: { title } });
    await tx.item.update({ where: { id: attachment.itemId }, data: { adminEditedAt: new Date() } });
    await audit(tx, staff, "attachment.rename", "item", attachment.itemId, { from: attachment.title, to: title });
    return attachment.itemId;
  });
}

// Queue an attachment's text to be read again; the item's id, or null when there is no such attachment
export async function retryAttachmentText(
  client: Db,
  staff: Pick<Staff, "id" | "email">,
  id: string,
): Promise<string | null> {
  const attachment = await client.attachment.findUnique({ where: { id }, select: { itemId: true, fileName: true } });
  if (!attachment || !(await queueExtraction(client, { id }))) return null;
  await audit(client, staff, "attachment.retryText", "item", attachment.itemId, { fileName: attachment.fileName });
  return attachment.itemId;
}

export type PublicFile = { file: FileInfo; fileName: string; mimeType: string };

// A stored file for the public: only when an item it belongs to is public (or for staff, any)
export async function findPublicFile(client: Db, name: string, staff: boolean): Promise<PublicFile | null> {
  if (!fileKeyPattern.test(name)) return null;
  const attachment = await client.attachment.findFirst({
    where: { location: `files/${name}`, ...(staff ? {} : { item: visibleWhere() }) },
    select: { fileName: true, mimeType: true },
  });
  if (!attachment) return null;
  const file = await storedFileInfo(client, name);
  return file && { file, ...attachment };
}
