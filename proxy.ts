import { NextResponse, type NextRequest } from "next/server";
import createMiddleware from "next-intl/middleware";
import { routing } from "@/lib/i18n/routing";
import { filtersToQuery, filtersToSegment, parseFilters } from "@/lib/catalogue/filters";
import { adminGate } from "@/lib/auth/proxy-gate";
import { publicPath, resolveLocalizedPath } from "@/lib/i18n/route-rules";
import { adminCsp } from "@/lib/security-headers";

const intl = createMiddleware(routing);
// Route paths: the proxy sees the readers' localized paths and maps them (lib/i18n/route-rules.ts).
const listing = /^\/(da|sv)\/(articles|cases|publications|projects|references)$/;
const topicPage = /^\/(da|sv)\/topics\/([a-z0-9-]+)$/;
const localized = /^\/(da|sv)(\/|$)/;
const adminArea = /^\/(da|sv)\/admin(\/|$)/;

// Admin pages are rendered per request, so their scripts can carry a fresh nonce: Next reads it from the request's
// Content-Security-Policy header and puts it on every script it writes.
const newNonce = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));

function withAdminCsp(request: NextRequest): NextResponse {
  const csp = adminCsp(newNonce());
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

// Locale negotiation by next-intl where the path has no locale. A filtered listing (?topic=…&year=…) is rewritten
// to a route that carries its filters in the path, so that each filter set is a page of its own in the page cache.
export default function proxy(request: NextRequest) {
  const gate = adminGate(request); // convenience only: every admin page and action checks the session itself
  if (gate) {
    // Answers from the admin area carry its policy, redirects too (next.config.ts gives the admin none).
    gate.headers.set("Content-Security-Policy", adminCsp(newNonce()));
    return gate;
  }
  const { pathname: path, search, searchParams } = request.nextUrl;
  if (!localized.test(path)) return intl(request);
  if (adminArea.test(path)) return withAdminCsp(request);
  const resolved = resolveLocalizedPath(path);
  const pathname = resolved && "route" in resolved ? resolved.route : path;
  if (!search || !(listing.test(pathname) || topicPage.test(pathname))) return NextResponse.next();
  const filters = parseFilters(searchParams);
  // Empty fields of the filter form, unknown parameters and another order all lead to the one canonical URL.
  const canonical = filtersToQuery(filters);
  if (search !== (canonical ? `?${canonical}` : "")) {
    const clean = new URL(publicPath(pathname), request.url);
    clean.search = canonical;
    return NextResponse.redirect(clean, 308);
  }
  const url = request.nextUrl.clone();
  url.pathname = `${pathname}/filter/${filtersToSegment(filters) || "all"}`;
  url.search = "";
  return NextResponse.rewrite(url);
}

// The proxy runs only where it has work. Matchers must be literal; tests/unit/request-routing.test.ts keeps them in
// step with the locales and the filter names.
export const config = {
  matcher: [
    // No locale (or another case of one) in the path: locale negotiation. Not API routes, probes, Next's own files or
    // files.
    "/((?!da(?:/|$)|sv(?:/|$)|api|healthz|readyz|_next|_vercel|.*\\..*).*)",
    // The admin area: to the login page without a session cookie.
    "/(da|sv)/admin/:path*",
    // Listings and topic pages with filters in the query (and the filter form's marker).
    { source: "/(da|sv)/:path+", has: [{ type: "query", key: "topic" }] },
    { source: "/(da|sv)/:path+", has: [{ type: "query", key: "country" }] },
    { source: "/(da|sv)/:path+", has: [{ type: "query", key: "municipality" }] },
    { source: "/(da|sv)/:path+", has: [{ type: "query", key: "year" }] },
    { source: "/(da|sv)/:path+", has: [{ type: "query", key: "lang" }] },
    { source: "/(da|sv)/:path+", has: [{ type: "query", key: "page" }] },
    { source: "/(da|sv)/:path+", has: [{ type: "query", key: "filter" }] },
  ],
};
