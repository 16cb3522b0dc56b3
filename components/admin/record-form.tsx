"use client";
import { useActionState } from "react";
import { CheckboxField, CheckboxGroup, ErrorSummary, SelectField, TextArea, TextField } from "@/components/ui/form";
import { saveRecordAction, type RecordFormState } from "@/lib/admin/actions/records";
import type { ChoiceSource, RecordFieldSpec, RecordKind } from "@/lib/admin/record-form";
import { SubmitButton } from "./submit-button";

export type RecordFormText = {
  labels: Record<string, string>;
  hints: Record<string, string>;
  none: string;
  errorSummary: string;
  errorPrefix: string;
  signedOut: string;
  submit: string;
  busy: string;
  /** Labels of the password and code asked for before an adviser's address changes */
  reauth?: { title: string; password: string; code: string };
};

type Props = {
  kind: RecordKind;
  uiLocale: string;
  /** Where the form posts without JavaScript: an address of this form's own */
  permalink: string;
  fields: RecordFieldSpec[];
  choices: Record<ChoiceSource, { value: string; label: string }[]>;
  initial: RecordFormState;
  text: RecordFormText;
  /** The record's name and slug in the list (a new record's form has none and is always open) */
  summary?: { label: string; slug: string };
  /** Open when the page is shown, e.g. just after it was saved */
  open?: boolean;
};

const asList = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
const asText = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(", ") : (v ?? ""));

// One record's form (or the form for a new one): a server action that works without JavaScript and
// answers a failed save with everything that was typed and a message beside each field
export function RecordForm({ kind, uiLocale, permalink, fields, choices, initial, text, summary, open }: Props) {
  const [state, action] = useActionState(saveRecordAction, initial, permalink);
  const prefix = `${kind}-${state.id ?? "new"}`;
  const fieldId = (name: string) => `${prefix}-${name}`;
  const v = state.values;
  const errorFor = (name: string) => state.errors[name];
  const firstField = fieldId("slug");
  const summaryErrors = [
    ...(state.formError ? [{ href: `#${firstField}`, text: text.signedOut }] : []),
    ...(state.errors.form ? [{ href: `#${firstField}`, text: state.errors.form }] : []),
    ...["slug", ...fields.map((f) => f.name)]
      .filter((name) => state.errors[name])
      .map((name) => ({ href: `#${fieldId(name)}`, text: state.errors[name]! })),
  ];
  const common = (name: string) => ({
    id: fieldId(name),
    name,
    label: text.labels[name],
    hint: text.hints[name],
    error: errorFor(name),
    errorPrefix: text.errorPrefix,
  });

  const form = (
    <form action={action} noValidate className="mt-3" data-testid={`record-form-${state.id ?? "new"}`}>
      <ErrorSummary
        key={`summary-${state.attempt}`}
        id={`${prefix}-errors`}
        title={text.errorSummary}
        errors={summaryErrors}
      />
      <input type="hidden" name="uiLocale" value={uiLocale} />
      {/* Not "kind": a place has a field of that name. */}
      <input type="hidden" name="recordKind" value={kind} />
      <input type="hidden" name="id" value={state.id ?? ""} />
      <input type="hidden" name="version" value={state.version} />
      {/* Mounted anew after each answer of the server, so the fields show the values it sent back. */}
      <div key={`fields-${state.attempt}`} className="grid gap-x-8 md:grid-cols-2">
        <TextField {...common("slug")} defaultValue={asText(v.slug)} spellCheck={false} />
        {fields.map((field) => {
          switch (field.type) {
            case "text":
            case "email":
            case "url":
              return (
                <TextField
                  key={field.name}
                  {...common(field.name)}
                  type={field.type}
                  spellCheck={field.type === "text" ? undefined : false}
                  defaultValue={asText(v[field.name])}
                />
              );
            case "list":
              return <TextField key={field.name} {...common(field.name)} defaultValue={asText(v[field.name])} />;
            case "textarea":
              return (
                <div key={field.name} className="md:col-span-2">
                  <TextArea {...common(field.name)} rows={3} defaultValue={asText(v[field.name])} />
                </div>
              );
            case "select": {
              const options = choices[field.source].filter((o) => o.value !== state.id);
              return (
                <SelectField
                  key={field.name}
                  {...common(field.name)}
                  defaultValue={asText(v[field.name])}
                  options={field.empty ? [{ value: "", label: text.none }, ...options] : options}
                />
              );
            }
            case "flag":
              return (
                <div key={field.name} className="md:col-span-2">
                  <CheckboxField
                    {...common(field.name)}
                    value="true"
                    defaultChecked={asText(v[field.name]) === "true"}
                  />
                </div>
              );
            case "checkboxes": {
              const options = choices[field.source];
              return (
                <div key={field.name} className={options.length > 4 ? "md:col-span-2" : undefined}>
                  <CheckboxGroup
                    {...common(field.name)}
                    legend={text.labels[field.name]}
                    options={options}
                    defaultValues={asList(v[field.name])}
                    columns={options.length > 4}
                  />
                </div>
              );
            }
          }
        })}
      </div>
      {state.reauth && text.reauth && (
        <fieldset
          key={`reauth-${state.attempt}`}
          className="mb-4 max-w-sm space-y-2 border-l-4 border-brand pl-3"
          data-testid="record-reauth"
        >
          <legend className="font-semibold">{text.reauth.title}</legend>
          <label className="block">
            {text.reauth.password}
            <input
              name="reauthPassword"
              type="password"
              autoComplete="current-password"
              className="mt-1 block w-full rounded border-2 border-ink px-2 py-1"
            />
          </label>
          <label className="block">
            {text.reauth.code}
            <input
              name="reauthCode"
              type="text"
              autoComplete="one-time-code"
              spellCheck={false}
              className="mt-1 block w-full rounded border-2 border-ink px-2 py-1"
            />
          </label>
        </fieldset>
      )}
      <SubmitButton busy={text.busy}>{text.submit}</SubmitButton>
    </form>
  );

  if (!summary) return form;
  const failed = summaryErrors.length > 0;
  return (
    <details className="rounded border border-line p-2" data-testid="record" open={open || failed || undefined}>
      <summary className="cursor-pointer font-semibold">
        {summary.label} <span className="font-normal text-muted">({summary.slug})</span>
      </summary>
      {form}
    </details>
  );
}
