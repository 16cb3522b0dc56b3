import path from "node:path";
import type { NextConfig } from "next";
import { PHASE_PRODUCTION_SERVER } from "next/constants.js";
import { localizedRedirects, localizedRewrites } from "./lib/i18n/route-rules.ts";
import { commonSecurityHeaders, publicCsp } from "./lib/security-headers.ts";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Rendered pages and data reads are kept in memory by the site's own handler, which drops them in every app process
  // when their tags change anywhere (lib/cache/handler.mjs); Next's own memory cache is off so nothing is kept twice.
  cacheHandler: path.resolve("lib/cache/handler.mjs"),
  cacheMaxMemorySize: 0,
  // The build must not need a database, so nothing is prerendered from it.
  typedRoutes: false,
  serverExternalPackages: ["pg", "pino", "@electric-sql/pglite", "@electric-sql/pglite-socket", "@node-rs/argon2"],
  // /readyz compares the applied migrations with the folder.
  outputFileTracingIncludes: { "/readyz": ["./prisma/migrations/**/*"] },
  // Readers' localized paths (/da/artikler/x) are served by the routes (/da/articles/x); another spelling of a page
  // redirects to the locale's own (lib/i18n/route-rules.ts).
  async rewrites() {
    return { beforeFiles: localizedRewrites(), afterFiles: [], fallback: [] };
  },
  async redirects() {
    return localizedRedirects();
  },
  // Security headers on every response; the admin area's CSP carries a per-request nonce instead (proxy.ts).
  async headers() {
    return [
      { source: "/:path*", headers: commonSecurityHeaders() },
      { source: "/((?!(?:da|sv)/admin(?:/|$)).*)", headers: [{ key: "Content-Security-Policy", value: publicCsp() }] },
      // Probes, never cached by anyone.
      { source: "/(healthz|readyz)", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

// next-intl's plugin shapes the build (module aliases for its request config) and loads a compiler to do so; the
// production server needs none of it, so `next start` gets the plain config and never loads the plugin.
export default async function config(phase: string): Promise<NextConfig> {
  if (phase === PHASE_PRODUCTION_SERVER) return nextConfig;
  const { default: createNextIntlPlugin } = await import("next-intl/plugin");
  return createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
}
