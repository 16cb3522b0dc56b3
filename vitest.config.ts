import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // lib/ modules marked server-only are plain Node code under test.
      "server-only": path.resolve(import.meta.dirname, "tests/helpers/empty.ts"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/int/**/*.test.ts"],
    // Two files at a time: each has its own embedded database, and each worker its own database on DATABASE_URL's server
    // (tests/helpers/worker-database.ts).
    fileParallelism: true,
    maxWorkers: 2,
    setupFiles: ["tests/helpers/worker-database.ts"],
    // next-intl's ESM imports "next/navigation" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-intl"] } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
