// `npm run content:export`: writes the catalogue in the database back to content/ (or CONTENT_DIR).
import path from "node:path";
import { openDatabase } from "@/lib/database/runtime";
import { createPrismaClient } from "@/lib/database/client";
import { exportCatalogue } from "@/lib/content/export";

async function main() {
  const database = await openDatabase({ share: false });
  const client = createPrismaClient(database.url, 2);
  try {
    const dir = path.resolve(process.env.CONTENT_DIR ?? "content");
    const report = await exportCatalogue(client, dir);
    console.log(
      `Exported to ${dir}: ${report.written.length} written, ${report.removed.length} removed, ${report.unchanged} unchanged.`,
    );
    for (const file of report.written) console.log(`  wrote ${file}`);
    for (const file of report.removed) console.log(`  removed ${file}`);
    for (const file of report.kept) console.log(`  kept ${file} (not in this database; left as it is)`);
  } finally {
    await client.$disconnect();
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
