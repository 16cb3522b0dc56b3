// Write the catalogue in the database back to the content/ file format. A file whose records already say
// the same (order of sets aside) is left as it is, so importing content/ and exporting it again changes
// no file. A file is removed only when this database knows why: its item was deleted in the admin, or it
// lives at another address now. Files this database has never seen are left alone, so exporting from another
// database deletes nothing it does not know about.
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import matter from "gray-matter";
import { existsSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { Db } from "@/lib/database/client";
import { exportAttachmentFiles } from "./export-files";
import { loadCatalogue, type Catalogue } from "./load";
import { itemTypes, locales, type BestBetEntryData, type ItemData } from "./schema";

export type ExportReport = { written: string[]; removed: string[]; unchanged: number; kept: string[] };

// Compare two records, treating lists of plain values as sets
function normal(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normal);
    return items.every((v) => typeof v !== "object" || v === null)
      ? [...items].sort()
      : items.map((v) => JSON.stringify(v)).sort();
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normal(v)]),
    );
  }
  return value;
}
const same = (a: unknown, b: unknown) => JSON.stringify(normal(a)) === JSON.stringify(normal(b));

const clean = <T extends Record<string, unknown>>(row: T): T =>
  Object.fromEntries(
    Object.entries(row).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)),
  ) as T;

const offsetFormat = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Copenhagen", timeZoneName: "longOffset" });
const wallFormat = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Copenhagen",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

// A moment as ISO 8601 with its offset, in Danish and Swedish time (2026-03-02T09:00:00+01:00); midnight UTC,
// which is what a date alone means, stays a date alone, as the hand-written files have it.
export function momentText(d: Date | null): string | undefined {
  if (!d) return undefined;
  const iso = d.toISOString();
  if (iso.endsWith("T00:00:00.000Z")) return iso.slice(0, 10);
  const zone = offsetFormat.formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const offset = zone === "GMT" ? "+00:00" : zone.slice(3);
  const millis = d.getUTCMilliseconds() ? `.${String(d.getUTCMilliseconds()).padStart(3, "0")}` : "";
  return `${wallFormat.format(d).replace(" ", "T")}${millis}${offset}`;
}
const month = (d: Date | null) => (d ? d.toISOString().slice(0, 7) : undefined);

// The catalogue in the database, in the shapes the loader gives
export async function catalogueFromDatabase(client: Db): Promise<Catalogue> {
  const [topics, organisations, places, advisers, glossary, items] = await Promise.all([
    client.topic.findMany({ orderBy: { slug: "asc" } }),
    client.organisation.findMany({ orderBy: { slug: "asc" } }),
    client.place.findMany({ orderBy: { slug: "asc" }, include: { parent: { select: { slug: true } } } }),
    client.adviser.findMany({
      orderBy: { slug: "asc" },
      include: { organisation: { select: { slug: true } }, topics: { select: { topic: { select: { slug: true } } } } },
    }),
    client.glossaryTerm.findMany({ orderBy: { slug: "asc" } }),
    client.item.findMany({
      orderBy: { contentKey: "asc" },
      include: {
        topics: { select: { topic: { select: { slug: true } } } },
        places: { select: { place: { select: { slug: true } } } },
        organisations: { orderBy: { position: "asc" }, select: { role: true, organisation: { select: { slug: true } } } },
        adviser: { select: { slug: true } },
        owner: { select: { email: true } },
        translationOf: { select: { locale: true, type: true, slug: true } },
        relatedTo: { select: { to: { select: { locale: true, type: true, slug: true } } } },
        attachments: { orderBy: { position: "asc" } },
      },
    }),
  ]);
  const key = (i: { locale: string; type: string; slug: string }) => `${i.locale}/${i.type}/${i.slug}`;
  return {
    topics: topics.map((t) => ({
      id: t.id,
      slug: t.slug,
      name: { da: t.nameDa, sv: t.nameSv },
      ...(t.descriptionDa || t.descriptionSv ? { description: { da: t.descriptionDa, sv: t.descriptionSv } } : {}),
    })),
    organisations: organisations.map((o) =>
      clean({
        id: o.id,
        slug: o.slug,
        name: o.name,
        shortName: o.shortName ?? undefined,
        country: o.country ?? undefined,
        url: o.url ?? undefined,
      }),
    ),
    places: places.map((p) =>
      clean({ id: p.id, slug: p.slug, name: p.name, kind: p.kind, country: p.country, parent: p.parent?.slug }),
    ),
    advisers: advisers.map((a) => ({
      ...clean({
        id: a.id,
        slug: a.slug,
        name: a.name,
        title: { da: a.titleDa, sv: a.titleSv },
        organisation: a.organisation?.slug,
        email: a.email,
        phone: a.phone ?? undefined,
        languages: a.languages,
      }),
      emailIsPlaceholder: a.emailIsPlaceholder,
      defaultFor: a.defaultFor,
      topics: a.topics.map((t) => t.topic.slug),
    })),
    glossary: glossary.map((g) => ({
      id: g.id,
      slug: g.slug,
      ...(g.falseFriend ? { falseFriend: true as const } : {}),
      da: { term: g.termDa, synonyms: g.synonymsDa, explanation: g.explanationDa },
      sv: { term: g.termSv, synonyms: g.synonymsSv, explanation: g.explanationSv },
    })),
    items: items.map((i): ItemData => {
      const figures = Array.isArray(i.keyFigures) ? (i.keyFigures as { label: string; value: string }[]) : [];
      const data = {
        ...clean({
          id: i.id,
          title: i.title,
          summary: i.summary,
          publishedAt: momentText(i.publishedAt),
          country: i.country ?? undefined,
          year: i.year ?? undefined,
          adviser: i.adviser?.slug,
          translationOf: i.translationOf ? key(i.translationOf) : undefined,
          pages: i.pages ?? undefined,
          isbn: i.isbn ?? undefined,
          period: i.periodStart ? clean({ start: month(i.periodStart)!, end: month(i.periodEnd) }) : undefined,
          budget:
            i.budgetAmount != null && i.budgetCurrency
              ? { amount: Number(i.budgetAmount), currency: i.budgetCurrency }
              : undefined,
          documentType: i.documentType ?? undefined,
          sourceUrl: i.sourceUrl ?? undefined,
          diaryNumber: i.diaryNumber ?? undefined,
          sourceDate: i.sourceDate ?? undefined,
          editorialNote: i.editorialNote ?? undefined,
          owner: i.owner?.email,
          reviewed: i.reviewedAt ? i.reviewedAt.toISOString().slice(0, 10) : undefined,
        }),
        sources: Array.isArray(i.sources) ? (i.sources as ItemData["data"]["sources"]) : [],
        status: i.status,
        topics: i.topics.map((t) => t.topic.slug),
        places: i.places.map((p) => p.place.slug),
        organisations: i.organisations.map((o) => ({ organisation: o.organisation.slug, role: o.role })),
        related: i.relatedTo.map((r) => key(r.to)),
        attachments: i.attachments.map((a) => ({
          title: a.title,
          fileName: a.fileName,
          mimeType: a.mimeType,
          sizeBytes: a.sizeBytes,
          location: a.location,
        })),
        keyFigures: figures.map((f) => ({ label: f.label, value: f.value })),
      } as ItemData["data"];
      return {
        key: key(i),
        file: `items/${key(i)}.md`,
        type: i.type,
        locale: i.locale,
        slug: i.slug,
        body: i.body.trim(),
        data,
      };
    }),
  };
}

const yaml = (value: unknown) => YAML.stringify(value, { lineWidth: 0 });

// Frontmatter as written: empty lists and the default status left out, for files like the hand-written ones
function itemFile(item: ItemData): string {
  const d = item.data as Record<string, unknown>;
  const front = Object.fromEntries(
    Object.entries(d).filter(([k, v]) => !(Array.isArray(v) && v.length === 0) && !(k === "status" && v === "published")),
  );
  return `---\n${yaml(front)}---\n\n${item.body}\n`;
}

type ListName = "topics" | "organisations" | "places" | "advisers" | "glossary";

// The id and address of every item file in dir, read leniently: a file the loader would refuse still says
// which item it holds.
async function itemFiles(dir: string): Promise<{ key: string; file: string; id: string | null }[]> {
  const out: { key: string; file: string; id: string | null }[] = [];
  for (const locale of locales) {
    for (const type of itemTypes) {
      const folder = path.join(dir, "items", locale, type);
      if (!existsSync(folder)) continue;
      for (const name of await readdir(folder)) {
        if (!name.endsWith(".md")) continue;
        const file = path.join(folder, name);
        let id: string | null = null;
        try {
          const data = matter(await readFile(file, "utf8"), { engines: { yaml: yamlEngine } }).data as { id?: unknown };
          if (typeof data.id === "string") id = data.id;
        } catch {
          // Unreadable frontmatter: the file is known by its address only.
        }
        out.push({ key: `${locale}/${type}/${name.slice(0, -3)}`, file, id });
      }
    }
  }
  return out;
}

const yamlEngine = { parse: (source: string) => YAML.parse(source) as object };

// The best bets in the database, in the file's shape (items by address, in their order)
export async function bestBetsFromDatabase(client: Db): Promise<BestBetEntryData[]> {
  const rows = await client.bestBet.findMany({
    orderBy: [{ locale: "asc" }, { term: "asc" }],
    include: { items: { orderBy: { position: "asc" }, select: { item: { select: { contentKey: true } } } } },
  });
  return rows.map((b) => ({ id: b.id, locale: b.locale, term: b.term, items: b.items.map((i) => i.item.contentKey) }));
}

// Write content/best-bets.yaml when the database holds best bets (or the file exists) and the file says otherwise;
// entries this database has never had stay, those removed in its admin go. True when the file was written.
async function exportBestBets(
  client: Db,
  dir: string,
  before: BestBetEntryData[],
  gone: { id: string; key: string }[],
): Promise<boolean> {
  const rows = await bestBetsFromDatabase(client);
  const file = path.join(dir, "best-bets.yaml");
  if (!rows.length && !existsSync(file)) return false;
  const known = (e: BestBetEntryData) =>
    rows.some((r) => r.id === e.id || (r.locale === e.locale && r.term.toLowerCase() === e.term.toLowerCase())) ||
    gone.some((t) => t.id === e.id);
  const all = [...rows, ...before.filter((e) => !known(e))];
  // Compared as sets of entries, each with its items in their order (the order shown on the search page)
  const entries = (list: BestBetEntryData[]) =>
    list.map((e) => JSON.stringify([e.id ?? "", e.locale, e.term, e.items])).sort();
  if (existsSync(file) && JSON.stringify(entries(before)) === JSON.stringify(entries(all))) return false;
  await writeFile(file, all.length ? yaml(all) : "[]\n");
  return true;
}

// Export the database's catalogue into dir (content/ by default)
export async function exportCatalogue(client: Db, dir: string): Promise<ExportReport> {
  const report: ExportReport = { written: [], removed: [], unchanged: 0, kept: [] };
  const current = await catalogueFromDatabase(client);
  // The attachments' files first, so that the loader below accepts the folder as the database left it.
  report.written.push(...(await exportAttachmentFiles(client, current.items, dir)));
  const tombstones = await client.contentTombstone.findMany({ select: { id: true, kind: true, key: true } });
  const redirects = await client.recordSlugRedirect.findMany({ select: { kind: true, slug: true, recordId: true } });
  const deleted = (kind: string) => tombstones.filter((t) => t.kind === kind);
  const existing: Catalogue | null = existsSync(dir) ? await loadCatalogue(dir).catch(() => null) : null;
  await mkdir(dir, { recursive: true });

  for (const name of ["topics", "organisations", "places", "advisers", "glossary"] as ListName[]) {
    const dbRows = current[name] as { id?: string; slug: string }[];
    const before = (existing?.[name] ?? []) as { id?: string; slug: string }[];
    // Entries this database has never had stay in the file: another database may hold them.
    const gone = deleted(name);
    // Slugs the admin renamed, each to its record: a file's entry without an id may still name a record by one.
    const former = new Map(redirects.filter((r) => r.kind === name).map((r) => [r.slug, r.recordId]));
    const known = (r: { id?: string; slug: string }) =>
      dbRows.some((d) => d.id === r.id || d.slug === r.slug || (!r.id && d.id === former.get(r.slug))) ||
      gone.some((t) => t.id === r.id || (!r.id && t.key === r.slug));
    const foreign = before.filter((r) => !known(r));
    const rows = [...dbRows, ...foreign];
    const bySlug = new Map(rows.map((r) => [r.slug, r]));
    const unchanged = existing && before.length === rows.length && before.every((b) => same(b, bySlug.get(b.slug)));
    if (unchanged) {
      report.unchanged++;
      continue;
    }
    // Keep the file's order (a renamed record keeps its place, found by its id); new records go at the end.
    const byId = new Map(before.flatMap((b, i) => (b.id ? [[b.id, i] as const] : [])));
    const bySlugAt = new Map(before.map((b, i) => [b.slug, i]));
    for (const [slug, recordId] of former) if (bySlugAt.has(slug) && !byId.has(recordId)) byId.set(recordId, bySlugAt.get(slug)!);
    const at = (r: { id?: string; slug: string }) =>
      (r.id === undefined ? undefined : byId.get(r.id)) ?? bySlugAt.get(r.slug) ?? 1e9;
    const sorted = [...rows].sort((a, b) => at(a) - at(b));
    await writeFile(path.join(dir, `${name}.yaml`), yaml(sorted));
    report.written.push(`${name}.yaml`);
  }

  if (await exportBestBets(client, dir, existing?.bestBets ?? [], deleted("bestBets"))) report.written.push("best-bets.yaml");
  else if (existsSync(path.join(dir, "best-bets.yaml"))) report.unchanged++;

  const previous = new Map((existing?.items ?? []).map((i) => [i.key, i]));
  for (const item of current.items) {
    const old = previous.get(item.key);
    if (old && same({ ...old.data, body: old.body }, { ...item.data, body: item.body })) {
      report.unchanged++;
      continue;
    }
    const file = path.join(dir, "items", item.locale, item.type, `${item.slug}.md`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, itemFile(item));
    report.written.push(`items/${item.key}.md`);
  }
  // A file goes when its item was deleted in the admin or lives at another address now (renamed in the
  // admin); a file this database does not know is kept and reported.
  const byId = new Map(current.items.map((i) => [i.data.id!, i.key]));
  const keys = new Set(current.items.map((i) => i.key));
  const gone = deleted("items");
  for (const { key, file, id } of await itemFiles(dir)) {
    if (keys.has(key) && (!id || byId.get(id) === key)) continue;
    const moved = id !== null && byId.has(id) && byId.get(id) !== key;
    const removedInAdmin = gone.some((t) => (id ? t.id === id : t.key === key));
    if (moved || removedInAdmin) {
      await rm(file);
      report.removed.push(`items/${key}.md`);
    } else report.kept.push(`items/${key}.md`);
  }
  return report;
}
