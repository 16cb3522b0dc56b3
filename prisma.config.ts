import { defineConfig } from "prisma/config";

// DATABASE_URL is optional here: `prisma generate` needs none, and scripts/db.ts applies migrations itself.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/unused" },
});
