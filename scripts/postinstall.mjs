// After `npm install`: generate the Prisma client (lib/generated/prisma). A production host that installs only the
// production dependencies has no Prisma CLI and needs no client: the build and dist/tools carry it compiled.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (existsSync("node_modules/.bin/prisma")) {
  const result = spawnSync("node_modules/.bin/prisma", ["generate"], {
    stdio: "inherit",
    // Prisma's native schema engine cannot be downloaded everywhere; generating the client does not need it.
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false" },
  });
  process.exit(result.status ?? 1);
}
