// The catalogue in content/ says only what its sources say: every attachment has its file, every item names
// its source, no date is more precise than a source gives it, and the UI speaks both languages key for key.
import path from "node:path";
import { describe, expect, it } from "vitest";
import da from "@/messages/da.json";
import sv from "@/messages/sv.json";
import { loadCatalogue } from "@/lib/content/load";
import { missingAttachmentFiles } from "@/lib/content/attachments";
import { formatSourceDate, parseSourceDate } from "@/lib/content/source-date";
import type { ItemData } from "@/lib/content/schema";

const contentDir = path.resolve("content");
const catalogue = await loadCatalogue(contentDir);

type Tree = { [key: string]: string | Tree };
const keys = (tree: Tree, prefix = ""): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [prefix + k] : keys(v, `${prefix}${k}.`)));

// The ways an item's own text can state a day: 1 oktober 2019, 1. oktober 2019, 2019-10-01, or 191001 as some
// Swedish documents write it.
function waysToWrite(day: string): string[] {
  const [y, m, d] = day.split("-");
  return [formatSourceDate(day, "da"), formatSourceDate(day, "sv"), day, `${y!.slice(2)}${m}${d}`].map((s) =>
    s.toLowerCase(),
  );
}

function ownText(item: ItemData): string {
  const d = item.data;
  return [d.title, d.summary, item.body, d.editorialNote ?? "", ...d.sources.flatMap((s) => [s.title, s.note ?? ""])]
    .join("\n")
    .toLowerCase();
}

describe("the catalogue in content/", () => {
  it("has a file in content/files for every attachment that names one, of the size it claims", () => {
    expect(
      missingAttachmentFiles(catalogue.items, catalogue.filesDir!).map((p) => `${p.item.file} ${p.field}`),
    ).toEqual([]);
  });

  it("reports an attachment whose file does not exist (the check itself works)", () => {
    const item = catalogue.items[0]!;
    const fake: ItemData = {
      ...item,
      data: {
        ...item.data,
        attachments: [
          { title: "x", fileName: "x.pdf", mimeType: "application/pdf", sizeBytes: 1, location: "files/x.pdf" },
        ],
      },
    };
    expect(missingAttachmentFiles([fake], catalogue.filesDir!)).toHaveLength(1);
  });

  it("names at least one source document for every item", () => {
    expect(catalogue.items.filter((i) => i.data.sources.length === 0).map((i) => i.key)).toEqual([]);
  });

  it("gives a day only where the item states that day and where it comes from", () => {
    const unsupported = catalogue.items
      .filter((i) => i.data.sourceDate && parseSourceDate(i.data.sourceDate)?.precision === "day")
      .filter((i) => !waysToWrite(i.data.sourceDate!).some((w) => ownText(i).includes(w)))
      .map((i) => `${i.key} ${i.data.sourceDate}`);
    expect(unsupported).toEqual([]);
  });

  it("keeps the site's publishing time a full timestamp, never a day passed off as the source's date", () => {
    const dayAlone = catalogue.items.filter((i) => i.data.publishedAt && !i.data.publishedAt.includes("T"));
    expect(dayAlone.map((i) => `${i.key} ${i.data.publishedAt}`)).toEqual([]);
  });

  it("gives a document the year of its own date where both are given", () => {
    // A case's or project's year is when it happened; a document's or publication's year is its own date.
    const disagree = catalogue.items
      .filter((i) => i.type === "reference" || i.type === "publication")
      .filter((i) => i.data.sourceDate && i.data.year && parseSourceDate(i.data.sourceDate)!.year !== i.data.year)
      .map((i) => `${i.key} ${i.data.year} ${i.data.sourceDate}`);
    expect(disagree).toEqual([]);
  });

  it("has a Danish version of every Swedish article, case, publication and project, and a Swedish one of every Danish", () => {
    const translated = new Set(
      catalogue.items.flatMap((i) => (i.data.translationOf ? [i.data.translationOf, i.key] : [])),
    );
    const alone = catalogue.items.filter((i) => i.type !== "reference" && !translated.has(i.key)).map((i) => i.key);
    expect(alone).toEqual([]);
  });
});

describe("UI messages", () => {
  it("has no key in one language only", () => {
    const daKeys = new Set(keys(da as Tree));
    const svKeys = new Set(keys(sv as Tree));
    expect({
      onlyDanish: [...daKeys].filter((k) => !svKeys.has(k)),
      onlySwedish: [...svKeys].filter((k) => !daKeys.has(k)),
    }).toEqual({ onlyDanish: [], onlySwedish: [] });
  });
});

describe("source dates", () => {
  it("are shown with the precision the source gives, in Danish and Swedish", () => {
    expect(formatSourceDate("2016", "da")).toBe("2016");
    expect(formatSourceDate("2019-10", "da")).toBe("oktober 2019");
    expect(formatSourceDate("2019-10-01", "da")).toBe("1. oktober 2019");
    expect(formatSourceDate("2019-10", "sv")).toBe("oktober 2019");
    expect(formatSourceDate("2019-10-01", "sv")).toBe("1 oktober 2019");
  });

  it("refuse what is no date", () => {
    expect(parseSourceDate("2019-13")).toBeNull();
    expect(parseSourceDate("2019-02-30")).toBeNull();
    expect(parseSourceDate("1. jan. 2016")).toBeNull();
    expect(parseSourceDate("2016")?.precision).toBe("year");
  });
});
