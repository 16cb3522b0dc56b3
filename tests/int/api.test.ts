import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import {
  advisersRoute,
  glossaryRoute,
  itemBySlugRoute,
  itemRoute,
  itemsRoute,
  openApiRoute,
  organisationsRoute,
  placesRoute,
  searchRoute,
  topicsRoute,
  unknownRoute,
} from "@/lib/api/routes";
import { openApiDocument } from "@/lib/api/openapi";
import { fixtureContent } from "../helpers/content";
import { testDatabases } from "../helpers/databases";
import { openApiChecker } from "../helpers/openapi";

const databases = testDatabases({ beforeAll, afterAll });
const base = "http://kb.test";
const check = openApiChecker(openApiDocument(base));

type Route = { GET: (r: Request, c: { params: Promise<never> }) => Promise<Response> };
type Handlers = Record<
  "GET" | "OPTIONS" | "POST" | "DELETE",
  (r: Request, c: { params: Promise<never> }) => Promise<Response>
>;

// Call a route as Next does, from a given client address
function call(route: Route, path: string, params: object = {}, headers: Record<string, string> = {}) {
  const request = new Request(`${base}${path}`, { headers: { "x-forwarded-for": "192.0.2.1", ...headers } });
  return route.GET(request, { params: Promise.resolve(params as never) });
}

type Summary = { id: string; locale: string; type: string; slug: string; translation: { id: string } | null };
type Page = { items: Summary[]; total: number; nextCursor: string | null; next: string | null };
const keyOf = (i: { locale: string; type: string; slug: string }) => `${i.locale}/${i.type}/${i.slug}`;

describe.each(databases)("the JSON API on the $name database", (database) => {
  const saved = { ...process.env };
  beforeEach(async () => {
    process.env.DATABASE_URL ??= database.url();
    process.env.SITE_URL = base;
    (globalThis as { prisma?: unknown }).prisma = database.client();
    const client = database.client();
    await client.$executeRawUnsafe(`TRUNCATE "RateLimitBucket"`);
    await client.$executeRawUnsafe(
      `TRUNCATE "Item", "Topic", "Organisation", "Place", "Adviser", "GlossaryTerm" CASCADE`,
    );
    await importCatalogue(client, await loadCatalogue(fixtureContent));
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  const setItem = (contentKey: string, data: { status?: "draft" | "archived"; publishedAt?: Date; summary?: string }) =>
    database.client().item.update({ where: { contentKey }, data });

  async function walk(query: string): Promise<Summary[]> {
    const seen: Summary[] = [];
    let path: string | null = `/api/v1/items?${query}`;
    while (path) {
      const page = (await check("/items", await call(itemsRoute, path))) as Page;
      seen.push(...page.items);
      path = page.next ? new URL(page.next).pathname + new URL(page.next).search : null;
      expect(page.next === null).toBe(page.nextCursor === null);
    }
    return seen;
  }

  it("lists every published item of both languages, newest first, paged by cursor once each", async () => {
    const all = (await check("/items", await call(itemsRoute, "/api/v1/items"))) as Page;
    expect(all.items.map(keyOf)).toEqual([
      "sv/project/provprojekt",
      "sv/publication/testrapport",
      "da/publication/testrapport",
    ]);
    expect(all.total).toBe(3);
    expect(all.nextCursor).toBeNull();
    const paged = await walk("limit=1");
    expect(paged.map(keyOf)).toEqual(all.items.map(keyOf));
    const da = all.items.find((i) => keyOf(i) === "da/publication/testrapport")!;
    const sv = all.items.find((i) => keyOf(i) === "sv/publication/testrapport")!;
    expect(da.translation?.id).toBe(sv.id);
    expect(sv.translation?.id).toBe(da.id);
    expect(all.items[0]).toMatchObject({
      url: `${base}/sv/projekt/provprojekt`,
      apiUrl: `${base}/api/v1/items/${all.items[0]!.id}`,
    });
  });

  it("pages items without a date after the dated ones, each once", async () => {
    await database.client().item.updateMany({ data: { publishedAt: null } });
    const all = (await check("/items", await call(itemsRoute, "/api/v1/items"))) as Page;
    const paged = await walk("limit=2");
    expect(paged.map((i) => i.id)).toEqual(all.items.map((i) => i.id));
    expect(new Set(paged.map((i) => i.id)).size).toBe(3);
  });

  it("applies the listing filters and keeps them in the next page's address", async () => {
    const lang = (await check("/items", await call(itemsRoute, "/api/v1/items?lang=da"))) as Page;
    expect(lang.items.map(keyOf)).toEqual(["da/publication/testrapport"]);
    const topic = (await check("/items", await call(itemsRoute, "/api/v1/items?topic=samarbejde&limit=1"))) as Page;
    expect(topic.total).toBe(2);
    expect(new URL(topic.next!).searchParams.get("topic")).toBe("samarbejde");
    expect((await walk("topic=samarbejde&limit=1")).map(keyOf).sort()).toEqual([
      "da/publication/testrapport",
      "sv/publication/testrapport",
    ]);
    const place = (await check("/items", await call(itemsRoute, "/api/v1/items?municipality=testby"))) as Page;
    expect(place.items.map(keyOf)).toEqual(["da/publication/testrapport"]);
    const typed = (await check("/items", await call(itemsRoute, "/api/v1/items?type=project&country=SE"))) as Page;
    expect(typed.items.map(keyOf)).toEqual(["sv/project/provprojekt"]);
    const year = (await check("/items", await call(itemsRoute, "/api/v1/items?year=2016"))) as Page;
    expect(year.items.map(keyOf)).toEqual(["da/publication/testrapport"]);
  });

  it("gives one item by id and by language and slug, with its facts and translation", async () => {
    const all = (await check("/items", await call(itemsRoute, "/api/v1/items"))) as Page;
    const da = all.items.find((i) => keyOf(i) === "da/publication/testrapport")!;
    const byId = (await check("/items/{id}", await call(itemRoute, `/api/v1/items/${da.id}`, { id: da.id }))) as Record<
      string,
      unknown
    >;
    expect(byId).toMatchObject({
      id: da.id,
      title: "Testrapport om samarbejde",
      adviser: "anna-test",
      organisations: [{ slug: "testkontoret", role: "publisher" }],
      places: ["testby"],
      attachments: [{ fileName: "testrapport.pdf", url: `${base}/files/testrapport.pdf` }],
    });
    expect(byId.html).toContain("<strong>samarbejde</strong>");
    expect(byId.html).not.toContain("<script");
    const bySlug = await check(
      "/items/by-slug/{locale}/{slug}",
      await call(itemBySlugRoute, "/api/v1/items/by-slug/sv/provprojekt", { locale: "sv", slug: "provprojekt" }),
    );
    expect(bySlug).toMatchObject({
      type: "project",
      budget: { amount: 14662758, currency: "SEK" },
      periodStart: "2021-01-01",
    });
    expect((bySlug as { related: { id: string }[] }).related.map((r) => r.id)).toEqual([da.id]);
    const typed = await call(itemBySlugRoute, "/api/v1/items/by-slug/da/testrapport?type=project", {
      locale: "da",
      slug: "testrapport",
    });
    expect(typed.status).toBe(404);
    await check("/items/by-slug/{locale}/{slug}", typed);
  });

  it("never shows drafts, scheduled or archived items, nor links to them", async () => {
    const before = (await check("/items", await call(itemsRoute, "/api/v1/items"))) as Page;
    const id = (key: string) => before.items.find((i) => keyOf(i) === key)!.id;
    await setItem("da/publication/testrapport", { status: "draft" });
    await setItem("sv/project/provprojekt", { publishedAt: new Date(Date.now() + 86_400_000) });
    await setItem("sv/publication/testrapport", { status: "archived" });
    const after = (await check("/items", await call(itemsRoute, "/api/v1/items"))) as Page;
    expect(after.items).toEqual([]);
    expect(after.total).toBe(0);
    for (const key of ["da/publication/testrapport", "sv/project/provprojekt", "sv/publication/testrapport"]) {
      const response = await call(itemRoute, `/api/v1/items/${id(key)}`, { id: id(key) });
      expect(response.status).toBe(404);
      expect(await check("/items/{id}", response)).toMatchObject({ status: 404, type: "/api/v1/problems/not-found" });
    }
    const slug = await call(itemBySlugRoute, "/api/v1/items/by-slug/da/testrapport", {
      locale: "da",
      slug: "testrapport",
    });
    expect(slug.status).toBe(404);
    const search = (await check("/search", await call(searchRoute, "/api/v1/search?q=testrapport"))) as {
      total: number;
    };
    expect(search.total).toBe(0);
    const topics = (await check("/topics", await call(topicsRoute, "/api/v1/topics"))) as {
      items: { itemCount: number }[];
    };
    expect(topics.items.every((t) => t.itemCount === 0)).toBe(true);
    await setItem("sv/publication/testrapport", { status: undefined });
    await database
      .client()
      .item.update({ where: { contentKey: "sv/publication/testrapport" }, data: { status: "published" } });
    const one = (await check("/items", await call(itemsRoute, "/api/v1/items"))) as Page;
    expect(one.items.map(keyOf)).toEqual(["sv/publication/testrapport"]);
    expect(one.items[0]!.translation).toBeNull();
  });

  it("searches with the site's search, reporting the glossary widening it applied", async () => {
    await setItem("sv/project/provprojekt", { summary: "Ett projekt om offentlig upphandling." });
    const wide = (await check("/search", await call(searchRoute, "/api/v1/search?q=udbud&locale=da"))) as {
      results: { slug: string; locale: string; highlights: { snippet: { hit: boolean }[] } }[];
      widened: { slug: string; matched: string; added: string[] }[];
    };
    expect(wide.results.map((r) => `${r.locale}/${r.slug}`)).toEqual(["sv/provprojekt"]);
    expect(wide.widened).toEqual([
      expect.objectContaining({ slug: "udbud", matched: "udbud", added: ["upphandling"] }),
    ]);
    expect(wide.results[0]!.highlights.snippet.some((s) => s.hit)).toBe(true);
    const narrow = (await check("/search", await call(searchRoute, "/api/v1/search?q=udbud&narrow=1"))) as {
      total: number;
      widened: unknown[];
    };
    expect(narrow).toMatchObject({ total: 0, widened: [] });
    const pair = (await check("/search", await call(searchRoute, "/api/v1/search?q=testrapport&locale=sv"))) as {
      results: { locale: string; alsoIn: { locale: string } | null }[];
    };
    expect(pair.results).toEqual([
      expect.objectContaining({ locale: "sv", alsoIn: expect.objectContaining({ locale: "da" }) }),
    ]);
  });

  it("gives topics, glossary, advisers' public fields, organisations and places in both languages", async () => {
    const topics = (await check("/topics", await call(topicsRoute, "/api/v1/topics"))) as {
      items: { slug: string; itemCount: number }[];
    };
    expect(topics.items.map((t) => [t.slug, t.itemCount])).toEqual([
      ["beskaeftigelse", 0],
      ["samarbejde", 2],
    ]);
    const glossary = (await check("/glossary", await call(glossaryRoute, "/api/v1/glossary"))) as { items: unknown[] };
    expect(glossary.items).toContainEqual(
      expect.objectContaining({
        slug: "udbud",
        da: expect.objectContaining({ term: "udbud" }),
        sv: expect.objectContaining({ term: "upphandling" }),
      }),
    );
    const advisers = (await check("/advisers", await call(advisersRoute, "/api/v1/advisers"))) as {
      items: Record<string, unknown>[];
    };
    expect(advisers.items[0]).toEqual({
      slug: "anna-test",
      name: "Anna Test",
      title: { da: "Konsulent", sv: "Konsult" },
      organisation: "testkontoret",
      email: null,
      phone: null,
      languages: ["da"],
      topics: ["samarbejde"],
    });
    await database.client().adviser.update({ where: { slug: "anna-test" }, data: { emailIsPlaceholder: false } });
    const real = (await check("/advisers", await call(advisersRoute, "/api/v1/advisers"))) as {
      items: Record<string, unknown>[];
    };
    expect(real.items[0]!.email).toBe("anna@example.org");
    const organisations = (await check("/organisations", await call(organisationsRoute, "/api/v1/organisations"))) as {
      items: { slug: string }[];
    };
    expect(organisations.items.map((o) => o.slug)).toContain("testkontoret");
    const places = (await check("/places", await call(placesRoute, "/api/v1/places"))) as { items: unknown[] };
    expect(places.items).toContainEqual({
      slug: "testby",
      name: "Testby Kommune",
      kind: "municipality",
      country: "DK",
      parent: "nordregion",
    });
  });

  it("refuses unknown, repeated and malformed parameters with a problem document naming them", async () => {
    for (const [path, parameter] of [
      ["/api/v1/items?colour=red", "colour"],
      ["/api/v1/items?lang=en", "lang"],
      ["/api/v1/items?limit=0", "limit"],
      ["/api/v1/items?limit=101", "limit"],
      ["/api/v1/items?cursor=abc", "cursor"],
      ["/api/v1/items?topic=Robert%27);DROP", "topic"],
      ["/api/v1/items?year=1&year=2", "year"],
    ] as const) {
      const response = await call(itemsRoute, path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.headers.get("cache-control")).toBe("no-store");
      const body = (await check("/items", response)) as { errors: { parameter: string }[] };
      expect(body.errors.map((e) => e.parameter)).toContain(parameter);
    }
    const search = await call(searchRoute, "/api/v1/search?page=0");
    expect(search.status).toBe(400);
    await check("/search", search);
    const bad = await call(itemRoute, "/api/v1/items/not-a-uuid", { id: "not-a-uuid" });
    expect(bad.status).toBe(404);
    await check("/items/{id}", bad);
    const unknown = await call(unknownRoute as Route, "/api/v1/nothing", { rest: ["nothing"] });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ type: "/api/v1/problems/not-found", instance: "/api/v1/nothing" });
  });

  it("answers a matching If-None-Match with 304, marks each resource's freshness, and opens CORS for GET only", async () => {
    const first = await call(topicsRoute, "/api/v1/topics");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=3600, stale-while-revalidate=600");
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    const again = await call(topicsRoute, "/api/v1/topics", {}, { "if-none-match": `W/${etag}, "other"` });
    expect(again.status).toBe(304);
    await check("/topics", again);
    await database.client().topic.update({ where: { slug: "beskaeftigelse" }, data: { nameDa: "Job" } });
    const changed = await call(topicsRoute, "/api/v1/topics", {}, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    const items = await call(itemsRoute, "/api/v1/items");
    expect(items.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=60");
    const handlers = topicsRoute as unknown as Handlers;
    const request = (method: string) => new Request(`${base}/api/v1/topics`, { method });
    const preflight = await handlers.OPTIONS(request("OPTIONS"), { params: Promise.resolve({} as never) });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toBe("GET, HEAD, OPTIONS");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("If-None-Match");
    for (const method of ["POST", "DELETE"] as const) {
      const refused = await handlers[method](request(method), { params: Promise.resolve({} as never) });
      expect(refused.status).toBe(405);
      expect(refused.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
      expect(await refused.json()).toMatchObject({ status: 405, type: "/api/v1/problems/method-not-allowed" });
    }
  });

  it("limits each client's requests a minute and says when to come back", async () => {
    process.env.API_RATE_LIMIT = "3";
    for (let i = 0; i < 3; i++) expect((await call(placesRoute, "/api/v1/places")).status).toBe(200);
    const limited = await call(placesRoute, "/api/v1/places");
    expect(limited.status).toBe(429);
    const retry = Number(limited.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(await check("/places", limited)).toMatchObject({ status: 429, type: "/api/v1/problems/rate-limited" });
    const other = await call(placesRoute, "/api/v1/places", {}, { "x-forwarded-for": "192.0.2.2" });
    expect(other.status).toBe(200);
  });

  it("serves its OpenAPI 3.1 document with the data licence from the settings", async () => {
    process.env.API_DATA_LICENCE = "CC0 1.0";
    process.env.API_DATA_LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/";
    const response = await call(openApiRoute, "/api/v1/openapi.json");
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; info: { license: unknown }; servers: { url: string }[] };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.license).toEqual({ name: "CC0 1.0", url: "https://creativecommons.org/publicdomain/zero/1.0/" });
    expect(doc.servers[0]!.url).toBe(`${base}/api/v1`);
  });
});
