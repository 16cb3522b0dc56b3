// The extracted text in the database: which attachments wait, a result written with its pages, and the item's PDF
// words ("Item"."pdfVector", part of its search vector) made again from its extracted pages.
import type { Db } from "@/lib/database/client";
import { fileKeyPattern, readStoredFile, storedFileInfo } from "@/lib/file-store";
import type { Extraction } from "./extract";

/** An item's PDF words are read from its pages up to this many characters (a tsvector holds at most 1 MB). */
export const MAX_ITEM_CHARS = 500_000;

/** Extractions started on one file before it is given up as broken (it stopped the process each time). */
export const MAX_ATTEMPTS = 3;

export type PendingAttachment = { id: string; itemId: string; location: string; textAttempts: number };

// The attachments whose text waits to be read, oldest first
export async function pendingAttachments(client: Db, limit: number): Promise<PendingAttachment[]> {
  return client.attachment.findMany({
    where: { textStatus: "pending" },
    select: { id: true, itemId: true, location: true, textAttempts: true },
    orderBy: [{ textUpdatedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take: limit,
  });
}

// Count one more extraction started on an attachment (before it starts, so a crash is counted too)
export async function countAttempt(client: Db, id: string): Promise<void> {
  await client.attachment.updateMany({ where: { id }, data: { textAttempts: { increment: 1 } } });
}

// The bytes of an attachment kept in the file store; "external" when it names an outside address, "missing" when
// the store has no such file
export async function attachmentBytes(client: Db, location: string): Promise<Buffer | "external" | "missing"> {
  const key = location.match(/^files\/(.+)$/)?.[1];
  if (!key) return "external";
  const info = fileKeyPattern.test(key) ? await storedFileInfo(client, key) : null;
  if (!info) return "missing";
  const parts: Uint8Array[] = [];
  for await (const part of readStoredFile(client, info) as unknown as AsyncIterable<Uint8Array>) parts.push(part);
  return Buffer.concat(parts);
}

// Write an extraction's outcome: the pages (replacing any before) and the status, then the item's PDF words.
// Nothing is written when the attachment was removed meanwhile or its outcome is already in (no longer pending).
export async function recordExtraction(
  client: Db,
  attachment: PendingAttachment,
  outcome: Extraction,
): Promise<boolean> {
  const written = await client.$transaction(async (tx) => {
    const current = await tx.attachment.findUnique({
      where: { id: attachment.id },
      select: { textStatus: true, item: { select: { locale: true } } },
    });
    if (!current || current.textStatus !== "pending") return false;
    await tx.attachmentText.deleteMany({ where: { attachmentId: attachment.id } });
    if (outcome.status === "done")
      await tx.attachmentText.createMany({
        data: outcome.pages.map((text, index) => ({
          attachmentId: attachment.id,
          page: index + 1,
          locale: current.item.locale,
          text,
        })),
      });
    await tx.attachment.update({
      where: { id: attachment.id },
      data: {
        textStatus: outcome.status,
        textReason: outcome.status === "failed" ? outcome.reason : null,
        textPages: outcome.status === "done" ? outcome.pages.length : null,
        textUpdatedAt: new Date(),
      },
    });
    await refreshPdfVector(tx, attachment.itemId);
    return true;
  });
  return written;
}

// Make an item's PDF words again from the pages of its extracted attachments, in their order, up to MAX_ITEM_CHARS
export async function refreshPdfVector(client: Pick<Db, "$executeRaw">, itemId: string): Promise<void> {
  await client.$executeRaw`
    UPDATE "Item" i SET "pdfVector" = (
      SELECT nullif(search_tsvector_agg(p."searchVector" ORDER BY p.position, p.id, p.page), ''::tsvector)
      FROM (
        SELECT t."searchVector", a.position, a.id, t.page,
          sum(length(t.text)) OVER (ORDER BY a.position, a.id, t.page) AS upto
        FROM "AttachmentText" t JOIN "Attachment" a ON a.id = t."attachmentId"
        WHERE a."itemId" = i.id AND a."textStatus" = 'done'
      ) p
      WHERE p.upto <= ${MAX_ITEM_CHARS}
    )
    WHERE i.id = ${itemId}::uuid`;
}

// Drop an item's PDF words (its attachments were replaced: they are read again)
export async function dropPdfWords(client: Pick<Db, "$executeRaw">, itemId: string): Promise<void> {
  await client.$executeRaw`UPDATE "Item" SET "pdfVector" = NULL WHERE id = ${itemId}::uuid AND "pdfVector" IS NOT NULL`;
}

// Stem again, in the item's language, the pages of attachments whose item changed language since they were read,
// and make those items' PDF words again. (Looked for through the extracted attachments' first pages: one index
// look-up each.) Returns the number of items made again.
export async function reconcile(client: Db): Promise<number> {
  const moved = await client.$queryRaw<{ itemId: string }[]>`
    UPDATE "AttachmentText" t SET locale = m.locale
    FROM (
      SELECT a.id, a."itemId", i.locale FROM "Attachment" a
      JOIN "Item" i ON i.id = a."itemId"
      JOIN "AttachmentText" f ON f."attachmentId" = a.id AND f.page = 1
      WHERE a."textStatus" = 'done' AND f.locale <> i.locale
    ) m
    WHERE t."attachmentId" = m.id
    RETURNING m."itemId"::text AS "itemId"`;
  const items = new Set(moved.map((r) => r.itemId));
  for (const id of items) await refreshPdfVector(client, id);
  return items.size;
}

// Ask for an attachment's text to be read again (an editor's retry), or every attachment's; how many were queued
export async function queueExtraction(client: Db, which: { id: string } | "all"): Promise<number> {
  const done = await client.attachment.updateMany({
    where: which === "all" ? {} : { id: which.id },
    data: { textStatus: "pending", textReason: null, textAttempts: 0, textUpdatedAt: new Date() },
  });
  return done.count;
}
