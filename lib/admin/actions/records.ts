"use server";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { AccessDenied, staffAction } from "@/lib/auth/guard";
import { roleAllows } from "@/lib/auth/roles";
import { recordKinds, saveRecord, tagsOf } from "@/lib/admin/records";
import { isRecordKind, recordValuesFromForm, type RecordValues } from "@/lib/admin/record-form";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { revalidatePublicPages } from "@/lib/cache/revalidate";

export type RecordFormState = {
  /** Raised by every answer of the server, so the form shows the values it sent back */
  attempt: number;
  id: string | null;
  values: RecordValues;
  /** Translated message per field ("form" for the record as a whole) */
  errors: Record<string, string>;
  formError: "signedOut" | null;
};

// Save a glossary term, adviser (editors), topic, organisation or place (admins). A save that fails
// returns what was typed with a message per field; a save that succeeds goes back to the list.
export const saveRecordAction = staffAction(
  "editor",
  async (staff, previous: RecordFormState, form: FormData): Promise<RecordFormState> => {
    const locale = adminLocale(String(form.get("uiLocale") ?? ""));
    const kind = String(form.get("recordKind") ?? "");
    if (!isRecordKind(kind)) throw new AccessDenied("role");
    // The kind decides the role: topics, organisations and places are for admins.
    if (!roleAllows(staff.role, recordKinds[kind].role)) throw new AccessDenied("role");
    const values = recordValuesFromForm(kind, form);
    const id = String(form.get("id") ?? "") || null;
    const outcome = await saveRecord(db(), staff, kind, { id, slug: String(values.slug ?? ""), values });
    if (outcome.status === "saved") {
      await revalidatePublicPages(tagsOf(kind));
      redirect(adminPath(locale, `${kind}?saved=${outcome.id}`));
    }
    const t = await getTranslations({ locale, namespace: "Admin" });
    const languages = await getTranslations({ locale, namespace: "Languages" });
    const errors: Record<string, string> = {};
    for (const [field, error] of Object.entries(outcome.errors)) {
      const label = field === "form" ? "" : t(`records.fields.${field}` as "records.fields.name");
      const args = {
        field: label,
        max: error.max ?? 0,
        name: error.name ?? "",
        language: error.language ? languages(error.language as "da") : "",
      };
      errors[field] = t.has(`records.errors.${error.code}` as "records.errors.unknown")
        ? t(`records.errors.${error.code}` as "records.errors.unknown", args)
        : t.has(`errors.${error.code}` as "errors.required")
          ? t(`errors.${error.code}` as "errors.required", args)
          : t("errors.invalid", args);
    }
    return { attempt: (previous?.attempt ?? 0) + 1, id, values, errors, formError: null };
  },
  // An expired session must not cost the editor what was typed: it comes back with the message.
  (_reason, previous: RecordFormState, form: FormData): RecordFormState => {
    const sent = form instanceof FormData ? form : previous instanceof FormData ? previous : new FormData();
    const kind = String(sent.get("recordKind") ?? "");
    return {
      attempt: ((previous as RecordFormState | undefined)?.attempt ?? 0) + 1,
      id: String(sent.get("id") ?? "") || null,
      values: isRecordKind(kind) ? recordValuesFromForm(kind, sent) : {},
      errors: {},
      formError: "signedOut",
    };
  },
);
