// The item editor's rows and pickers: what the form sends becomes the revisions' "a | b" lines and back without
// losing a character, checked rows are validated, and a picker's search finds records as typed.
import { describe, expect, it } from "vitest";
import {
  emptyItemValues,
  itemValuesFromForm,
  keyFigureList,
  organisationList,
  validateItem,
} from "@/lib/admin/item-form";
import { rowsToText, splitRow, textToRows } from "@/lib/admin/item-rows";
import { findOptions, foldText, matchChoices } from "@/lib/admin/pick";

function form(entries: [string, string][]) {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("rows of two fields", () => {
  it("keep a | or a backslash typed in a field, and drop rows left empty", () => {
    const rows: [string, string][] = [
      ["Andel | heraf kvinder", "40 %"],
      ["", ""],
      ["Sti C:\\data", "1\\2"],
    ];
    const text = rowsToText(rows);
    expect(text.split("\n")).toHaveLength(2);
    expect(textToRows(text)).toEqual([rows[0], rows[2]]);
    expect(keyFigureList(text)).toEqual([
      { label: "Andel | heraf kvinder", value: "40 %" },
      { label: "Sti C:\\data", value: "1\\2" },
    ]);
  });

  it("split the revisions' older lines, written before rows had escapes", () => {
    expect(splitRow("Ansatte | 42")).toEqual(["Ansatte", "42"]);
    expect(organisationList("kabi | publisher\nskr|partner")).toEqual([
      { slug: "kabi", role: "publisher" },
      { slug: "skr", role: "partner" },
    ]);
  });

  it("come from the form's parallel fields, in their order", () => {
    const values = itemValuesFromForm(
      form([
        ["keyFigureLabel", "Ansatte"],
        ["keyFigureValue", "42"],
        ["keyFigureLabel", ""],
        ["keyFigureValue", ""],
        ["keyFigureLabel", "Omsætning"],
        ["keyFigureValue", "3 mio. kr."],
        ["organisationSlug", "kabi"],
        ["organisationRole", "publisher"],
        ["organisationSlug", "skr"],
        ["organisationRole", "funder"],
      ]),
    );
    expect(keyFigureList(values.keyFigures)).toEqual([
      { label: "Ansatte", value: "42" },
      { label: "Omsætning", value: "3 mio. kr." },
    ]);
    expect(organisationList(values.organisations)).toEqual([
      { slug: "kabi", role: "publisher" },
      { slug: "skr", role: "funder" },
    ]);
  });

  it("refuse a row with one half missing, and keep it to show again", () => {
    const values = {
      ...itemValuesFromForm(
        form([
          ["keyFigureLabel", "Ansatte"],
          ["keyFigureValue", ""],
          ["organisationSlug", ""],
          ["organisationRole", "author"],
        ]),
      ),
      title: "T",
      summary: "S",
    };
    const errors = validateItem(values);
    expect(errors.keyFigures?.code).toBe("keyFigures");
    expect(errors.organisations?.code).toBe("organisations");
    expect(textToRows(values.keyFigures)).toEqual([["Ansatte", ""]]);
    expect(textToRows(values.organisations)).toEqual([["", "author"]]);
  });

  it("refuse an unknown role", () => {
    const values = { ...emptyItemValues(), title: "T", summary: "S", organisations: "kabi | boss" };
    expect(validateItem(values).organisations?.code).toBe("organisations");
    expect(validateItem({ ...values, organisations: "kabi | author" }).organisations).toBeUndefined();
  });
});

describe("the pickers' search", () => {
  const items = [
    { value: "a", label: "Socialøkonomiske virksomheder i Aarhus (da)", locale: "da" },
    { value: "b", label: "Sociala företag i Göteborg (sv)", locale: "sv" },
    { value: "c", label: "Göteborgs upphandling (sv)", locale: "sv" },
  ];

  it("folds case and accents but keeps å, ä, æ, ø and ö apart", () => {
    expect(foldText("  GÖTEBORG  Café ")).toBe("göteborg cafe");
    expect(foldText("Ærø Åbenrå")).toBe("ærø åbenrå");
    expect(findOptions(items, "goteborg")).toEqual([]);
  });

  it("needs every word, puts labels that start with the text first, and leaves out the chosen", () => {
    expect(findOptions(items, "göteborg").map((o) => o.value)).toEqual(["c", "b"]);
    expect(findOptions(items, "sociala göteborg").map((o) => o.value)).toEqual(["b"]);
    expect(findOptions(items, "göteborg", ["c"]).map((o) => o.value)).toEqual(["b"]);
  });

  it("offers a translation only in the other language, and never the item itself", () => {
    const choices = { topics: [], places: [], items };
    const values = { ...emptyItemValues(), locale: "sv" };
    expect(matchChoices("translationOfId", choices, "i", { values, id: null })).toEqual(["a"]);
    expect(matchChoices("relatedIds", choices, "göteborg", { values, id: "c" })).toEqual(["b"]);
  });
});
