"use server";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { db } from "@/lib/db";
import { requestAddress, staffAction } from "@/lib/auth/guard";
import {
  bestBetValuesFromForm,
  MAX_TERM_LENGTH,
  removeBestBet,
  saveBestBet,
  type BestBetValues,
} from "@/lib/admin/best-bets";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { failureOf } from "@/lib/admin/failure";

export type BestBetFormState = {
  /** Raised by every answer of the server, so the form shows the values it sent back */
  attempt: number;
  id: string | null;
  /** The stored version the form was filled from; a save names it, and a stale one is refused */
  version: number;
  values: BestBetValues;
  /** Translated message per field ("form" for the best bet as a whole) */
  errors: Record<string, string>;
  formError: "signedOut" | null;
};

const emptyValues: BestBetValues = { term: "", locale: "", item1: "", item2: "", item3: "" };

// Save a best bet (or, with intent=remove, remove it). A save that fails returns what was typed with a message per
// field; one that succeeds goes back to the list.
export const saveBestBetAction = staffAction(
  "editor",
  async function saveBestBetForm(staff, previous: BestBetFormState, form: FormData): Promise<BestBetFormState> {
    const locale = adminLocale(String(form.get("uiLocale") ?? ""));
    const id = String(form.get("id") ?? "") || null;
    const values = bestBetValuesFromForm(form);
    const baseVersion = id ? Number(form.get("version") ?? previous?.version ?? 0) : undefined;
    const answer = (patch: Partial<BestBetFormState>): BestBetFormState => ({
      attempt: (previous?.attempt ?? 0) + 1,
      id,
      version: baseVersion ?? 0,
      values,
      errors: {},
      formError: null,
      ...patch,
    });
    const t = await getTranslations({ locale, namespace: "Admin" });
    const author = { ...staff, clientAddress: await requestAddress() };
    if (form.get("intent") === "remove" && id) {
      let removed: boolean;
      try {
        removed = await removeBestBet(db(), author, id);
      } catch (error) {
        return answer({ errors: { form: t(`failures.${failureOf(error)}`) } });
      }
      redirect(adminPath(locale, `best-bets?${removed ? "removed" : "gone"}=1`));
    }
    let outcome: Awaited<ReturnType<typeof saveBestBet>>;
    try {
      outcome = await saveBestBet(db(), author, { id, baseVersion, values });
    } catch (error) {
      // Nothing was saved (one transaction): what was typed comes back with what went wrong.
      return answer({ errors: { form: t(`failures.${failureOf(error)}`) } });
    }
    if (outcome.status === "saved") redirect(adminPath(locale, `best-bets?saved=${outcome.id}`));
    if (outcome.status === "conflict")
      return answer({
        version: outcome.version,
        errors: { form: t("bestBets.errors.conflict", { version: outcome.version }) },
      });
    const errors: Record<string, string> = {};
    for (const [field, error] of Object.entries(outcome.errors)) {
      const label = field === "form" ? "" : t(`bestBets.fields.${field}` as "bestBets.fields.term");
      errors[field] = t(`bestBets.errors.${error.code}` as "bestBets.errors.required", {
        field: label,
        max: error.max ?? MAX_TERM_LENGTH,
        term: error.term ?? "",
      });
    }
    return answer({ errors });
  },
  // An expired session must not cost the editor what was typed: it comes back with the message.
  (_reason, previous: BestBetFormState, form: FormData): BestBetFormState => {
    const sent = form instanceof FormData ? form : new FormData();
    return {
      attempt: ((previous as BestBetFormState | undefined)?.attempt ?? 0) + 1,
      id: String(sent.get("id") ?? "") || null,
      version: Number(sent.get("version") ?? 0),
      values: form instanceof FormData ? bestBetValuesFromForm(sent) : emptyValues,
      errors: {},
      formError: "signedOut",
    };
  },
);
