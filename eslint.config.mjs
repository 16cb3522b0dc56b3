import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Import boundaries. Each group of files gets the whole list that applies to it, because a later
// "no-restricted-imports" replaces an earlier one rather than adding to it.
// Only Next's documented interfaces: its private modules change without notice between versions.
const nextPrivate = {
  group: ["next/dist/*", "next/dist"],
  message: "Private Next.js module: use a documented interface.",
};
// The Prisma client and its generated types stay inside lib/ (and the scripts and tests that drive lib/).
const prismaClient = {
  group: ["@prisma/client", "@prisma/client/*", "@/lib/generated/*", "**/lib/generated/*"],
  message: "The Prisma client is used inside lib/ only: call a lib/ function, and take types from lib/ modules.",
};
// Pages, route handlers and components never hold the database client: lib/data/ obtains it for them.
const databaseClient = {
  group: ["@/lib/db", "@/lib/database/*", "**/lib/db", "**/lib/database/*"],
  message: "Pages and components do not hold the database client: call an entry point of lib/data/.",
};
// components/ui/ holds primitives: no data, no messages.
const uiPrimitive = {
  group: ["@/lib/*", "**/lib/*", "next-intl", "next-intl/*", "use-intl", "use-intl/*"],
  message: "components/ui/ takes no data and no messages: pass what it shows in as props.",
};
const restrict = (...patterns) => ["error", { patterns }];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Public pages are cached HTML linked with plain anchors (components/site/link.tsx): a full page load is as fast
    // as a client-side one here, and the client router's link code would not have to ship.
    rules: {
      "@next/next/no-html-link-for-pages": "off",
      "no-restricted-imports": restrict(nextPrivate, prismaClient, databaseClient),
    },
  },
  {
    files: ["lib/**", "scripts/**", "tests/**", "prisma/**", "prisma.config.ts"],
    rules: { "no-restricted-imports": restrict(nextPrivate) },
  },
  {
    files: ["components/ui/**"],
    rules: { "no-restricted-imports": restrict(nextPrivate, prismaClient, databaseClient, uiPrimitive) },
  },
  globalIgnores([
    ".next/**",
    "lib/generated/**",
    "next-env.d.ts",
    ".data/**",
    ".bench/**",
    "dist/**",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
