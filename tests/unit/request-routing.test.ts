import { describe, expect, test } from "vitest";
import {
  getRedirectUrl,
  getRewrittenUrl,
  unstable_doesMiddlewareMatch,
  unstable_getResponseFromNextConfig,
} from "next/experimental/testing/server";
import nextConfig from "@/next.config";
import { config } from "@/proxy";
import { filterNames } from "@/lib/catalogue/filters";
import { publicPath, resolveLocalizedPath } from "@/lib/i18n/route-rules";
import { routing } from "@/lib/i18n/routing";

const runs = (url: string) => unstable_doesMiddlewareMatch({ config, url: `http://localhost${url}` });

describe("the proxy runs only where it has work", () => {
  test("locale negotiation: paths without a locale, or with one in another case", () => {
    for (const path of ["/", "/artikler", "/en/x", "/DA/admin", "/danmark", "/svenska"])
      expect(runs(path), path).toBe(true);
  });

  test("the admin area in both locales", () => {
    for (const path of ["/da/admin", "/da/admin/items", "/sv/admin/items/new", "/da/admin/login"]) {
      expect(runs(path), path).toBe(true);
    }
  });

  test("every filter of a listing or topic page, and the filter form's marker", () => {
    for (const name of [...filterNames, "filter"]) {
      expect(runs(`/da/artikler?${name}=x`), name).toBe(true);
      expect(runs(`/sv/amnen/upphandling?${name}=x`), name).toBe(true);
    }
  });

  test("not for plain pages, Next's own files, files with an extension or unknown parameters", () => {
    for (const path of [
      "/da",
      "/sv",
      "/da/artikler",
      "/sv/fall/clean-car-service-goteborg",
      "/da/ordliste",
      "/sv/sok?q=upphandling",
      "/da/artikler?utm_source=x",
      "/_next/static/chunks/app.js",
      "/icon.svg",
      "/sitemap.xml",
      "/da/rss.xml",
      "/healthz",
      "/readyz",
    ]) {
      expect(runs(path), path).toBe(false);
    }
  });
});

describe("localized paths and their routes", () => {
  const concrete = (path: string) => path.replace("[slug]", "some-slug").replace(/\/$/, "");
  const spelling = (entry: string | Record<string, string>, locale: string) =>
    typeof entry === "string" ? entry : entry[locale]!;

  test("every page's own address reaches its route, and every other spelling is sent to the own address", () => {
    for (const [internal, entry] of Object.entries(routing.pathnames)) {
      for (const locale of routing.locales) {
        const own = `/${locale}${concrete(spelling(entry, locale))}`;
        const route = `/${locale}${concrete(internal)}`;
        expect(resolveLocalizedPath(own), own).toEqual(own === route ? null : { route });
        expect(publicPath(route), route).toBe(own);
        for (const other of [internal, ...routing.locales.map((l) => spelling(entry, l))]) {
          const path = `/${locale}${concrete(other)}`;
          if (path !== own) expect(resolveLocalizedPath(path), path).toEqual({ redirect: own });
        }
      }
    }
    expect(resolveLocalizedPath("/da/artikler/x")).toEqual({ route: "/da/articles/x" });
    expect(resolveLocalizedPath("/sv/artikler/x")).toEqual({ redirect: "/sv/artiklar/x" });
    expect(resolveLocalizedPath("/sv/kontakt/kvittering")).toEqual({ redirect: "/sv/kontakt/kvitto" });
    expect(publicPath("/sv/topics/upphandling")).toBe("/sv/amnen/upphandling");
  });

  test("anything else is left as it is", () => {
    for (const path of [
      "/",
      "/da",
      "/da/",
      "/da/artikler/",
      "/da/Artikler",
      "/sv/fall/x/y",
      "/da/artikler/x/filter/y",
      "/da/admin/items",
      "/da/status/404",
      "/en/artikler",
      "/_next/static/x.js",
    ]) {
      expect(resolveLocalizedPath(path), path).toBeNull();
    }
    expect(publicPath("/da/admin")).toBe("/da/admin");
  });
});

describe("Next applies the same rules from next.config.ts", () => {
  const concrete = (path: string) => path.replace("[slug]", "some-slug").replace(/\/$/, "");
  const spelling = (entry: string | Record<string, string>, locale: string) =>
    typeof entry === "string" ? entry : entry[locale]!;
  const answer = (path: string) => unstable_getResponseFromNextConfig({ url: `http://localhost${path}`, nextConfig });

  test("every page's own address is served by its route; every other spelling redirects there, query kept", async () => {
    for (const [internal, entry] of Object.entries(routing.pathnames)) {
      for (const locale of routing.locales) {
        const own = `/${locale}${concrete(spelling(entry, locale))}`;
        const route = `/${locale}${concrete(internal)}`;
        const response = await answer(own);
        expect(getRedirectUrl(response), own).toBeNull();
        expect(getRewrittenUrl(response), own).toBe(own === route ? null : `http://localhost${route}`);
        for (const other of [internal, ...routing.locales.map((l) => spelling(entry, l))]) {
          const path = `/${locale}${concrete(other)}`;
          if (path === own) continue;
          const redirected = await answer(`${path}?q=1`);
          expect(redirected.status, path).toBe(307);
          expect(getRedirectUrl(redirected), path).toBe(`http://localhost${own}?q=1`);
        }
      }
    }
  });

  test("security headers on every answer; the public CSP everywhere but the admin, which sets its own", async () => {
    for (const path of [
      "/da",
      "/sv/fall/x",
      "/da/articles",
      "/files/a.pdf",
      "/healthz",
      "/da/admin",
      "/sv/admin/items",
    ]) {
      const response = await answer(path);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
      const csp = response.headers.get("content-security-policy");
      if (/\/admin(\/|$)/.test(path)) expect(csp, path).toBeNull();
      else expect(csp, path).toContain("base-uri 'none'");
    }
    expect((await answer("/readyz")).headers.get("cache-control")).toBe("no-store");
  });
});
