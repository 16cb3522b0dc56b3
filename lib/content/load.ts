// Read and validate the curated catalogue in content/. Every problem names the file, the field and
// what is wrong; nothing is written anywhere until the whole catalogue is valid.
import { readFile, readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import YAML from "yaml";
import type { z } from "zod";
import {
  adviserSchema,
  glossaryTermSchema,
  bestBetEntrySchema,
  type BestBetEntryData,
  itemFrontmatterSchemas,
  itemTypes,
  locales,
  organisationSchema,
  placeSchema,
  topicSchema,
  type AdviserData,
  type GlossaryTermData,
  type ItemData,
  type ItemType,
  type ContentLocale,
  type OrganisationData,
  type PlaceData,
  type TopicData,
} from "./schema";
import { missingAttachmentFiles } from "./attachments";
import { setting } from "@/lib/env";

export type Problem = { file: string; field: string; message: string };

export class ContentError extends Error {
  constructor(readonly problems: Problem[]) {
    super(
      `The content has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => `  ${p.file}: ${p.field ? `${p.field}: ` : ""}${p.message}`).join("\n"),
    );
    this.name = "ContentError";
  }
}

export type Catalogue = {
  topics: TopicData[];
  organisations: OrganisationData[];
  places: PlaceData[];
  advisers: AdviserData[];
  glossary: GlossaryTermData[];
  items: ItemData[];
  /** content/best-bets.yaml, when the folder has one */
  bestBets?: BestBetEntryData[];
  /** The folder of files that attachments name as "files/<name>" (content/files), when loaded from a folder. */
  filesDir?: string;
};

// YAML 1.2 core schema: dates stay strings, so zod decides what a date is.
const yamlEngine = { parse: (source: string) => YAML.parse(source) as object };

function fieldName(issuePath: readonly PropertyKey[]): string {
  return issuePath.map((part) => (typeof part === "number" ? `[${part}]` : String(part))).join(".").replace(/\.\[/g, "[");
}

class Collector {
  problems: Problem[] = [];
  constructor(private root: string) {}
  rel(file: string) {
    return path.relative(this.root, file) || file;
  }
  add(file: string, field: string, message: string) {
    this.problems.push({ file: this.rel(file), field, message });
  }
  parse<S extends z.ZodType>(schema: S, value: unknown, file: string, prefix = ""): z.infer<S> | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const field = fieldName([...(prefix ? [prefix] : []), ...issue.path]).replace(/^\.|\.$/g, "");
      this.add(file, field, issue.message);
    }
    return undefined;
  }
}

// The entries of a YAML file that holds a list; an empty file is an empty list, anything else a problem reported
async function readYamlList(out: Collector, file: string): Promise<unknown[]> {
  let raw: unknown;
  try {
    raw = YAML.parse(await readFile(file, "utf8"));
  } catch (error) {
    out.add(file, "", `is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    return [];
  }
  if (raw == null) return [];
  if (!Array.isArray(raw)) {
    out.add(file, "", "must be a YAML list");
    return [];
  }
  return raw;
}

async function readList<S extends z.ZodType>(
  out: Collector,
  dir: string,
  name: string,
  schema: S,
): Promise<z.infer<S>[]> {
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    out.add(file, "", "file is missing");
    return [];
  }
  const raw = await readYamlList(out, file);
  const rows: z.infer<S>[] = [];
  const seen = new Set<string>();
  raw.forEach((entry, index) => {
    const row = out.parse(schema, entry, file, `[${index}]`);
    if (!row) return;
    const { slug, id } = row as unknown as { slug: string; id?: string };
    if (seen.has(slug)) out.add(file, `[${index}].slug`, `"${slug}" is used twice`);
    seen.add(slug);
    if (id && seen.has(`id:${id}`)) out.add(file, `[${index}].id`, `"${id}" is used twice`);
    if (id) seen.add(`id:${id}`);
    rows.push(row);
  });
  return rows;
}

// content/best-bets.yaml: optional (a folder without it has no best bets)
async function readBestBets(out: Collector, dir: string): Promise<BestBetEntryData[]> {
  const file = path.join(dir, "best-bets.yaml");
  if (!existsSync(file)) return [];
  const raw = await readYamlList(out, file);
  const rows: BestBetEntryData[] = [];
  raw.forEach((entry, index) => {
    const row = out.parse(bestBetEntrySchema, entry, file, `[${index}]`);
    if (row) rows.push(row);
  });
  return rows;
}

async function readItems(out: Collector, dir: string): Promise<ItemData[]> {
  const itemsDir = path.join(dir, "items");
  const items: ItemData[] = [];
  if (!existsSync(itemsDir)) return items;
  for (const locale of await readdir(itemsDir)) {
    const localeDir = path.join(itemsDir, locale);
    if (!(locales as readonly string[]).includes(locale)) {
      out.add(localeDir, "", `is not a locale folder (expected one of ${locales.join(", ")})`);
      continue;
    }
    for (const type of await readdir(localeDir)) {
      const typeDir = path.join(localeDir, type);
      if (!(itemTypes as readonly string[]).includes(type)) {
        out.add(typeDir, "", `is not a type folder (expected one of ${itemTypes.join(", ")})`);
        continue;
      }
      for (const name of (await readdir(typeDir)).sort()) {
        const file = path.join(typeDir, name);
        const slug = name.replace(/\.md$/, "");
        if (!name.endsWith(".md") || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
          out.add(file, "", "item files must be named <slug>.md, in lower-case letters, digits and hyphens");
          continue;
        }
        let parsed: matter.GrayMatterFile<string>;
        try {
          parsed = matter(await readFile(file, "utf8"), { engines: { yaml: yamlEngine } });
        } catch (error) {
          out.add(file, "frontmatter", `is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
          continue;
        }
        const data = out.parse(itemFrontmatterSchemas[type as ItemType], parsed.data, file);
        if (!data) continue;
        items.push({
          key: `${locale}/${type}/${slug}`,
          file: out.rel(file),
          type: type as ItemType,
          locale: locale as ContentLocale,
          slug,
          body: parsed.content.trim(),
          data: data as ItemData["data"],
        });
      }
    }
  }
  return items;
}

function checkReferences(out: Collector, catalogue: Catalogue, dir: string) {
  const has = (rows: { slug: string }[]) => new Set(rows.map((r) => r.slug));
  const topics = has(catalogue.topics);
  const organisations = has(catalogue.organisations);
  const places = has(catalogue.places);
  const advisers = has(catalogue.advisers);
  const items = new Map(catalogue.items.map((i) => [i.key, i]));
  const ref = (file: string, field: string, set: Set<string>, slug: string | undefined, what: string) => {
    if (slug !== undefined && !set.has(slug)) out.add(file, field, `names the ${what} "${slug}", which does not exist`);
  };

  catalogue.places.forEach((p, i) => ref(path.join(dir, "places.yaml"), `[${i}].parent`, places, p.parent, "place"));
  catalogue.advisers.forEach((a, i) => {
    const file = path.join(dir, "advisers.yaml");
    ref(file, `[${i}].organisation`, organisations, a.organisation, "organisation");
    a.topics.forEach((t, j) => ref(file, `[${i}].topics[${j}]`, topics, t, "topic"));
  });
  for (const locale of locales) {
    const defaults = catalogue.advisers.filter((a) => a.defaultFor.includes(locale));
    if (defaults.length > 1)
      out.add(path.join(dir, "advisers.yaml"), "defaultFor", `more than one default adviser for "${locale}"`);
  }

  const translated = new Map<string, string>();
  const ids = new Map<string, string>();
  for (const item of catalogue.items) {
    const file = path.join(dir, "..", item.file);
    const d = item.data;
    if (d.id && ids.has(d.id)) out.add(file, "id", `"${d.id}" is also the id of ${ids.get(d.id)}`);
    if (d.id) ids.set(d.id, item.file);
    d.topics.forEach((t, j) => ref(file, `topics[${j}]`, topics, t, "topic"));
    d.places.forEach((p, j) => ref(file, `places[${j}]`, places, p, "place"));
    d.organisations.forEach((o, j) => ref(file, `organisations[${j}].organisation`, organisations, o.organisation, "organisation"));
    ref(file, "adviser", advisers, d.adviser, "adviser");
    d.related.forEach((key, j) => {
      if (!items.has(key)) out.add(file, `related[${j}]`, `names the item "${key}", which does not exist`);
      if (key === item.key) out.add(file, `related[${j}]`, "an item cannot be related to itself");
    });
    if (d.translationOf) {
      const original = items.get(d.translationOf);
      if (!original) out.add(file, "translationOf", `names the item "${d.translationOf}", which does not exist`);
      else if (original.locale === item.locale) out.add(file, "translationOf", "a translation must be in the other language");
      else if (original.type !== item.type) out.add(file, "translationOf", "a translation must be of the same type");
      else if (original.data.translationOf) out.add(file, "translationOf", `"${d.translationOf}" is itself a translation`);
      else if (translated.has(d.translationOf))
        out.add(file, "translationOf", `"${d.translationOf}" is already translated by ${translated.get(d.translationOf)}`);
      translated.set(d.translationOf, item.key);
    }
  }
}

// Load and validate every file of the catalogue in dir
export async function loadCatalogue(
  dir = path.resolve(setting("CONTENT_DIR")),
): Promise<Catalogue> {
  const out = new Collector(path.dirname(dir));
  const catalogue: Catalogue = {
    topics: await readList(out, dir, "topics.yaml", topicSchema),
    organisations: await readList(out, dir, "organisations.yaml", organisationSchema),
    places: await readList(out, dir, "places.yaml", placeSchema),
    advisers: await readList(out, dir, "advisers.yaml", adviserSchema),
    glossary: await readList(out, dir, "glossary.yaml", glossaryTermSchema),
    items: await readItems(out, dir),
    bestBets: await readBestBets(out, dir),
    filesDir: path.join(dir, "files"),
  };
  checkReferences(out, catalogue, dir);
  const keys = new Set(catalogue.items.map((i) => i.key));
  catalogue.bestBets!.forEach((b, i) =>
    b.items.forEach((key, j) => {
      if (!keys.has(key))
        out.add(path.join(dir, "best-bets.yaml"), `[${i}].items[${j}]`, `names the item "${key}", which does not exist`);
    }),
  );
  for (const p of missingAttachmentFiles(catalogue.items, catalogue.filesDir!))
    out.add(path.join(dir, "..", p.item.file), p.field, p.message);
  if (out.problems.length) throw new ContentError(out.problems);
  return catalogue;
}
