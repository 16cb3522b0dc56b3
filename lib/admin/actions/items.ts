"use server";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { db } from "@/lib/db";
import { staffAction } from "@/lib/auth/guard";
import { renderMarkdown } from "@/lib/markdown";
import { revalidatePublicPages } from "@/lib/cache/revalidate";
import { cacheTags } from "@/lib/cache/tags";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { itemValuesFromForm, rowFields, type ItemField, type ItemValues, type RowField } from "@/lib/admin/item-form";
import { editorChoices } from "@/lib/admin/item-queries";
import { matchChoices, pickFields, type PickField } from "@/lib/admin/pick";
import {
  deleteItem,
  diffValues,
  restoreRevision,
  saveIntents,
  saveItem,
  type FieldDiff,
  type SaveIntent,
} from "@/lib/admin/items";
import { failureOf } from "@/lib/admin/failure";
import { hintWords, previewHints, type ItemHints } from "@/lib/catalogue/glossary";

export type EditorState = {
  attempt: number;
  id: string | null;
  version: number;
  values: ItemValues;
  errors: Partial<Record<ItemField, string>>;
  formError: string | null;
  notice: string | null;
  conflict: { version: number; values: ItemValues; message: string; changes: FieldDiff[] } | null;
  /** Empty rows to show beyond one, asked for by "add a row" without JavaScript */
  extraRows?: Partial<Record<RowField, number>>;
  /** What a picker's search found without JavaScript, to tick and add */
  picks?: Partial<Record<PickField, { query: string; found: string[] }>>;
};

// Expire the public pages; the save stands even when the database fails right after it
async function revalidateAfterSave() {
  try {
    await revalidatePublicPages([cacheTags.catalogue], { written: true });
  } catch (error) {
    console.error("Could not expire the public pages after a save:", error);
  }
}

const fieldLabels: Record<string, string> = { topicIds: "topics", placeIds: "places", relatedIds: "related" };

// Save the item editor's form: draft, publish, schedule, unpublish or archive. What was typed always comes back.
export const saveItemAction = staffAction(
  "editor",
  async (staff, previous: EditorState, form: FormData): Promise<EditorState> => {
    const locale = adminLocale(String(form.get("uiLocale") ?? ""));
    const t = await getTranslations({ locale, namespace: "Admin" });
    const values = itemValuesFromForm(form);
    const rawIntent = String(form.get("intent") ?? "save");
    const intent: SaveIntent = (saveIntents as readonly string[]).includes(rawIntent)
      ? (rawIntent as SaveIntent)
      : "save";
    const id = String(form.get("id") ?? "") || null;
    const baseVersion = Number(form.get("version") ?? 0);
    const next = (patch: Partial<EditorState>): EditorState => ({
      ...previous,
      attempt: previous.attempt + 1,
      values,
      errors: {},
      formError: null,
      notice: null,
      conflict: null,
      extraRows: undefined,
      picks: undefined,
      ...patch,
    });
    // Without JavaScript, "add a row" and a picker's search come back to the server: nothing is saved.
    const [step, field] = rawIntent.split(":");
    if (step === "addRow" && field && field in rowFields) {
      const extra = { ...previous.extraRows };
      extra[field as RowField] = Math.min((extra[field as RowField] ?? 0) + 1, 20);
      return next({ extraRows: extra });
    }
    if (step === "pick" && (pickFields as readonly string[]).includes(field ?? "")) {
      const query = String(form.get(`pick-${field}`) ?? "").slice(0, 200);
      let found: string[] = [];
      try {
        const choices = await editorChoices(db(), locale);
        found = matchChoices(field as PickField, choices, query, { values, id });
      } catch (error) {
        return next({ formError: t(`failures.${failureOf(error)}`) });
      }
      return next({ extraRows: previous.extraRows, picks: { [field as PickField]: { query, found } } });
    }
    let outcome: Awaited<ReturnType<typeof saveItem>>;
    try {
      outcome = await saveItem(db(), staff, {
        id,
        baseVersion,
        values,
        intent,
        substantialChange: form.get("substantialChange") === "1",
      });
    } catch (error) {
      // Nothing was saved (one transaction): the typed text comes back with what went wrong.
      return next({ formError: t(`failures.${failureOf(error)}`) });
    }
    switch (outcome.status) {
      case "invalid": {
        const errors: EditorState["errors"] = {};
        for (const [field, error] of Object.entries(outcome.errors)) {
          const label = t(`editor.${fieldLabels[field] ?? field}` as "editor.title");
          errors[field as ItemField] = t(`errors.${error.code}` as "errors.required", {
            field: label,
            max: error.max ?? 0,
          });
        }
        return next({ errors });
      }
      case "conflict":
        return next({
          // The next save is made over the version now stored: the editor has seen it and merged.
          version: outcome.current.version,
          conflict: {
            version: outcome.current.version,
            values: outcome.current.values,
            changes: diffValues(values, outcome.current.values),
            message: t("editor.conflictBody", {
              author: outcome.current.author,
              version: outcome.current.version,
              date: outcome.current.at.toLocaleString(locale === "sv" ? "sv-SE" : "da-DK", {
                timeZone: "Europe/Copenhagen",
              }),
            }),
          },
        });
      case "saved":
        await revalidateAfterSave();
        if (!id) redirect(adminPath(locale, `items/${outcome.id}?created=1`));
        return next({
          id: outcome.id,
          version: outcome.version,
          values: outcome.values,
          notice: t("editor.savedAt", { version: outcome.version }),
        });
    }
  },
  // An expired session must not cost the editor the text: it comes back with the message.
  (_reason, previous: EditorState, form: FormData): EditorState => ({
    ...previous,
    attempt: (previous?.attempt ?? 0) + 1,
    values: itemValuesFromForm(form instanceof FormData ? form : new FormData()),
    errors: {},
    notice: null,
    conflict: null,
    formError: "signedOut",
  }),
);

// Render Markdown for the editor's live preview, through the public pages' own renderer
export const previewMarkdown = staffAction("editor", async (_staff, markdown: string): Promise<string> => {
  if (typeof markdown !== "string") return "";
  return (await renderMarkdown(markdown.slice(0, 400_000))).html;
});

const hintsInput = z.object({
  locale: z.enum(["da", "sv"]),
  title: z.string().max(1_000),
  summary: z.string().max(4_000),
  body: z.string().max(400_000),
});

// The preview as readers of the other language see it: the glossary's words marked, with their counterparts
export const previewWithHints = staffAction(
  "editor",
  async (_staff, input: z.input<typeof hintsInput>): Promise<ItemHints | null> => {
    const parsed = hintsInput.safeParse(input);
    if (!parsed.success) return null;
    const { locale, ...text } = parsed.data;
    return previewHints(db(), locale, text, await hintWords(locale === "da" ? "sv" : "da"));
  },
);

// Restore one revision of an item as a new revision
export const restoreRevisionAction = staffAction("editor", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  const itemId = String(form.get("itemId") ?? "");
  let outcome: Awaited<ReturnType<typeof restoreRevision>>;
  try {
    outcome = await restoreRevision(db(), staff, {
      itemId,
      revisionId: String(form.get("revisionId") ?? ""),
      baseVersion: Number(form.get("version") ?? 0),
    });
  } catch (error) {
    redirect(adminPath(locale, `items/${itemId}/history?failed=${failureOf(error)}`));
  }
  if (outcome.status === "saved") {
    await revalidateAfterSave();
    redirect(adminPath(locale, `items/${itemId}/history?restored=${outcome.version}`));
  }
  redirect(adminPath(locale, `items/${itemId}/history?conflict=1`));
});

// Delete an item (admins only, after the confirmation page): audited, and remembered so that the export
// removes its file and the import does not bring it back
export const deleteItemAction = staffAction("admin", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  const itemId = z.uuid().safeParse(form.get("itemId"));
  if (!itemId.success) redirect(adminPath(locale, "items"));
  const version = Number(form.get("version") ?? 0);
  let outcome: Awaited<ReturnType<typeof deleteItem>>;
  try {
    outcome = await deleteItem(db(), staff, itemId.data, version);
  } catch (error) {
    redirect(adminPath(locale, `items/${itemId.data}/delete?failed=${failureOf(error)}`));
  }
  if (outcome.status === "stale") redirect(adminPath(locale, `items/${itemId.data}/delete?stale=1`));
  await revalidateAfterSave();
  redirect(adminPath(locale, `items?deleted=${encodeURIComponent(outcome.status === "deleted" ? outcome.title : "")}`));
});
