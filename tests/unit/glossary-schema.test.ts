// A glossary entry in content/glossary.yaml may wait for its counterpart (one side empty, without explanation), but
// needs a word in one language, an explanation with each word, and both words when it is a false friend.
import { describe, expect, it } from "vitest";
import { glossaryTermSchema } from "@/lib/content/schema";

const side = (term: string, explanation = term ? `Om ${term}.` : "") => ({ term, synonyms: [], explanation });

describe("glossary entries", () => {
  it("take a word in one language while the other is not yet known", () => {
    expect(glossaryTermSchema.safeParse({ slug: "tyreso", da: side(""), sv: side("Tyresö") }).success).toBe(true);
  });

  it("refuse an entry with no word, a word without explanation, and a false friend missing a side", () => {
    const paths = (value: unknown) => {
      const result = glossaryTermSchema.safeParse(value);
      return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
    };
    expect(paths({ slug: "x", da: side(""), sv: side("") })).toContain("da.term");
    expect(paths({ slug: "x", da: side("lov", ""), sv: side("lov") })).toEqual(["da.explanation"]);
    expect(paths({ slug: "x", da: side("", "Forklaring"), sv: side("lov") })).toEqual(["da.explanation"]);
    expect(paths({ slug: "x", falseFriend: true, da: side(""), sv: side("lov") })).toEqual(["falseFriend"]);
  });
});
