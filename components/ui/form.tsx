"use client";
// Form primitives in the GOV.UK error pattern: an error summary that takes focus and links to each
// field, and each field's message beside it. No data and no translations: callers pass the words.
import { useEffect, useId, useRef, type MouseEvent, type ReactNode } from "react";

const errorColour = "text-error";
const inputClass =
  "mt-1 block w-full max-w-xl rounded border-2 border-ink bg-white px-2 py-1.5 text-base focus-visible:outline-offset-0";

export type SummaryError = { href: string; text: string };

// Following a link to a field scrolls to it; with JavaScript the field also takes focus.
function focusTarget(event: MouseEvent<HTMLAnchorElement>) {
  const target = document.getElementById(event.currentTarget.hash.slice(1));
  if (!target) return;
  event.preventDefault();
  target.focus();
}

// The list of problems at the top of a form; it takes focus when it appears, with or without JavaScript
export function ErrorSummary({ title, errors, id }: { title: string; errors: SummaryError[]; id: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // autoFocus focuses the summary on a page load without JavaScript; React applies it to form
  // controls only, so after a round trip in the browser the summary is focused here.
  useEffect(() => ref.current?.focus(), []);
  if (!errors.length) return null;
  return (
    <div
      ref={ref}
      id={id}
      role="alert"
      aria-labelledby={`${id}-title`}
      tabIndex={-1}
      autoFocus
      className="mb-6 max-w-xl border-4 border-error p-4 focus:outline-3 focus:outline-offset-2 focus:outline-focus"
      data-testid="error-summary"
    >
      <h2 id={`${id}-title`} className="text-lg font-bold">
        {title}
      </h2>
      <ul className="mt-2 list-none">
        {errors.map((e) => (
          <li key={e.href + e.text}>
            <a href={e.href} onClick={focusTarget} className={`font-semibold ${errorColour} underline`}>
              {e.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function FieldMessage({ id, prefix, error }: { id: string; prefix: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className={`mt-1 font-bold ${errorColour}`}>
      <span className="sr-only">{prefix} </span>
      {error}
    </p>
  );
}

function describedBy(...ids: (string | false | undefined)[]) {
  return ids.filter(Boolean).join(" ") || undefined;
}

type FieldProps = {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  errorPrefix: string;
  defaultValue?: string;
  autoComplete?: string;
  dir?: "auto";
};

// The frame of a labelled control: label, hint and error message above it, a red rule beside it on error. Exported
// for forms whose controls are their own (a controlled text area, a date and time): give the control fieldAria(...).
export function Labelled(
  props: Pick<FieldProps, "id" | "label" | "hint" | "error" | "errorPrefix"> & { children: ReactNode },
) {
  const { id, label, hint, error, errorPrefix, children } = props;
  return (
    <div className={`mb-5 ${error ? "border-l-4 border-error pl-3" : ""}`}>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      )}
      <FieldMessage id={`${id}-error`} prefix={errorPrefix} error={error} />
      {children}
    </div>
  );
}

// What ties a control to its hint and error message
export function fieldAria({ id, hint, error }: Pick<FieldProps, "id" | "hint" | "error">) {
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(!!hint && `${id}-hint`, !!error && `${id}-error`),
  };
}

// A one-line text input with label, hint and error message
export function TextField(props: FieldProps & { type?: "text" | "email" | "url" | "tel"; spellCheck?: boolean }) {
  const { name, defaultValue, autoComplete, type = "text", spellCheck } = props;
  return (
    <Labelled {...props}>
      <input
        {...fieldAria(props)}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        dir="auto"
        className={inputClass}
      />
    </Labelled>
  );
}

// A multi-line text input with label, hint and error message
export function TextArea(props: FieldProps & { rows?: number }) {
  const { name, defaultValue, rows = 6 } = props;
  return (
    <Labelled {...props}>
      <textarea
        {...fieldAria(props)}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        dir="auto"
        className={inputClass}
      />
    </Labelled>
  );
}

// A drop-down list with label and error message
export function SelectField(
  props: Omit<FieldProps, "autoComplete" | "dir"> & { options: { value: string; label: string }[] },
) {
  const { name, defaultValue, options } = props;
  return (
    <Labelled {...props}>
      <select {...fieldAria(props)} name={name} defaultValue={defaultValue} className={inputClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
}

// A single checkbox (consent and the like) with its label, hint and error message
export function CheckboxField(
  props: Omit<FieldProps, "autoComplete" | "dir" | "defaultValue"> & { value: string; defaultChecked?: boolean },
) {
  const { id, name, label, hint, error, errorPrefix, value, defaultChecked } = props;
  return (
    <div className={`mb-5 ${error ? "border-l-4 border-error pl-3" : ""}`}>
      <FieldMessage id={`${id}-error`} prefix={errorPrefix} error={error} />
      <div className="flex max-w-xl items-start gap-3">
        <input
          id={id}
          name={name}
          type="checkbox"
          value={value}
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(!!hint && `${id}-hint`, !!error && `${id}-error`)}
          className="mt-1 size-6 shrink-0 accent-brand"
        />
        <div>
          <label htmlFor={id}>{label}</label>
          {hint && (
            <p id={`${id}-hint`} className="text-sm text-muted">
              {hint}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}

// A group of radio buttons in a fieldset whose legend names the question
export function RadioGroup(props: {
  id: string;
  name: string;
  legend: ReactNode;
  options: { value: string; label: string }[];
  defaultValue?: string;
  error?: string;
  errorPrefix: string;
}) {
  const { id, name, legend, options, defaultValue, error, errorPrefix } = props;
  return (
    <fieldset
      className={`mb-4 ${error ? "border-l-4 border-error pl-3" : ""}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="font-semibold">{legend}</legend>
      <FieldMessage id={`${id}-error`} prefix={errorPrefix} error={error} />
      <div className="mt-2 flex gap-6">
        {options.map((o, i) => (
          <div key={o.value} className="flex items-center gap-2">
            <input
              // The first option carries the group's id, so the error summary's link lands on it.
              id={i === 0 ? id : `${id}-${o.value}`}
              name={name}
              type="radio"
              value={o.value}
              defaultChecked={defaultValue === o.value}
              className="size-5 accent-brand"
            />
            <label htmlFor={i === 0 ? id : `${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

// A group of checkboxes (choose any number) in a fieldset whose legend names the question; the error
// summary's link lands on the first box
export function CheckboxGroup(props: {
  id: string;
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  defaultValues?: string[];
  error?: string;
  errorPrefix: string;
  /** Lay the boxes out in columns (for long lists) */
  columns?: boolean;
}) {
  const { id, name, legend, hint, options, defaultValues = [], error, errorPrefix, columns } = props;
  return (
    <fieldset
      className={`mb-5 ${error ? "border-l-4 border-error pl-3" : ""}`}
      aria-describedby={describedBy(!!hint && `${id}-hint`, !!error && `${id}-error`)}
    >
      <legend className="font-semibold">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      )}
      <FieldMessage id={`${id}-error`} prefix={errorPrefix} error={error} />
      <div className={`mt-2 ${columns ? "grid gap-x-6 gap-y-1 sm:grid-cols-2" : "flex flex-wrap gap-x-6 gap-y-1"}`}>
        {options.map((o, i) => {
          const boxId = i === 0 ? id : `${id}-${i}`;
          return (
            <div key={o.value} className="flex items-start gap-2">
              <input
                id={boxId}
                name={name}
                type="checkbox"
                value={o.value}
                defaultChecked={defaultValues.includes(o.value)}
                aria-invalid={error ? true : undefined}
                className="mt-1 size-5 shrink-0 accent-brand"
              />
              <label htmlFor={boxId}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

// A field that people never see and robots fill in
export function Honeypot({ label, name = "website" }: { label: string; name?: string }) {
  // An id of its own: an item page has two forms (contact and feedback), each with a honeypot
  const id = `hp-${name}-${useId()}`;
  return (
    <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

// The button that sends a form
export function SubmitButton({ children, pending }: { children: ReactNode; pending?: boolean }) {
  return (
    <button
      type="submit"
      aria-disabled={pending || undefined}
      className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand-dark aria-disabled:opacity-70"
    >
      {children}
    </button>
  );
}
