"use client";
// An editable combobox with a listbox popup, after the WAI-ARIA Authoring Practices' "list autocomplete" pattern.
// No data and no words of its own: the caller loads the options and passes every text. Until it has run in the
// browser it renders a plain text input, so that a form works without JavaScript exactly as without it.
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
  type InputHTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
} from "react";

export type ComboboxOption = {
  /** Unique among the options shown at once */
  id: string;
  label: string;
  /** Options with the same group are shown together under groupLabels[group] */
  group?: string;
  /** The language of the label, when it differs from the page's */
  lang?: string;
  /** A short second line read after the label (a type, a language) */
  detail?: string;
};

export type ComboboxText = {
  /** Read by screen readers when the options change: how many there are (count) */
  count: (count: number) => string;
  /** Headings of the option groups */
  groupLabels?: Record<string, string>;
};

export type ComboboxInputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "role" | "onChange" | "onKeyDown" | "onBlur" | "onClick" | "value" | "defaultValue" | "id"
>;

type Props = {
  id: string;
  /** The id of the input's label, which names the listbox too */
  labelId: string;
  defaultValue?: string;
  /** Load the options for the text typed (called after the debounce; the signal aborts a superseded call) */
  loadOptions: (text: string, signal: AbortSignal) => Promise<ComboboxOption[]>;
  /** An option was chosen (Enter or a click); the input already shows its label */
  onSelect: (option: ComboboxOption) => void;
  text: ComboboxText;
  /** Fewer characters than this load nothing and close the popup */
  minChars?: number;
  debounceMs?: number;
  inputProps?: ComboboxInputProps;
  /** Extra classes of the popup (its position under the input is set here) */
  listClassName?: string;
  /** The popup's edge that lines up with the input's: start (left) or end (right, for a field at the page's edge) */
  align?: "start" | "end";
  renderOption?: (option: ComboboxOption, active: boolean) => ReactNode;
  /** Whether Enter with no option chosen submits the form (true), or does nothing (a picker inside a larger form) */
  enterSubmits?: boolean;
};

const subscribeNothing = () => () => {};
const inBrowser = () => true;
const onServer = () => false;

// A text input with suggestions in a popup listbox: arrow keys move through the options (wrapping), Enter
// chooses the active option (or submits the form when none is active), Escape closes the popup (and clears the
// text when it is already closed), Home and End move the caret and return to the text, a click chooses.
export function Combobox({
  id,
  labelId,
  defaultValue = "",
  loadOptions,
  onSelect,
  text,
  minChars = 2,
  debounceMs = 200,
  inputProps,
  listClassName = "",
  align = "start",
  renderOption,
  enterSubmits = true,
}: Props) {
  const listId = `${id}-listbox`;
  const groupPrefix = useId();
  // False while the server renders and the page hydrates, true once the script runs: the roles and keys are added in
  // the browser only, so that without JavaScript the input stays a plain text input.
  const enhanced = useSyncExternalStore(subscribeNothing, inBrowser, onServer);
  const [options, setOptions] = useState<ComboboxOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      pending.current?.abort();
    },
    [],
  );

  const close = useCallback(() => {
    setOpen(false);
    setActive(-1);
    setStatus("");
  }, []);

  const request = useCallback(
    (typed: string) => {
      clearTimeout(timer.current);
      pending.current?.abort();
      if (Array.from(typed.trim()).length < minChars) {
        setOptions([]);
        close();
        return;
      }
      timer.current = setTimeout(() => {
        const controller = new AbortController();
        pending.current = controller;
        loadOptions(typed, controller.signal).then(
          (found) => {
            if (controller.signal.aborted) return;
            setOptions(found);
            setActive(-1);
            setOpen(found.length > 0);
            setStatus(text.count(found.length));
          },
          () => {
            // A failed or aborted load leaves the plain text input: the form still searches.
            if (!controller.signal.aborted) close();
          },
        );
      }, debounceMs);
    },
    [close, debounceMs, loadOptions, minChars, text],
  );

  const currentText = () => inputRef.current?.value ?? "";

  const choose = (option: ComboboxOption) => {
    if (inputRef.current) inputRef.current.value = option.label;
    close();
    onSelect(option);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = options.length;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        if (!count) return;
        event.preventDefault();
        const down = event.key === "ArrowDown";
        if (!open) {
          setOpen(true);
          setStatus(text.count(count));
          // Alt+Down opens the popup and leaves the focus in the text.
          setActive(event.altKey ? -1 : down ? 0 : count - 1);
          return;
        }
        setActive((at) => (at < 0 ? (down ? 0 : count - 1) : (at + (down ? 1 : count - 1)) % count));
        return;
      }
      case "Enter": {
        const option = open && active >= 0 ? options[active] : undefined;
        if (!option) {
          // No option chosen: the form is submitted as usual, unless the caller keeps Enter to the field.
          if (!enterSubmits) event.preventDefault();
          return;
        }
        event.preventDefault();
        choose(option);
        return;
      }
      case "Escape":
        if (open) {
          event.preventDefault();
          close();
        } else if (currentText() && inputRef.current) {
          event.preventDefault();
          inputRef.current.value = "";
          setOptions([]);
        }
        return;
      case "Home":
      case "End": {
        // Visual focus back to the text, with the caret at its start or end.
        setActive(-1);
        if (open && active >= 0) {
          event.preventDefault();
          const at = event.key === "Home" ? 0 : currentText().length;
          inputRef.current?.setSelectionRange(at, at);
        }
        return;
      }
      case "ArrowLeft":
      case "ArrowRight":
        setActive(-1);
        return;
      case "Tab":
        close();
        return;
    }
  };

  const activeId = open && active >= 0 ? `${id}-option-${active}` : undefined;
  // The active option stays in view when the list scrolls.
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: "nearest" });
  }, [activeId]);
  const groups: { key: string; items: { option: ComboboxOption; index: number }[] }[] = [];
  options.forEach((option, index) => {
    const key = option.group ?? "";
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.items.push({ option, index });
    else groups.push({ key, items: [{ option, index }] });
  });

  const renderItem = ({ option, index }: { option: ComboboxOption; index: number }) => {
    const isActive = index === active;
    return (
      <div
        key={option.id}
        id={`${id}-option-${index}`}
        role="option"
        aria-selected={isActive}
        // A click must not blur the input before it counts.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => choose(option)}
        className={`cursor-pointer px-3 py-1.5 ${isActive ? "bg-brand text-white" : "hover:bg-tint"}`}
      >
        {renderOption ? (
          renderOption(option, isActive)
        ) : (
          <>
            <span lang={option.lang}>{option.label}</span>
            {option.detail && (
              <>
                <span className="sr-only">, </span>
                <span className={`ml-2 text-sm ${isActive ? "text-white" : "text-muted"}`}>{option.detail}</span>
              </>
            )}
          </>
        )}
      </div>
    );
  };

  // The same input element before and after the browser takes over (uncontrolled, so typing that came before the
  // script loaded is kept); the combobox's roles and states are added once the script runs.
  const combobox = enhanced
    ? {
        role: "combobox",
        "aria-autocomplete": "list" as const,
        "aria-expanded": open,
        "aria-controls": listId,
        "aria-activedescendant": activeId,
        autoComplete: "off",
      }
    : {};
  return (
    <>
      <input
        {...inputProps}
        {...combobox}
        ref={inputRef}
        id={id}
        defaultValue={defaultValue}
        onChange={(event) => request(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={close}
        onClick={() => {
          if (!open && options.length && Array.from(currentText().trim()).length >= minChars) {
            setOpen(true);
            setStatus(text.count(options.length));
          }
        }}
      />
      {enhanced && (
        <>
          <div
            id={listId}
            role="listbox"
            aria-labelledby={labelId}
            hidden={!open}
            className={`absolute top-full ${align === "end" ? "right-0" : "left-0"} z-20 mt-1 min-w-full rounded border border-muted bg-paper text-ink shadow-lg ${listClassName}`}
          >
            {groups.map((group) =>
              group.key && text.groupLabels?.[group.key] ? (
                <div key={group.key} role="group" aria-labelledby={`${groupPrefix}-${group.key}`}>
                  <div
                    role="presentation"
                    id={`${groupPrefix}-${group.key}`}
                    className="border-t border-line px-3 pt-2 pb-1 text-xs font-semibold tracking-wide text-muted uppercase first:border-t-0"
                  >
                    {text.groupLabels[group.key]}
                  </div>
                  {group.items.map(renderItem)}
                </div>
              ) : (
                group.items.map(renderItem)
              ),
            )}
          </div>
          <div role="status" className="sr-only">
            {status}
          </div>
        </>
      )}
    </>
  );
}
