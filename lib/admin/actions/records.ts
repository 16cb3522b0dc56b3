"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { AccessDenied, auditRefusal, requestAddress, staffAction } from "@/lib/auth/guard";
import { sessionCookieName } from "@/lib/auth/cookie";
import { proveAgain } from "@/lib/auth/reauth";
import { roleAllows } from "@/lib/auth/roles";
import { isFresh } from "@/lib/auth/sessions";
import { kickOutbox } from "@/lib/contact/worker";
import { recordKinds, saveRecord, tagsOf } from "@/lib/admin/records";
import { isRecordKind, recordValuesFromForm, type RecordValues } from "@/lib/admin/record-form";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { revalidatePublicPages } from "@/lib/cache/revalidate";
import { failureOf } from "@/lib/admin/failure";

export type RecordFormState = {
  /** Raised by every answer of the server, so the form shows the values it sent back */
  attempt: number;
  id: string | null;
  /** The stored version the form was filled from; a save names it, and a stale one is refused */
  version: number;
  values: RecordValues;
  /** Translated message per field ("form" for the record as a whole) */
  errors: Record<string, string>;
  formError: "signedOut" | null;
  /** Set when an adviser's address may change only after password and second factor are proven again */
  reauth?: boolean;
};

// Save a glossary term, adviser (editors), topic, organisation or place (admins). A save that fails
// returns what was typed with a message per field; a save that succeeds goes back to the list.
export const saveRecordAction = staffAction(
  "editor",
  async (staff, previous: RecordFormState, form: FormData): Promise<RecordFormState> => {
    const locale = adminLocale(String(form.get("uiLocale") ?? ""));
    const kind = String(form.get("recordKind") ?? "");
    // The kind decides the role: topics, organisations and places are for admins.
    if (!isRecordKind(kind) || !roleAllows(staff.role, recordKinds[kind].role)) {
      await auditRefusal(staff, "role", `saveRecord:${kind.slice(0, 40)}`);
      throw new AccessDenied("role");
    }
    const values = recordValuesFromForm(kind, form);
    const id = String(form.get("id") ?? "") || null;
    const baseVersion = id ? Number(form.get("version") ?? previous?.version ?? 0) : undefined;
    const answer = (patch: Partial<RecordFormState>): RecordFormState => ({
      attempt: (previous?.attempt ?? 0) + 1,
      id,
      version: baseVersion ?? 0,
      values,
      errors: {},
      formError: null,
      ...patch,
    });
    const t = await getTranslations({ locale, namespace: "Admin" });
    const clientAddress = await requestAddress();
    let fresh = isFresh(staff);
    // An admin changing an adviser's address proves password and second factor in the form itself, so
    // nothing typed is lost on the way.
    if (!fresh && kind === "advisers" && staff.role === "admin" && form.has("reauthPassword")) {
      const proof = await proveAgain(db(), staff, {
        password: String(form.get("reauthPassword") ?? ""),
        code: String(form.get("reauthCode") ?? ""),
        token: (await cookies()).get(sessionCookieName)?.value,
        clientAddress,
      });
      if (proof !== "ok")
        return answer({
          errors: { email: t(proof === "throttled" ? "reauth.locked" : "reauth.invalid") },
          reauth: true,
        });
      fresh = true;
    }
    let outcome: Awaited<ReturnType<typeof saveRecord>>;
    try {
      outcome = await saveRecord(db(), { ...staff, fresh, clientAddress }, kind, {
        id,
        // A form without the field keeps the record's slug; the admin's forms always send it.
        slug: id && !form.has("slug") ? undefined : String(values.slug ?? ""),
        values,
        baseVersion,
      });
    } catch (error) {
      // Nothing was saved (one transaction): what was typed comes back with what went wrong.
      return answer({ errors: { form: t(`failures.${failureOf(error)}`) } });
    }
    if (outcome.status === "saved") {
      if (outcome.addressChanged) void kickOutbox();
      try {
        await revalidatePublicPages(tagsOf(kind), { written: true });
      } catch (error) {
        console.error("Could not expire the public pages after a save:", error);
      }
      const renamed = outcome.renamed ? `&from=${outcome.renamed.from}` : "";
      redirect(adminPath(locale, `${kind}?saved=${outcome.id}${renamed}`));
    }
    if (outcome.status === "conflict")
      // The next save is made over the version now stored: the editor has been told and chooses.
      return answer({
        version: outcome.version,
        errors: { form: t("records.errors.conflict", { version: outcome.version }) },
      });
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
    return answer({ errors, reauth: outcome.errors.email?.code === "emailReauth" });
  },
  // An expired session must not cost the editor what was typed: it comes back with the message.
  (_reason, previous: RecordFormState, form: FormData): RecordFormState => {
    const sent = form instanceof FormData ? form : previous instanceof FormData ? previous : new FormData();
    const kind = String(sent.get("recordKind") ?? "");
    return {
      attempt: ((previous as RecordFormState | undefined)?.attempt ?? 0) + 1,
      id: String(sent.get("id") ?? "") || null,
      version: Number(sent.get("version") ?? 0),
      values: isRecordKind(kind) ? recordValuesFromForm(kind, sent) : {},
      errors: {},
      formError: "signedOut",
    };
  },
);
