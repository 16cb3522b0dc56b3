// The editor's pickers: which fields pick records, and which records a typed text finds. Used in the browser (the
// combobox's options) and on the server (the same search without JavaScript).
import type { ItemValues } from "./item-form";

export const pickFields = ["relatedIds", "translationOfId", "topicIds", "placeIds"] as const;
export type PickField = (typeof pickFields)[number];

export type PickOption = { value: string; label: string; locale?: string };
export type PickChoices = {
  topics: PickOption[];
  places: PickOption[];
  items: PickOption[];
};

// Lower case, without accents but keeping å, ä, æ, ø and ö, spaces folded
export const foldText = (text: string) =>
  text
    .toLocaleLowerCase("da")
    .normalize("NFD")
    .replace(/[ao][\u030a\u0308]/g, (m) => m.normalize("NFC"))
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .replace(/\s+/g, " ")
    .trim();

// The options a field offers for an item: an item never relates to itself, and a translation is in the other language
export function optionsFor(
  field: PickField,
  choices: PickChoices,
  item: { id: string | null; locale: string },
): PickOption[] {
  switch (field) {
    case "topicIds":
      return choices.topics;
    case "placeIds":
      return choices.places;
    case "relatedIds":
      return choices.items.filter((i) => i.value !== item.id);
    case "translationOfId":
      return choices.items.filter((i) => i.value !== item.id && i.locale !== item.locale);
  }
}

// The options whose label holds every word typed, those starting with the text first, at most `limit`
export function findOptions(options: PickOption[], query: string, exclude: string[] = [], limit = 20): PickOption[] {
  const words = foldText(query).split(" ").filter(Boolean);
  if (!words.length) return [];
  const folded = foldText(query);
  return options
    .filter((o) => !exclude.includes(o.value))
    .map((o) => ({ o, label: foldText(o.label) }))
    .filter(({ label }) => words.every((w) => label.includes(w)))
    .sort((a, b) => Number(b.label.startsWith(folded)) - Number(a.label.startsWith(folded)))
    .slice(0, limit)
    .map(({ o }) => o);
}

// Without JavaScript: the ids of the records a picker's search finds, leaving out those already chosen
export function matchChoices(
  field: PickField,
  choices: PickChoices,
  query: string,
  { values, id }: { values: ItemValues; id: string | null },
): string[] {
  const chosen = field === "translationOfId" ? [values.translationOfId] : values[field];
  return findOptions(optionsFor(field, choices, { id, locale: values.locale }), query, chosen).map((o) => o.value);
}
