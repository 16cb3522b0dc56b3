"use client";
// Repeatable rows of two fields (an organisation and its role, a key figure's label and value). With JavaScript a
// button adds a row and each row has its own remove button; without it there is always one empty row, and "add a row"
// asks the server for one more. An empty row is no row.
import { useRef, useState, useSyncExternalStore } from "react";

export type RowCell =
  | { name: string; label: string; kind: "text" }
  | { name: string; label: string; kind: "select"; placeholder: string; options: { value: string; label: string }[] };

type Props = {
  id: string;
  field: string;
  legend: string;
  hint: string;
  error?: string;
  errorPrefix: string;
  /** "{n}" is the row's number */
  rowLegend: string;
  addLabel: string;
  removeLabel: string;
  cells: [RowCell, RowCell];
  rows: [string, string][];
  /** Empty rows beyond the one always offered */
  extra?: number;
  inputClass: string;
};

const subscribeNothing = () => () => {};

let nextKey = 0;
const keyed = (rows: [string, string][]) => rows.map((cells) => ({ key: `row-${nextKey++}`, cells }));

export function RowFields(props: Props) {
  const { id, field, legend, hint, error, errorPrefix, rowLegend, addLabel, removeLabel, cells, inputClass } = props;
  const enhanced = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  const [rows, setRows] = useState(() =>
    keyed([...props.rows, ...Array.from({ length: 1 + (props.extra ?? 0) }, () => ["", ""] as [string, string])]),
  );
  const list = useRef<HTMLOListElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const focusRow = (index: number) =>
    requestAnimationFrame(() =>
      list.current?.querySelectorAll<HTMLElement>("li")[index]?.querySelector<HTMLElement>("input, select")?.focus(),
    );

  const add = () => {
    setRows((r) => [...r, ...keyed([["", ""]])]);
    focusRow(rows.length);
  };
  const remove = (index: number) => {
    setRows((r) => r.filter((_, i) => i !== index));
    // The focus goes to the row that took its place, or to the add button when it was the last
    if (index < rows.length - 1) focusRow(index);
    else requestAnimationFrame(() => addButton.current?.focus());
  };

  return (
    <fieldset
      className={`mb-5 ${error ? "border-l-4 border-error pl-3" : ""}`}
      aria-describedby={[`${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ")}
      data-testid={`rows-${field}`}
    >
      <legend className="font-semibold">{legend}</legend>
      <p id={`${id}-hint`} className="text-sm text-muted">
        {hint}
      </p>
      {error && (
        <p id={`${id}-error`} className="mt-1 font-bold text-error">
          <span className="sr-only">{errorPrefix} </span>
          {error}
        </p>
      )}
      <ol ref={list} className="mt-2 space-y-3">
        {rows.map(({ key, cells: values }, index) => {
          const name = rowLegend.replace("{n}", String(index + 1));
          return (
            <li key={key}>
              <fieldset className="rounded border border-line p-2">
                <legend className="px-1 text-sm font-semibold">{name}</legend>
                <div className="grid gap-2">
                  {cells.map((cell, c) => {
                    // The first row's first control carries the field's id: the error summary links there.
                    const controlId = index === 0 && c === 0 ? id : `${id}-${index}-${c}`;
                    const value = values[c];
                    return (
                      <div key={cell.name}>
                        <label htmlFor={controlId} className="block text-sm">
                          {cell.label}
                        </label>
                        {cell.kind === "select" ? (
                          <select
                            id={controlId}
                            name={cell.name}
                            defaultValue={value}
                            aria-invalid={error && value === "" && values.some(Boolean) ? true : undefined}
                            className={inputClass}
                          >
                            <option value="">{cell.placeholder}</option>
                            {/* A value no longer offered (a deleted record) stays visible until the editor changes it */}
                            {value && !cell.options.some((o) => o.value === value) && (
                              <option value={value}>{value}</option>
                            )}
                            {cell.options.map((o) => (
                              <option key={o.value} value={o.value}>
                                {o.label}
                              </option>
                            ))}
                          </select>
                        ) : (
                          <input
                            id={controlId}
                            name={cell.name}
                            defaultValue={value}
                            aria-invalid={error && value === "" && values.some(Boolean) ? true : undefined}
                            dir="auto"
                            className={inputClass}
                          />
                        )}
                      </div>
                    );
                  })}
                </div>
                {enhanced && (
                  <button
                    type="button"
                    onClick={() => remove(index)}
                    className="mt-2 text-sm underline"
                    aria-label={`${removeLabel}: ${name}`}
                  >
                    {removeLabel}
                  </button>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button
        ref={addButton}
        type={enhanced ? "button" : "submit"}
        name={enhanced ? undefined : "intent"}
        value={enhanced ? undefined : `addRow:${field}`}
        formNoValidate
        onClick={enhanced ? add : undefined}
        className="mt-2 rounded border-2 border-ink px-3 py-1.5"
      >
        {addLabel}
      </button>
    </fieldset>
  );
}
