import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { securityHeaders } from "./lib/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The build must not need a database, so nothing is prerendered from it.
  typedRoutes: false,
  serverExternalPackages: ["pg", "@electric-sql/pglite", "@electric-sql/pglite-socket", "@node-rs/argon2"],
  // Security headers on every response (lib/security-headers.ts; the proxy adds them to its own redirects).
  headers: async () => [{ source: "/:path*", headers: securityHeaders() }],
};

export default withNextIntl(nextConfig);
