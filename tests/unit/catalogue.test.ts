import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue, type Catalogue } from "@/lib/content/load";

const seedsDir = path.resolve(import.meta.dirname, "../../../shared/seeds");
const RUN = 10;

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function runs(list: string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + RUN <= list.length; i++) out.add(list.slice(i, i + RUN).join(" "));
  return out;
}

// Prose without what are facts rather than sentences: quoted document titles and link targets.
function prose(text: string): string {
  return text
    .replace(/["“”„«»][^"“”„«»\n]*["“”„«»]/g, " ")
    .replace(/\*[^*\n]+\*/g, " ")
    .replace(/\]\([^)]*\)/g, "]");
}

describe("the curated catalogue in content/", () => {
  let catalogue: Catalogue;
  beforeAll(async () => {
    catalogue = await loadCatalogue();
  });

  it("validates and holds what the brief asks for", () => {
    const count = (pred: (i: Catalogue["items"][number]) => boolean) => catalogue.items.filter(pred).length;
    expect(count((i) => i.type === "reference")).toBeGreaterThanOrEqual(80);
    expect(count((i) => !!i.data.translationOf)).toBeGreaterThanOrEqual(6);
    expect(catalogue.glossary.length).toBeGreaterThanOrEqual(30);
    expect(catalogue.topics.length).toBeGreaterThanOrEqual(12);
    for (const locale of ["da", "sv"] as const) {
      expect(catalogue.advisers.filter((a) => a.defaultFor.includes(locale))).toHaveLength(1);
      expect(count((i) => i.locale === locale && i.data.status === "published")).toBeGreaterThan(0);
    }
    // A placeholder address is always marked as one.
    for (const adviser of catalogue.advisers)
      expect(adviser.emailIsPlaceholder || !adviser.email.endsWith("@example.org")).toBe(true);
  });

  it(`shares no run of ${RUN} words of prose with a seed document`, async () => {
    const seedRuns = new Set<string>();
    for (const name of await readdir(seedsDir)) {
      for (const run of runs(words(await readFile(path.join(seedsDir, name), "utf8")))) seedRuns.add(run);
    }
    expect(seedRuns.size).toBeGreaterThan(1000);
    const copied: string[] = [];
    for (const item of catalogue.items) {
      for (const run of runs(words(prose(`${item.data.summary}\n${item.body}`)))) {
        if (seedRuns.has(run)) copied.push(`${item.file}: "${run}"`);
      }
    }
    for (const term of catalogue.glossary) {
      for (const side of [term.da, term.sv]) {
        for (const run of runs(words(prose(side.explanation))))
          if (seedRuns.has(run)) copied.push(`glossary ${term.slug}: "${run}"`);
      }
    }
    expect(copied).toEqual([]);
  });
});
