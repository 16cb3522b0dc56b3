import { NextResponse, type NextRequest } from "next/server";
import createMiddleware from "next-intl/middleware";
import { routing } from "@/lib/i18n/routing";
import { filtersToQuery, filtersToSegment, parseFilters } from "@/lib/catalogue/filters";
import { adminGate } from "@/lib/auth/proxy-gate";

const intl = createMiddleware(routing);
const listing = /^\/(da|sv)\/(articles|cases|publications|projects|references)\/?$/;
const topicPage = /^\/(da|sv)\/topics\/([a-z0-9-]+)\/?$/;

// Locale routing by next-intl. A filtered listing (?topic=…&year=…) is rewritten to a route that carries its
// filters in the path, so that each filter set is a page of its own in the page cache.
export default function proxy(request: NextRequest) {
  const gate = adminGate(request); // convenience only: every admin page and action checks the session itself
  if (gate) return gate;
  const response = intl(request);
  if (response.headers.has("location")) return response;
  // next-intl rewrites localized paths to internal ones; where both are the same (/da/cases) it passes through.
  const url = new URL(response.headers.get("x-middleware-rewrite") ?? request.nextUrl.href);
  const match = url.pathname.match(listing) ?? url.pathname.match(topicPage);
  if (!match || !url.search) return response;
  const filters = parseFilters(url.searchParams);
  // Empty fields of the filter form, unknown parameters and another order all lead to the one canonical URL.
  const canonical = filtersToQuery(filters);
  if (request.nextUrl.search !== (canonical ? `?${canonical}` : "")) {
    const clean = request.nextUrl.clone();
    clean.search = canonical;
    return NextResponse.redirect(clean, 308);
  }
  const segment = filtersToSegment(filters);
  url.pathname = `${url.pathname.replace(/\/$/, "")}/filter/${segment || "all"}`;
  url.search = "";
  response.headers.set("x-middleware-rewrite", url.toString());
  return response;
}

export const config = {
  // Everything but API routes, Next's own files and files with an extension.
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
