import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Public pages are cached HTML linked with plain anchors (components/site/link.tsx): a full page load is as fast
    // as a client-side one here, and the client router's link code would not have to ship.
    rules: {
      "@next/next/no-html-link-for-pages": "off",
      // Only Next's documented interfaces: its private modules change without notice between versions.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next/dist/*", "next/dist"], message: "Private Next.js module: use a documented interface." },
          ],
        },
      ],
    },
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
