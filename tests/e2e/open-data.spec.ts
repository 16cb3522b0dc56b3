import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { axeViolations } from "../helpers/axe";
import { expect, test } from "@playwright/test";
import { loadCatalogue } from "../../lib/content/load";
import { routing } from "../../lib/i18n/routing";
import { openApiChecker } from "../helpers/openapi";
import { validateAtom } from "../helpers/atom";
import { proxyConfig } from "../../scripts/bench/nginx";
import { freePort } from "../servers/cluster";

const axe = axeViolations;

test("the JSON API serves the whole published catalogue, every answer valid against its OpenAPI document", async ({
  request,
}) => {
  test.setTimeout(180_000);
  const docResponse = await request.get("/api/v1/openapi.json");
  expect(docResponse.status()).toBe(200);
  const check = openApiChecker(await docResponse.json());
  const asFetch = async (path: string) => {
    const r = await request.get(path);
    return new Response(r.status() === 304 ? null : await r.text(), { status: r.status(), headers: r.headers() });
  };
  const catalogue = await loadCatalogue();
  const now = Date.now();
  const published = catalogue.items.filter(
    (i) => i.data.status === "published" && (!i.data.publishedAt || Date.parse(String(i.data.publishedAt)) <= now),
  );
  const seen: { id: string; key: string }[] = [];
  let next: string | null = "/api/v1/items?limit=100";
  while (next) {
    const page = (await check("/items", await asFetch(next))) as {
      items: { id: string; locale: string; type: string; slug: string }[];
      next: string | null;
    };
    seen.push(...page.items.map((i) => ({ id: i.id, key: `${i.locale}/${i.type}/${i.slug}` })));
    next = page.next && new URL(page.next).pathname + new URL(page.next).search;
  }
  expect(seen.map((s) => s.key).sort()).toEqual(published.map((i) => i.key).sort());
  for (const { id } of seen) {
    const item = (await check("/items/{id}", await asFetch(`/api/v1/items/${id}`))) as { id: string };
    expect(item.id).toBe(id);
  }
  for (const path of ["/topics", "/glossary", "/advisers", "/organisations", "/places"]) {
    const body = (await check(path, await asFetch(`/api/v1${path}`))) as { items: unknown[] };
    expect(body.items.length, path).toBeGreaterThan(0);
  }
  const search = (await check("/search", await asFetch("/api/v1/search?q=socialøkonomisk+virksomhed&locale=sv"))) as {
    results: { locale: string }[];
    widened: unknown[];
  };
  expect(search.results.length).toBeGreaterThan(0);
  expect(search.widened.length).toBeGreaterThan(0);
  // Through the real server: CORS preflight, 304 and an unknown path as problem documents.
  const first = await request.get("/api/v1/topics");
  const again = await request.get("/api/v1/topics", { headers: { "If-None-Match": first.headers().etag! } });
  expect(again.status()).toBe(304);
  const preflight = await request.fetch("/api/v1/items", {
    method: "OPTIONS",
    headers: { Origin: "https://elsewhere.example", "Access-Control-Request-Method": "GET" },
  });
  expect(preflight.status()).toBe(204);
  expect(preflight.headers()["access-control-allow-origin"]).toBe("*");
  const missing = await request.get("/api/v1/nothing/here");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["content-type"]).toContain("application/problem+json");
  const post = await request.post("/api/v1/items", { data: {} });
  expect(post.status()).toBe(405);
});

for (const locale of routing.locales) {
  test(`the ${locale} open data page documents the API, reached from the footer, and axe finds nothing`, async ({
    page,
  }) => {
    await page.goto(`/${locale}`);
    await page
      .getByRole("contentinfo")
      .getByRole("link", { name: /data \(API\)/ })
      .click();
    await expect(page).toHaveURL(locale === "da" ? /\/da\/aabne-data$/ : /\/sv\/oppna-data$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/data \(API\)/);
    await expect(page.getByRole("link", { name: "CC BY 4.0" })).toHaveAttribute(
      "href",
      "https://creativecommons.org/licenses/by/4.0/",
    );
    await expect(page.locator('a[href="/api/v1/openapi.json"]')).toBeVisible();
    expect(await axe(page)).toEqual([]);
  });
}

const listings = {
  da: ["/da/cases", "/da/cases?country=SE", "/da/emner/offentlige-indkoeb", "/da/soeg?q=udbud"],
  sv: ["/sv/fall", "/sv/dokument?country=SE", "/sv/amnen/partnerskaber", "/sv/sok?q=sociala+f%C3%B6retag&lang=da"],
};

for (const javaScriptEnabled of [true, false]) {
  test(`every list announces and links its Atom feed, which RFC 4287's schema accepts (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
    request,
  }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    for (const path of [...listings.da, ...listings.sv]) {
      await page.goto(path);
      const announced = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
      await expect(announced, path).toHaveCount(1);
      const href = (await announced.getAttribute("href"))!;
      await expect(page.getByTestId("feed-link")).toHaveAttribute("href", href);
      const url = new URL(path, "http://x");
      for (const [name, value] of url.searchParams)
        expect(new URL(href, "http://x").searchParams.get(name)).toBe(value);
      const feed = await request.get(href);
      expect(feed.headers()["content-type"]).toContain("application/atom+xml");
      const xml = await feed.text();
      const result = validateAtom(xml);
      expect(result.ok, `${href}: ${result.output}`).toBe(true);
      if (path.includes("/soeg") || path.includes("/sok")) expect(xml).toContain("<entry");
      if (javaScriptEnabled) continue;
      // The feed lists what the page lists first, in the same order.
      if (!path.includes("/soeg") && !path.includes("/sok")) {
        const feedTitles = [...xml.matchAll(/<entry[^>]*>.*?<title type="text">([^<]*)<\/title>/g)].map((m) => m[1]);
        const pageTitles = await page.getByTestId("item-list").locator("h2 a, h3 a").allTextContents();
        expect(feedTitles.length, path).toBeGreaterThan(0);
        expect(pageTitles.slice(0, 3).map((s) => s.trim())).toEqual(
          feedTitles
            .slice(0, 3)
            .map((s) => s!.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&apos;", "'")),
        );
      }
    }
    // axe runs as a script in the page: only with JavaScript on.
    if (javaScriptEnabled) expect(await axe(page)).toEqual([]);
    await context.close();
  });
}

test("the per-language RSS feeds stay", async ({ request }) => {
  for (const locale of routing.locales) {
    const rss = await request.get(`/${locale}/rss.xml`);
    expect(rss.status()).toBe(200);
    expect(await rss.text()).toContain("<rss");
  }
});

test("the shipped nginx keeps the API's answers as long as their Cache-Control says, and never an error", async ({
  baseURL,
}) => {
  const dir = mkdtempSync(path.join(tmpdir(), "kb-api-nginx-"));
  const port = await freePort();
  const conf = proxyConfig(dir, port, Number(new URL(baseURL!).port), "scripts/deploy/nginx.conf");
  const check = spawnSync("nginx", ["-t", "-c", conf], { encoding: "utf8" });
  expect(check.status, check.stderr).toBe(0);
  const nginx = spawn("nginx", ["-c", conf], { stdio: "ignore" });
  try {
    const get = async (p: string) => {
      for (let i = 0; ; i++) {
        try {
          const r = await fetch(`http://127.0.0.1:${port}${p}`);
          await r.arrayBuffer();
          return { status: r.status, cache: r.headers.get("x-cache-status"), control: r.headers.get("cache-control") };
        } catch (error) {
          if (i > 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };
    const first = await get("/api/v1/topics");
    expect(first).toEqual({ status: 200, cache: "MISS", control: "public, max-age=3600, stale-while-revalidate=600" });
    expect(await get("/api/v1/topics")).toEqual({ ...first, cache: "HIT" });
    const list = await get("/api/v1/items?limit=3");
    expect(list.control).toBe("public, max-age=60, stale-while-revalidate=60");
    expect((await get("/api/v1/items?limit=3")).cache).toBe("HIT");
    const missing = await get("/api/v1/items/00000000-0000-4000-8000-000000000000");
    expect(missing).toMatchObject({ status: 404, control: "no-store" });
    expect((await get("/api/v1/items/00000000-0000-4000-8000-000000000000")).cache).not.toBe("HIT");
  } finally {
    nginx.kill("SIGQUIT");
    await new Promise((resolve) => nginx.once("exit", resolve));
    rmSync(dir, { recursive: true, force: true });
  }
});
