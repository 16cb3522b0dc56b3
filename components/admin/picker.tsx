"use client";
// A searchable picker for records (related items, the translation, topics, places): the chosen ones are ticked boxes
// (or radio buttons, for one), and a combobox finds more. Without JavaScript the search is a text field and a button
// that asks the server, which sends back what it found as boxes to tick: the same form, one round trip more.
import { useState, useSyncExternalStore } from "react";
import { Combobox } from "@/components/ui/combobox";
import { findOptions, type PickOption } from "@/lib/admin/pick";

export type PickerText = {
  search: string;
  button: string;
  found: string;
  foundOne: string;
  nothingFound: string;
  noneChosen: string;
  none: string;
  chosenHint: string;
  /** Read when the suggestions change: "#" is the number */
  countNone: string;
  countOne: string;
  countMany: string;
};

type Props = {
  id: string;
  name: string;
  legend: string;
  error?: string;
  errorPrefix: string;
  options: PickOption[];
  chosen: string[];
  /** One record (radio buttons and "none") or any number (boxes) */
  single?: boolean;
  /** What the server found without JavaScript */
  found?: { query: string; found: string[] };
  text: PickerText;
  inputClass: string;
};

const subscribeNothing = () => () => {};

export function Picker({
  id,
  name,
  legend,
  error,
  errorPrefix,
  options,
  chosen,
  single,
  found,
  text,
  inputClass,
}: Props) {
  const enhanced = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  const [shown, setShown] = useState(chosen.filter(Boolean));
  const [announce, setAnnounce] = useState("");
  const labelId = `${id}-label`;
  const byValue = new Map(options.map((o) => [o.value, o]));
  const label = (value: string) => byValue.get(value)?.label ?? value;
  const control = single ? "radio" : "checkbox";
  const count = (n: number) =>
    (n === 0 ? text.countNone : n === 1 ? text.countOne : text.countMany).replace("#", String(n));

  const add = (option: { id: string; label: string }) => {
    setShown((list) => (single ? [option.id] : list.includes(option.id) ? list : [...list, option.id]));
    setAnnounce(option.label);
    const input = document.getElementById(id) as HTMLInputElement | null;
    if (input) input.value = "";
  };

  const offered = found?.found.filter((value) => !shown.includes(value)) ?? [];
  return (
    <fieldset
      className={`mb-5 ${error ? "border-l-4 border-error pl-3" : ""}`}
      aria-describedby={error ? `${id}-error` : undefined}
      data-testid={`picker-${name}`}
    >
      <legend className="font-semibold">{legend}</legend>
      {error && (
        <p id={`${id}-error`} className="mt-1 font-bold text-error">
          <span className="sr-only">{errorPrefix} </span>
          {error}
        </p>
      )}
      {shown.length === 0 && !single ? (
        <p className="text-sm text-muted">{text.noneChosen}</p>
      ) : (
        <ul className="mt-1 max-h-56 overflow-auto">
          {single && (
            <li>
              <label className="flex items-start gap-2">
                <input
                  type="radio"
                  name={name}
                  value=""
                  defaultChecked={!shown.length}
                  className="mt-1 size-5 shrink-0 accent-brand"
                />
                {text.none}
              </label>
            </li>
          )}
          {shown.map((value) => (
            <li key={value}>
              <label className="flex items-start gap-2">
                <input
                  type={control}
                  name={name}
                  value={value}
                  defaultChecked
                  className="mt-1 size-5 shrink-0 accent-brand"
                />
                {label(value)}
              </label>
            </li>
          ))}
        </ul>
      )}
      {(shown.length > 0 || single) && <p className="text-sm text-muted">{text.chosenHint}</p>}
      <div className="relative mt-2">
        <label id={labelId} htmlFor={id} className="block text-sm font-semibold">
          {text.search}
        </label>
        <div className="flex gap-2">
          <Combobox
            id={id}
            labelId={labelId}
            defaultValue={found?.query ?? ""}
            minChars={1}
            debounceMs={100}
            enterSubmits={false}
            loadOptions={async (typed) =>
              findOptions(options, typed, shown).map((o) => ({ id: o.value, label: o.label, lang: o.locale }))
            }
            onSelect={add}
            text={{ count }}
            inputProps={{ name: `pick-${name}`, className: inputClass, autoComplete: "off" }}
          />
          {!enhanced && (
            <button
              type="submit"
              name="intent"
              value={`pick:${name}`}
              formNoValidate
              className="mt-1 rounded border-2 border-ink px-3 py-1.5"
            >
              {text.button}
              <span className="sr-only"> ({legend})</span>
            </button>
          )}
        </div>
        <div role="status" className="sr-only">
          {announce}
        </div>
      </div>
      {found && offered.length > 0 && (
        <fieldset className="mt-3 border-l-4 border-brand pl-3" data-testid={`picker-${name}-found`}>
          <legend className="text-sm font-semibold">{single ? text.foundOne : text.found}</legend>
          <ul>
            {offered.map((value) => (
              <li key={value}>
                <label className="flex items-start gap-2">
                  <input type={control} name={name} value={value} className="mt-1 size-5 shrink-0 accent-brand" />
                  {label(value)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {found && found.query.trim() && !found.found.length && (
        <p className="mt-2 text-sm" role="status">
          {text.nothingFound.replace("{query}", found.query)}
        </p>
      )}
    </fieldset>
  );
}
