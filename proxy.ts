import type { NextRequest } from "next/server";
import createMiddleware from "next-intl/middleware";
import { routing } from "@/lib/i18n/routing";
import { filtersToSegment, parseFilters } from "@/lib/catalogue/filters";

const intl = createMiddleware(routing);
const listing = /^\/(da|sv)\/(articles|cases|publications|projects|references)\/?$/;
const topicPage = /^\/(da|sv)\/topics\/([a-z0-9-]+)\/?$/;

// Locale routing by next-intl. A filtered listing (?topic=…&year=…) is rewritten to a route that carries its
// filters in the path, so that each filter set is a page of its own in the page cache.
export default function proxy(request: NextRequest) {
  const response = intl(request);
  const target = response.headers.get("x-middleware-rewrite");
  if (!target) return response;
  const url = new URL(target);
  const match = url.pathname.match(listing) ?? url.pathname.match(topicPage);
  if (!match || !url.search) return response;
  const segment = filtersToSegment(parseFilters(url.searchParams));
  url.pathname = `${url.pathname.replace(/\/$/, "")}/filter/${segment || "all"}`;
  url.search = "";
  response.headers.set("x-middleware-rewrite", url.toString());
  return response;
}

export const config = {
  // Everything but API routes, Next's own files and files with an extension.
  matcher: "/((?!api|_next|_vercel|.*\\..*).*)",
};
