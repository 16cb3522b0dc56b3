// Compiles the command-line tools a production host needs (migrations, content import, staff accounts, the outbox,
// backups, the link checker, reading PDFs' text, the e-mail alerts) into dist/tools/*.mjs, so that they run on plain
// Node with only the production dependencies installed.
import { build } from "esbuild";

await build({
  entryPoints: {
    db: "scripts/db.ts",
    contact: "scripts/contact.ts",
    admin: "scripts/admin.ts",
    backup: "scripts/backup.ts",
    links: "scripts/links.ts",
    "pdf-text": "scripts/pdf-text.ts",
    review: "scripts/review.ts",
    alerts: "scripts/alerts.ts",
  },
  outdir: "dist/tools",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  // npm packages stay in node_modules; the project's own code (lib/, the generated Prisma client) is bundled.
  packages: "external",
  logLevel: "warning",
  banner: {
    js: "import { createRequire as kbCreateRequire } from 'node:module'; const require = kbCreateRequire(import.meta.url);",
  },
  plugins: [
    {
      // lib/ modules guard against being bundled for the browser; the tools are server code.
      name: "server-only",
      setup(b) {
        b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
        b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
      },
    },
  ],
});
