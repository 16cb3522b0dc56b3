import { describe, expect, it } from "vitest";
import da from "@/messages/da.json";
import sv from "@/messages/sv.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

describe("UI messages", () => {
  const daKeys = flatten(da);
  const svKeys = flatten(sv);

  it("has the same keys in Danish and Swedish", () => {
    expect([...daKeys.keys()].sort()).toEqual([...svKeys.keys()].sort());
  });

  it("has no empty message in either language", () => {
    for (const [locale, keys] of [
      ["da", daKeys],
      ["sv", svKeys],
    ] as const) {
      const empty = [...keys].filter(([, text]) => !text.trim()).map(([key]) => `${locale}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it("uses the same ICU arguments in both languages", () => {
    const args = (text: string) => [...text.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]).sort();
    const mismatched = [...daKeys].filter(
      ([key, text]) => JSON.stringify(args(text)) !== JSON.stringify(args(svKeys.get(key) ?? "")),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });
});
