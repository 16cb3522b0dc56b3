import { describe, expect, it } from "vitest";
import { buildAtom, EPOCH, type AtomEntry } from "@/lib/feeds/atom";
import { validateAtom } from "../helpers/atom";

const feed = {
  title: `Cases · "Ærø" & <Östra> – site`,
  self: "https://kb.example/da/atom.xml?type=case&country=DK",
  alternate: "https://kb.example/da/cases?country=DK",
  language: "da" as const,
  author: "Socialøkonomi i kommunerne",
};

const entry = (over: Partial<AtomEntry> = {}): AtomEntry => ({
  id: "urn:uuid:0b0f4a8e-1c1d-4a3e-9a77-5f0d2d1b8a11",
  title: "<script>alert(1)</script> & \u0000\u0008 ok",
  link: "https://kb.example/da/cases/a?x=1&y=2",
  summary: "Right-to-left \u202Eטקסט and emoji 🙂",
  published: "2019-10-01T00:00:00.000Z",
  updated: "2019-10-01T00:00:00.000Z",
  category: { term: "case", label: "Case" },
  language: "sv",
  ...over,
});

describe("Atom feeds", () => {
  it("writes a feed that RFC 4287's RELAX NG schema accepts, hostile text escaped", () => {
    const xml = buildAtom(feed, [entry(), entry({ language: "da", published: null })]);
    const result = validateAtom(xml);
    expect(result.output).toContain("validates");
    expect(result.ok).toBe(true);
    expect(xml).toContain("&lt;script&gt;");
    expect(xml).not.toContain("\u0000");
    expect(xml).toContain(`<entry xml:lang="sv">`);
    expect(xml).toContain(`<updated>2019-10-01T00:00:00Z</updated>`);
  });

  it("gives an empty list a valid feed dated at the epoch", () => {
    const xml = buildAtom(feed, []);
    expect(validateAtom(xml).ok).toBe(true);
    expect(xml).toContain(`<updated>${EPOCH}</updated>`);
  });

  it("is refused by the schema when a required element is missing (the check is real)", () => {
    const xml = buildAtom(feed, [entry()]).replace(/<id>urn:uuid:[^<]+<\/id>/, "");
    expect(validateAtom(xml).ok).toBe(false);
  });
});
