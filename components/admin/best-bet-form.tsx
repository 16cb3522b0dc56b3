"use client";
import { useActionState } from "react";
import { ErrorSummary, SelectField, TextField } from "@/components/ui/form";
import { saveBestBetAction, type BestBetFormState } from "@/lib/admin/actions/best-bets";
import { SubmitButton } from "./submit-button";

export type BestBetFormText = {
  labels: { term: string; locale: string; item1: string; item2: string; item3: string };
  hints: { term: string; items: string };
  languages: { value: string; label: string }[];
  chooseLanguage: string;
  errorSummary: string;
  errorPrefix: string;
  signedOut: string;
  submit: string;
  busy: string;
  remove: string;
};

type Props = {
  uiLocale: string;
  /** Where the form posts without JavaScript: an address of this form's own */
  permalink: string;
  initial: BestBetFormState;
  text: BestBetFormText;
  /** The pinned items as stored, listed under the form's heading (a new best bet's form has none) */
  summary?: { term: string; language: string; items: { title: string; href: string; lang: string; note?: string }[] };
  open?: boolean;
};

const fields = ["term", "locale", "item1", "item2", "item3"] as const;

// One best bet's form (or the form for a new one): term, language and up to three items, saved or removed by a
// server action that works without JavaScript and answers a failed save with everything typed and a message per field
export function BestBetForm({ uiLocale, permalink, initial, text, summary, open }: Props) {
  const [state, action] = useActionState(saveBestBetAction, initial, permalink);
  const prefix = `best-bet-${state.id ?? "new"}`;
  const fieldId = (name: string) => `${prefix}-${name}`;
  const summaryErrors = [
    ...(state.formError ? [{ href: `#${fieldId("term")}`, text: text.signedOut }] : []),
    ...(state.errors.form ? [{ href: `#${fieldId("term")}`, text: state.errors.form }] : []),
    ...fields.filter((f) => state.errors[f]).map((f) => ({ href: `#${fieldId(f)}`, text: state.errors[f]! })),
  ];
  const common = (name: (typeof fields)[number]) => ({
    id: fieldId(name),
    name,
    label: text.labels[name],
    error: state.errors[name],
    errorPrefix: text.errorPrefix,
    defaultValue: state.values[name],
  });
  const form = (
    <form action={action} noValidate className="mt-3" data-testid={`best-bet-form-${state.id ?? "new"}`}>
      <ErrorSummary
        key={`summary-${state.attempt}`}
        id={`${prefix}-errors`}
        title={text.errorSummary}
        errors={summaryErrors}
      />
      <input type="hidden" name="uiLocale" value={uiLocale} />
      <input type="hidden" name="id" value={state.id ?? ""} />
      <input type="hidden" name="version" value={state.version} />
      <div key={`fields-${state.attempt}`} className="grid gap-x-8 md:grid-cols-2">
        <TextField {...common("term")} hint={text.hints.term} />
        <SelectField {...common("locale")} options={[{ value: "", label: text.chooseLanguage }, ...text.languages]} />
        {(["item1", "item2", "item3"] as const).map((name) => (
          <div key={name} className="md:col-span-2">
            <TextField {...common(name)} hint={name === "item1" ? text.hints.items : undefined} spellCheck={false} />
          </div>
        ))}
      </div>
      <div className="flex flex-wrap gap-4">
        <SubmitButton busy={text.busy}>{text.submit}</SubmitButton>
        {state.id && (
          <SubmitButton
            name="intent"
            value="remove"
            className="rounded border-2 border-error px-4 py-1.5 font-semibold text-error hover:bg-tint"
          >
            {text.remove}
          </SubmitButton>
        )}
      </div>
    </form>
  );
  if (!summary) return form;
  const failed = summaryErrors.length > 0;
  return (
    <details className="rounded border border-line p-2" data-testid="best-bet" open={open || failed || undefined}>
      <summary className="cursor-pointer font-semibold">
        <span lang={state.values.locale || undefined}>{summary.term}</span>{" "}
        <span className="font-normal text-muted">({summary.language})</span>
      </summary>
      <ol className="mt-2 ml-6 list-decimal text-sm">
        {summary.items.map((item) => (
          <li key={item.href}>
            <a href={item.href} lang={item.lang}>
              {item.title}
            </a>
            {item.note && <span className="ml-2 text-muted">({item.note})</span>}
          </li>
        ))}
      </ol>
      {form}
    </details>
  );
}
