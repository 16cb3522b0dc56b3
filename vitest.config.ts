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
    // Integration files share databases; run files one after another.
    fileParallelism: false,
    // next-intl's ESM imports "next/navigation" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-intl"] } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
