import { expect, test } from "@playwright/test";

// Every same-origin address the public site links to answers: pages, files, feeds and the sitemap. Links found on
// a page with a query string (a filter, a search, a page number) are checked but not followed further, so that the
// combinations of filters do not multiply without end.
test("no same-origin link, file or feed of the public site answers 4xx or 5xx", async ({ request, baseURL }) => {
  test.setTimeout(600_000);
  const origin = new URL(baseURL!).origin;
  const queue: { url: string; from: string }[] = [
    "/",
    "/da",
    "/sv",
    "/sitemap.xml",
    "/robots.txt",
    "/da/rss.xml",
    "/sv/rss.xml",
  ].map((path) => ({ url: origin + path, from: "(start)" }));
  const seen = new Set(queue.map((q) => q.url));
  const failures: string[] = [];
  let checked = 0;

  const enqueue = (raw: string, from: string) => {
    let url: URL;
    try {
      url = new URL(raw.replace(/&amp;/g, "&"), from);
    } catch {
      return;
    }
    if (url.origin !== origin) return;
    if (/^\/(?:(?:da|sv)\/)?admin(?:\/|$)|^\/api\/admin/.test(url.pathname)) return;
    url.hash = "";
    const href = url.toString();
    if (!seen.has(href)) {
      seen.add(href);
      queue.push({ url: href, from });
    }
  };

  while (queue.length) {
    const { url, from } = queue.shift()!;
    const response = await request.get(url, { maxRedirects: 5 });
    checked++;
    if (response.status() >= 400) {
      failures.push(`${response.status()} ${url} (linked from ${from})`);
      continue;
    }
    const type = response.headers()["content-type"] ?? "";
    if (new URL(url).search || !/html|xml|text\/plain/.test(type)) continue;
    const body = await response.text();
    if (type.includes("html"))
      for (const m of body.matchAll(/<(?:a|link)\b[^>]*?\bhref="([^"]+)"/g))
        if (!/^(mailto|tel|javascript):/.test(m[1]!)) enqueue(m[1]!, url);
    if (type.includes("xml"))
      for (const m of body.matchAll(/<(?:loc|link)>([^<]+)<\/(?:loc|link)>/g)) enqueue(m[1]!.trim(), url);
    if (type.includes("text/plain")) for (const m of body.matchAll(/^Sitemap:\s*(\S+)/gm)) enqueue(m[1]!, url);
  }

  expect(failures).toEqual([]);
  // The crawl reached the catalogue: both locales' item pages, not just the start pages.
  expect(checked).toBeGreaterThan(200);
  expect([...seen].some((u) => u.includes("/da/publikationer/erfaringsopsamling-pulje"))).toBe(true);
});
