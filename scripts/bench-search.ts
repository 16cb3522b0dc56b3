// Search benchmark (not a test): builds a synthetic catalogue of 100,000 items in a database of its
// own, with Danish and Swedish text drawn from the words of content/, then times 50 representative
// queries through the same function the search page calls and prints p50 and p95.
//
//   npm run bench:search                 build the corpus if missing, then time
//   npm run bench:search -- --rebuild    build it again
//   npm run bench:search -- --baseline <git ref> --explain
//                                        time another commit's lib/search beside this one, query by query in
//                                        turn, and print EXPLAIN (ANALYZE, BUFFERS) of the slowest statements
//
// BENCH_DATABASE_URL names the database (default postgresql://postgres@127.0.0.1:5432/kb_bench_search);
// it is created when missing and its catalogue tables are replaced.
import { execFileSync } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { loadCatalogue } from "@/lib/content/load";
import { applyMigrations } from "@/lib/database/migrations";
import { createPrismaClient } from "@/lib/database/client";
import { searchCatalogue } from "@/lib/search/search";
import { parseSearchParams, type RawSearchParams } from "@/lib/search/params";

const ITEMS = 100_000;
const RUNS = 5;
const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/kb_bench_search";

// Deterministic random numbers, so that every build has the same corpus
let seed = 20261122;
const random = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

async function ensureDatabase() {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client(admin.toString());
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!exists.rowCount) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      console.log(`Created database ${name}.`);
    }
  } finally {
    await client.end();
  }
}

// The real items' token streams per language. A synthetic item copies runs of consecutive words from
// them (so phrases survive and word frequencies stay those of real text), mostly from one real item of
// its own language (its template, so that an item keeps one subject the way real documents do) and
// partly from all items of the language.
type Stream = string[];
type Template = { type: string; title: Stream; summary: Stream; body: Stream };
async function vocabulary() {
  const catalogue = await loadCatalogue();
  const split = (s: string) => s.match(/[\p{L}\p{N}][\p{L}\p{N}-]*/gu) ?? [];
  const plain = (md: string) => md.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1");
  const templates = { da: [] as Template[], sv: [] as Template[] };
  for (const item of catalogue.items) {
    templates[item.locale].push({
      type: item.type,
      title: split(item.data.title),
      summary: split(item.data.summary),
      body: split(plain(item.body)),
    });
  }
  const pooled = (lang: "da" | "sv", field: keyof Omit<Template, "type">) => templates[lang].flatMap((t) => t[field]);
  const pools = {
    da: { title: pooled("da", "title"), summary: pooled("da", "summary"), body: pooled("da", "body") },
    sv: { title: pooled("sv", "title"), summary: pooled("sv", "summary"), body: pooled("sv", "body") },
  };
  return { templates, pools, catalogue };
}

// n words made of runs of 2 to 12 consecutive words, each run taken from own (the template's stream)
// with probability ownShare, otherwise from pool (the language's stream)
const passage = (own: Stream, pool: Stream, ownShare: number, min: number, max: number) => {
  const n = between(min, max);
  const out: string[] = [];
  while (out.length < n) {
    const source = own.length >= 2 && random() < ownShare ? own : pool;
    const run = Math.min(between(2, 12), n - out.length);
    const at = Math.floor(random() * Math.max(1, source.length - run));
    out.push(...source.slice(at, at + run));
  }
  const text = out.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
};

async function build() {
  const { templates, pools, catalogue } = await vocabulary();
  const client = new pg.Client(url);
  await client.connect();
  try {
    console.log(`Building ${ITEMS.toLocaleString("en")} items…`);
    const started = Date.now();
    await client.query(`TRUNCATE "Item", "Topic", "ItemTopic", "GlossaryTerm" CASCADE`);
    for (const g of catalogue.glossary) {
      await client.query(
        `INSERT INTO "GlossaryTerm" (id, slug, "termDa", "termSv", "synonymsDa", "synonymsSv", "explanationDa", "explanationSv")
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7)`,
        [g.slug, g.da.term, g.sv.term, g.da.synonyms, g.sv.synonyms, g.da.explanation, g.sv.explanation],
      );
    }
    const topics: string[] = [];
    for (const t of catalogue.topics) {
      const row = await client.query(
        `INSERT INTO "Topic" (id, slug, "nameDa", "nameSv") VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`,
        [t.slug, t.name.da, t.name.sv],
      );
      topics.push(row.rows[0].id);
    }
    // The catalogue's own mix of types: a reference (a law, a guideline, a report) has no body.
    const types = catalogue.items.map((item) => item.type);
    const batch = 500;
    for (let start = 0; start < ITEMS; start += batch) {
      const values: unknown[] = [];
      const rows: string[] = [];
      for (let i = start; i < Math.min(ITEMS, start + batch); i++) {
        const locale = random() < 0.45 ? "da" : "sv";
        const type = pick(types);
        const withBody = type !== "reference";
        const candidates = templates[locale].filter((t) => t.body.length > 0 === withBody);
        const template = pick(candidates.length ? candidates : templates[locale]);
        const pool = pools[locale];
        const year = between(2005, 2025);
        const published = new Date(Date.UTC(year, between(0, 11), between(1, 28)));
        const row = [
          `bench/${i}`,
          type,
          locale,
          `item-${i}`,
          random() < 0.97 ? "published" : "draft",
          published,
          passage(template.title, pool.title, 0.5, 5, 15),
          passage(template.summary, pool.summary, 0.7, 20, 50),
          withBody ? passage(template.body, pool.body, 0.7, 150, 600) : "",
          random() < 0.5 ? "DK" : "SE",
          year,
        ];
        const base = values.length;
        values.push(...row);
        rows.push(
          `(gen_random_uuid(), ${row.map((_, k) => `$${base + k + 1}`).join(", ")}, now())`
            .replace(`$${base + 2},`, `$${base + 2}::"ItemType",`)
            .replace(`$${base + 3},`, `$${base + 3}::"Locale",`)
            .replace(`$${base + 5},`, `$${base + 5}::"ItemStatus",`)
            .replace(`$${base + 10},`, `$${base + 10}::"Country",`),
        );
      }
      await client.query(
        `INSERT INTO "Item" (id, "contentKey", type, locale, slug, status, "publishedAt", title, summary, body, country, year, "updatedAt")
         VALUES ${rows.join(", ")}`,
        values,
      );
      if ((start + batch) % 10_000 === 0) {
        console.log(`  ${(start + batch).toLocaleString("en")} items, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
    }
    await client.query(
      `INSERT INTO "ItemTopic" ("itemId", "topicId")
       SELECT DISTINCT i.id, (($1::uuid[])[1 + (abs(hashtext(i.slug || n::text)) % $2)])
       FROM "Item" i CROSS JOIN generate_series(1, 2) AS n`,
      [topics, topics.length],
    );
    await client.query(`REFRESH MATERIALIZED VIEW "SearchWord"`);
    await client.query(`REFRESH MATERIALIZED VIEW "SearchLexeme"`);
    await client.query(`VACUUM ANALYZE`);
    console.log(`Built in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await client.end();
  }
}

type Query = { kind: string; ui: "da" | "sv"; params: RawSearchParams };
const queries: Query[] = [
  // Single words
  ...["kommune", "virksomheder", "beskæftigelse", "jobcenter", "partnerskab", "samarbejde"].map((q) => ({
    kind: "word",
    ui: "da" as const,
    params: { q },
  })),
  ...["kommunen", "företag", "arbetsmarknaden", "samordningsförbund", "finansiering", "verksamhet"].map((q) => ({
    kind: "word",
    ui: "sv" as const,
    params: { q },
  })),
  // Phrases and operators
  ...[
    '"sociale klausuler"',
    '"socialt företag"',
    '"offentlig upphandling"',
    "kommune -jobcenter",
    "praktik OR løntilskud",
    '"arbetsintegrerande sociala företag" kommun',
    "virksomhed kommune samarbejde",
    "projekt utvärdering resultat",
  ].map((q, i) => ({ kind: "phrase/operators", ui: (i % 2 ? "sv" : "da") as "da" | "sv", params: { q } })),
  // Facet filters and sorting
  ...[
    { q: "kommune", type: "case" },
    { q: "företag", lang: "sv", year: "2015" },
    { q: "samarbejde", country: "DK", sort: "newest" },
    { q: "arbetsmarknad", topic: "arbejdsmarkedsintegration" },
    { q: "virksomheder", page: "3" },
    { q: "upphandling", type: "reference", country: "SE" },
    { q: "socialøkonomisk", lang: "da", sort: "newest", page: "2" },
    { type: "case", year: "2020" },
  ].map((params, i) => ({ kind: "filters", ui: (i % 2 ? "sv" : "da") as "da" | "sv", params })),
  // Across languages through the glossary
  ...[
    "socialøkonomisk virksomhed",
    "udbud",
    "sociale klausuler",
    "reserverede kontrakter",
    "anden aktør",
    "upphandling",
    "sociala företag",
    "idéburet offentligt partnerskap",
    "samordningsförbund",
    "arbetsintegrerande socialt företag",
  ].map((q, i) => ({ kind: "cross-language", ui: (i % 2 ? "sv" : "da") as "da" | "sv", params: { q } })),
  // Typos
  ...[
    "virksomhde",
    "socialøkonomsik",
    "upphandlnig",
    "samordningsförbnd",
    "kommunne samarbejed",
    "arbetsmarkand",
    "beskæftigelsse",
    "finansierng",
  ].map((q, i) => ({ kind: "typo", ui: (i % 2 ? "sv" : "da") as "da" | "sv", params: { q } })),
  // Hostile input
  ...["virksomhed ".repeat(1000), '" OR - "', `'; DROP TABLE "Item"; --`, "🙂 שלום \u0000"].map((q) => ({
    kind: "bad input",
    ui: "da" as const,
    params: { q },
  })),
];

/** The 50 queries above, then the relaxed and compound cases. */
const BASE_QUERIES = 50;
queries.push(
  // Relaxed: not every word occurs together, so the items holding most of them are listed
  ...[
    "hvordan samarbejder kommunen med socialøkonomiske virksomheder",
    "ansökan om pengar till förstudie",
    "tilbage til arbejdet via socialøkonomisk virksomhed",
    "vilken effekt har en anställning i ett socialt företag",
    "bilvask i Göteborg",
    "stöd till unga med aktivitetsersättning i kommunen",
  ].map((q, i) => ({ kind: "relaxed", ui: (i % 2 ? "sv" : "da") as "da" | "sv", params: { q } })),
  // Compound words: a part of a compound, a compound of known parts
  ...["netværk", "kooperativ", "arbejdsmarked", "samordningsteam", "beskæftigelsesindsats", "socialföretagare"].map(
    (q, i) => ({ kind: "compound", ui: (i % 2 ? "sv" : "da") as "da" | "sv", params: { q } }),
  ),
);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

// The search function of another commit (--baseline <ref>): its lib/search written to .bench/ and imported from
// there, so that both versions run in one process, on the same corpus, query by query under the same load.
type SearchFn = typeof searchCatalogue;
async function baselineSearch(ref: string): Promise<SearchFn> {
  const dir = path.resolve(".bench/search-baseline");
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const archive = execFileSync("git", ["archive", "--format=tar", ref, "lib/search"], { maxBuffer: 64 << 20 });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  const baseline = (await import(pathToFileURL(path.join(dir, "lib/search/search.ts")).href)) as {
    searchCatalogue: SearchFn;
  };
  return baseline.searchCatalogue;
}

// EXPLAIN (ANALYZE, BUFFERS) of the slowest statement of one search, with the settings the search runs under
async function explainSlowest(query: Query): Promise<string> {
  const events: { query: string; params: string; duration: number }[] = [];
  const logged = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 1 }),
    log: [{ emit: "event", level: "query" }],
  });
  logged.$on("query", (e) => events.push({ query: e.query, params: e.params, duration: e.duration }));
  try {
    await searchCatalogue(parseSearchParams(query.params), query.ui, logged);
  } finally {
    await logged.$disconnect();
  }
  const slowest = events
    .filter((e) => /^\s*(WITH|SELECT)/i.test(e.query) && !/set_config/.test(e.query))
    .sort((a, b) => b.duration - a.duration)[0];
  if (!slowest) return "(no statement captured)";
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(`SELECT set_config('jit', 'off', true), set_config('synchronize_seqscans', 'off', true),
      set_config('max_parallel_workers_per_gather', '0', true), set_config('random_page_cost', '1.1', true)`);
    const plan = await client.query(
      `EXPLAIN (ANALYZE, BUFFERS) ${slowest.query}`,
      JSON.parse(slowest.params) as unknown[],
    );
    return plan.rows.map((r: Record<string, string>) => r["QUERY PLAN"]).join("\n");
  } catch (error) {
    return `(EXPLAIN failed: ${(error as Error).message})`;
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    await client.end();
  }
}

const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

async function main() {
  if (queries.length !== BASE_QUERIES + 12)
    throw new Error(`expected ${BASE_QUERIES + 12} queries, have ${queries.length}`);
  await ensureDatabase();
  await applyMigrations(url);
  const check = new pg.Client(url);
  await check.connect();
  const { rows } = await check.query(`SELECT count(*)::int AS n FROM "Item"`);
  const version = (await check.query(`SHOW server_version`)).rows[0].server_version;
  await check.end();
  if (process.argv.includes("--rebuild") || rows[0].n !== ITEMS) await build();
  else {
    // Fresh statistics, as autovacuum would keep them (a migration may have added columns)
    const analyze = new pg.Client(url);
    await analyze.connect();
    await analyze.query(`ANALYZE "Item"`);
    await analyze.end();
  }

  const ref = option("--baseline");
  const versions: { name: string; search: SearchFn }[] = [{ name: "this code", search: searchCatalogue }];
  if (ref) versions.push({ name: `baseline ${ref}`, search: await baselineSearch(ref) });
  const client = createPrismaClient(url, 2);
  const stats = versions.map(() => ({
    times: [] as number[],
    byKind: new Map<string, number[]>(),
    perQuery: [] as { query: Query; label: string; median: number }[],
    hits: [] as string[],
  }));
  const loadBefore = load();
  try {
    for (const query of queries) {
      const params = parseSearchParams(query.params);
      for (const v of versions) await v.search(params, query.ui, client); // warm-up
      const own = versions.map(() => [] as number[]);
      for (let run = 0; run < RUNS; run++) {
        // Both versions in turn, the first one alternating, so that both meet the same load
        const order = run % 2 ? [...versions.keys()].reverse() : [...versions.keys()];
        for (const k of order) {
          const started = performance.now();
          const outcome = await versions[k]!.search(params, query.ui, client);
          const ms = performance.now() - started;
          const st = stats[k]!;
          st.times.push(ms);
          own[k]!.push(ms);
          st.byKind.set(query.kind, [...(st.byKind.get(query.kind) ?? []), ms]);
          if (run === 0) st.hits.push(`${outcome.approximate ? "~" : ""}${outcome.total}`);
        }
      }
      own.forEach((list, k) =>
        stats[k]!.perQuery.push({
          query,
          label: `${query.kind}: ${JSON.stringify(query.params).slice(0, 70)}`,
          median: percentile(
            list.sort((a, b) => a - b),
            50,
          ),
        }),
      );
    }
  } finally {
    await client.$disconnect();
  }
  const loadAfter = load();
  const cell = (list: number[] | undefined, p: number) =>
    list?.length
      ? percentile(
          [...list].sort((a, b) => a - b),
          p,
        )
          .toFixed(1)
          .padStart(6)
      : "     -";
  console.log(`\nPostgreSQL ${version}, ${ITEMS.toLocaleString("en")} items, ${queries.length} queries × ${RUNS} runs`);
  console.log(
    `Load average (1, 5, 15 min): ${loadBefore} at the start, ${loadAfter} at the end; ${cpus().length} cores`,
  );
  console.log(`\n| kind               | ${versions.map((v) => `${v.name} p50 / p95 (ms)`.padEnd(32)).join(" | ")} |`);
  const kinds = [...stats[0]!.byKind.keys()];
  const base = new Set(queries.slice(0, BASE_QUERIES).map((q) => q.kind));
  for (const kind of kinds)
    console.log(
      `| ${kind.padEnd(18)} | ${stats.map((st) => `${cell(st.byKind.get(kind), 50)} / ${cell(st.byKind.get(kind), 95)}`.padEnd(32)).join(" | ")} |`,
    );
  const firstFifty = (st: (typeof stats)[number]) => [...st.byKind].filter(([k]) => base.has(k)).flatMap(([, v]) => v);
  console.log(
    `| ${"the first 50".padEnd(18)} | ${stats.map((st) => `${cell(firstFifty(st), 50)} / ${cell(firstFifty(st), 95)}`.padEnd(32)).join(" | ")} |`,
  );
  console.log(
    `| ${"all".padEnd(18)} | ${stats.map((st) => `${cell(st.times, 50)} / ${cell(st.times, 95)}`.padEnd(32)).join(" | ")} |`,
  );
  versions.forEach((v, k) => console.log(`\nHits per query, ${v.name} (~ estimated): ${stats[k]!.hits.join(" ")}`));
  const slowest = [...stats[0]!.perQuery].sort((a, b) => b.median - a.median);
  console.log("\nSlowest queries, this code (median ms):");
  for (const q of slowest.slice(0, 8)) console.log(`  ${q.median.toFixed(1).padStart(7)}  ${q.label}`);
  if (process.argv.includes("--explain")) {
    for (const q of slowest.slice(0, 3)) {
      console.log(`\nEXPLAIN (ANALYZE, BUFFERS), slowest statement of ${q.label}:`);
      console.log(await explainSlowest(q.query));
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
