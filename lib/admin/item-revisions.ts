// An item's revisions: listed with their changes, and restored as a new save.
import "server-only";
import { diffWordsWithSpace } from "diff";
import type { Db } from "@/lib/database/client";
import type { Staff } from "@/lib/auth/sessions";
import { itemListFields, itemTextFields, type ItemField, type ItemValues } from "./item-form";
import { saveItem, type SaveOutcome } from "./item-save";

export type RevisionEntry = {
  id: string;
  version: number;
  authorName: string;
  action: string;
  createdAt: Date;
  changes: FieldDiff[];
};

export type DiffPart = { value: string; added?: boolean; removed?: boolean };
export type FieldDiff = { field: ItemField; parts: DiffPart[] };

const asText = (values: Partial<ItemValues>, field: ItemField) => {
  const v = values[field];
  return Array.isArray(v) ? v.join("\n") : (v ?? "");
};

// The fields that differ between two saved states, each as a word diff
export function diffValues(before: Partial<ItemValues>, after: Partial<ItemValues>): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of [...itemTextFields, ...itemListFields]) {
    const a = asText(before, field);
    const b = asText(after, field);
    if (a === b) continue;
    out.push({
      field,
      parts: diffWordsWithSpace(a, b).map((p) => ({ value: p.value, added: p.added, removed: p.removed })),
    });
  }
  return out;
}

// Every revision of an item, newest first, each with its changes from the one before
export async function listRevisions(client: Db, itemId: string): Promise<RevisionEntry[]> {
  if (!/^[0-9a-f-]{36}$/i.test(itemId)) return [];
  const rows = await client.revision.findMany({
    where: { itemId },
    orderBy: [{ createdAt: "asc" }, { version: "asc" }],
  });
  const entries = rows.map((row, i) => ({
    id: row.id,
    version: row.version,
    authorName: row.authorName,
    action: row.action,
    createdAt: row.createdAt,
    changes: diffValues(
      i > 0 ? (rows[i - 1]!.snapshot as Partial<ItemValues>) : {},
      row.snapshot as Partial<ItemValues>,
    ),
  }));
  return entries.reverse();
}

// Make a revision's state the item's current state again, as a new revision
export async function restoreRevision(
  client: Db,
  staff: Pick<Staff, "id" | "email" | "name">,
  input: { itemId: string; revisionId: string; baseVersion: number },
): Promise<SaveOutcome | { status: "notFound" }> {
  const revision = await client.revision.findFirst({ where: { id: input.revisionId, itemId: input.itemId } });
  if (!revision) return { status: "notFound" };
  const values = revision.snapshot as unknown as ItemValues;
  return saveItem(client, staff, {
    id: input.itemId,
    baseVersion: input.baseVersion,
    values: { ...values },
    intent: "save",
    action: "restore",
  });
}
