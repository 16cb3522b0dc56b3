import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The server (scripts/server.ts, lib/http/encoding.ts) sends ETags and compresses, keeping a cached page's
  // compressed bytes instead of compressing it again for every request.
  compress: false,
  generateEtags: false,
  experimental: {
    // Pages rendered on request are cached in memory only: what they show depends on the database and on SITE_URL,
    // so a restart against another database or address must not serve pages kept on disk from before.
    isrFlushToDisk: false,
  },
  // The build must not need a database, so nothing is prerendered from it.
  typedRoutes: false,
  serverExternalPackages: ["pg", "@electric-sql/pglite", "@electric-sql/pglite-socket", "@node-rs/argon2"],
  // The server (scripts/server.ts) sets the security headers on every response and maps localized paths to their
  // routes (lib/i18n/route-rules.ts) before Next sees a request.
};

export default withNextIntl(nextConfig);
