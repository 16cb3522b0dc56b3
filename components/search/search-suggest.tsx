"use client";
// The search field with suggestions while typing: titles (to the item), glossary terms (a search for the term) and
// topics (the topic page), from /api/suggest in the visitor's language. Without JavaScript it is the plain field.
import { useMemo, useRef } from "react";
import { Combobox, type ComboboxInputProps, type ComboboxOption } from "@/components/ui/combobox";
import type { SuggestOption } from "@/lib/search/suggest-options";

export type SearchSuggestText = {
  /** "{count}" stands for the number */
  none: string;
  one: string;
  many: string;
  groups: Record<SuggestOption["group"], string>;
  types: Record<string, string>;
  languages: Record<string, string>;
};

type Props = {
  locale: string;
  id: string;
  labelId: string;
  defaultValue?: string;
  text: SearchSuggestText;
  /** Classes of the frame around the field (the popup is placed under it) */
  className?: string;
  /** The popup's edge that lines up with the field's */
  align?: "start" | "end";
  inputProps: ComboboxInputProps;
};

const remembered = new Map<string, SuggestOption[]>();
const REMEMBERED = 50;

// Ask the site for suggestions; answers are remembered for the page's life (the server caches them briefly too)
async function fetchSuggestions(locale: string, q: string, signal: AbortSignal): Promise<SuggestOption[]> {
  const key = `${locale}\u0000${q.trim().toLowerCase()}`;
  const known = remembered.get(key);
  if (known) return known;
  const response = await fetch(`/api/suggest?${new URLSearchParams({ locale, q: q.trim() })}`, { signal });
  if (!response.ok) throw new Error(`suggestions: HTTP ${response.status}`);
  const { options } = (await response.json()) as { options: SuggestOption[] };
  if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, options);
  return options;
}

export function SearchSuggest({ locale, id, labelId, defaultValue, text, className, align, inputProps }: Props) {
  const comboText = useMemo(
    () => ({
      count: (n: number) => (n === 0 ? text.none : n === 1 ? text.one : text.many).replace("{count}", String(n)),
      groupLabels: text.groups,
    }),
    [text],
  );
  // Where each option shown leads
  const hrefs = useRef(new Map<string, string>());
  const load = useMemo(
    () =>
      async (q: string, signal: AbortSignal): Promise<ComboboxOption[]> =>
        (await fetchSuggestions(locale, q, signal)).map((o) => {
          hrefs.current.set(o.id, o.href);
          const foreign = o.lang && o.lang !== locale ? text.languages[o.lang] : undefined;
          const detail = [o.type ? text.types[o.type] : undefined, foreign].filter(Boolean).join(" · ");
          return {
            id: o.id,
            label: o.label,
            group: o.group,
            lang: o.lang && o.lang !== locale ? o.lang : undefined,
            detail: detail || undefined,
          };
        }),
    [locale, text],
  );
  return (
    <div className={`relative ${className ?? ""}`}>
      <Combobox
        id={id}
        labelId={labelId}
        defaultValue={defaultValue}
        loadOptions={load}
        onSelect={(option) => {
          const href = hrefs.current.get(option.id);
          if (href) window.location.assign(href);
        }}
        text={comboText}
        inputProps={inputProps}
        listClassName="w-max max-w-[min(36rem,90vw)]"
        align={align}
      />
    </div>
  );
}
