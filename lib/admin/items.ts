// The staff's item functions, by job: item-queries.ts (list, editor choices, one item), item-save.ts (save, delete)
// and item-revisions.ts (history, restore).
export * from "./item-queries";
export * from "./item-save";
export * from "./item-revisions";
export type { ItemErrors, ItemField, ItemValues } from "./item-form";
