// Localized paths and their routes: /da/artikler/x is served by the route /da/articles/x, and another spelling of the
// same page (/da/articles/x, or the Swedish /sv/artikler/x) is redirected to the reader's spelling, as next-intl's
// middleware would do. Next applies them as rewrites and redirects from next.config.ts, so the proxy (proxy.ts) runs
// only where it has work; resolveLocalizedPath answers the same question in code (the proxy, tests). Only the last
// segment of a path may be a parameter ([slug]).
// Relative imports only: next.config.ts loads this file, and its loader does not resolve the "@/" alias.
import { filtersFromSegment, filtersToQuery, parseFilters } from "../catalogue/filters.ts";
import { routing, type Locale } from "./routing.ts";

type Target = { internal: string; own: string };

function localized(entry: string | Record<Locale, string>, locale: Locale): string {
  return typeof entry === "string" ? entry : entry[locale];
}

// "/artikler/[slug]" → "/artikler/*"
const shape = (path: string) => path.replace(/\[\w+\]$/, "*");

const routes = new Map<string, Target>(); // "da/artikler/*" → the route and the page's own spelling
const spellings = new Map<string, Target>(); // "sv/artikler/*" → the same page in the locale's own spelling
const publicPaths = new Map<string, string>(); // "da/articles/*" → "/artikler/*"

for (const [internal, entry] of Object.entries(routing.pathnames)) {
  for (const locale of routing.locales) {
    const own = localized(entry, locale);
    routes.set(`${locale}${shape(own)}`, { internal, own });
    publicPaths.set(`${locale}${shape(internal)}`, own);
    for (const spelling of [internal, ...routing.locales.map((l) => localized(entry, l))]) {
      if (spelling !== own) spellings.set(`${locale}${shape(spelling)}`, { internal, own });
    }
  }
}

const fill = (pattern: string, last: string | null) => (last === null ? pattern : pattern.replace(/\[\w+\]$/, last));

// Look a locale-prefixed path up by its exact segments, then with its last segment as the parameter
function lookup(
  map: Map<string, Target>,
  locale: string,
  rest: string,
): { target: Target; last: string | null } | null {
  const exact = map.get(`${locale}${rest}`);
  if (exact && !exact.own.includes("[")) return { target: exact, last: null };
  const cut = rest.lastIndexOf("/");
  if (cut <= 0) return null;
  const last = rest.slice(cut + 1);
  const dynamic = last ? map.get(`${locale}${rest.slice(0, cut)}/*`) : undefined;
  return dynamic ? { target: dynamic, last } : null;
}

export type Resolved = { route: string } | { redirect: string } | null;

// A request path (no query) → the route that serves it, a redirect to the locale's own spelling, or null (as is)
export function resolveLocalizedPath(pathname: string): Resolved {
  const filtered = filterPathRedirect(pathname);
  if (filtered) return { redirect: filtered };
  const match = /^\/(da|sv)(\/.*[^/])$/.exec(pathname);
  if (!match) return null;
  const [, locale, rest] = match as unknown as [string, Locale, string];
  const found = lookup(routes, locale, rest);
  if (found) {
    const route = `/${locale}${fill(found.target.internal, found.last)}`.replace(/\/$/, "");
    return route === pathname ? null : { route };
  }
  const other = lookup(spellings, locale, rest);
  return other ? { redirect: `/${locale}${fill(other.target.own, other.last)}`.replace(/\/$/, "") } : null;
}

// A route's path (/da/topics/x) → the address readers use (/da/emner/x); other paths as they are
export function publicPath(pathname: string): string {
  const match = /^\/(da|sv)(\/.*)$/.exec(pathname);
  if (!match) return pathname;
  const [, locale, rest] = match as unknown as [string, Locale, string];
  const exact = publicPaths.get(`${locale}${rest}`);
  if (exact && !exact.includes("[")) return `/${locale}${exact}`;
  const cut = rest.lastIndexOf("/");
  const pattern = cut > 0 ? publicPaths.get(`${locale}${rest.slice(0, cut)}/*`) : undefined;
  return pattern ? `/${locale}${fill(pattern, rest.slice(cut + 1))}` : pathname;
}

type Rule = { source: string; destination: string };

// "/artikler/[slug]" → "/artikler/:slug"
const param = (path: string) => path.replace(/\[(\w+)\]$/, ":$1");

// Rewrites for next.config.ts: each locale's own spelling of a page → its route
export function localizedRewrites(): Rule[] {
  const rules: Rule[] = [];
  for (const [internal, entry] of Object.entries(routing.pathnames)) {
    for (const locale of routing.locales) {
      const own = localized(entry, locale);
      if (own !== internal)
        rules.push({ source: `/${locale}${param(own)}`, destination: `/${locale}${param(internal)}` });
    }
  }
  return rules;
}

// Redirects for next.config.ts: every other spelling of a page (the route's, the other locale's) → the locale's own.
// Temporary, like next-intl's: the spellings may change.
export function localizedRedirects(): (Rule & { permanent: false })[] {
  const rules = new Map<string, Rule & { permanent: false }>();
  for (const [internal, entry] of Object.entries(routing.pathnames)) {
    for (const locale of routing.locales) {
      const own = localized(entry, locale);
      for (const spelling of [internal, ...routing.locales.map((l) => localized(entry, l))]) {
        if (spelling === own) continue;
        const source = `/${locale}${param(spelling)}`;
        // A spelling that is another page's own address (none today) is left to that page.
        if (routes.has(`${locale}${shape(spelling)}`)) continue;
        rules.set(source, { source, destination: `/${locale}${param(own)}`, permanent: false });
      }
    }
  }
  return [...rules.values()];
}

// The route of a filtered listing, as proxy.ts rewrites to it: /da/articles/filter/topic=x;year=2020
const filterRoute =
  /^\/(da|sv)\/((?:articles|cases|publications|projects|references)|topics\/[a-z0-9-]+)\/filter\/([^/]*)$/;

// A filtered listing's route requested with a segment proxy.ts would not write (another order, unknown or malformed
// filters, bad percent-encoding) → the listing's public address with the filters that could be read, so that made-up
// segments never become pages of their own; null for any other path
export function filterPathRedirect(pathname: string): string | null {
  const match = filterRoute.exec(pathname);
  if (!match) return null;
  const [, locale, route, segment] = match as unknown as [string, Locale, string, string];
  if (filtersFromSegment(segment)) return null;
  let text = "";
  try {
    text = decodeURIComponent(segment);
  } catch {
    // Nothing readable: the listing without filters.
  }
  const query = filtersToQuery(parseFilters(new URLSearchParams(text.replaceAll(";", "&"))));
  return publicPath(`/${locale}/${route}`) + (query ? `?${query}` : "");
}
