// `npm run content:export`: writes the catalogue in the database back to content/ (or CONTENT_DIR).
import path from "node:path";
import { setting } from "@/lib/env";
import { exportCatalogue } from "@/lib/content/export";
import { withDatabase } from "./with-database";

async function main() {
  await withDatabase(async (client) => {
    const dir = path.resolve(setting("CONTENT_DIR"));
    const report = await exportCatalogue(client, dir);
    console.log(
      `Exported to ${dir}: ${report.written.length} written, ${report.removed.length} removed, ${report.unchanged} unchanged.`,
    );
    for (const file of report.written) console.log(`  wrote ${file}`);
    for (const file of report.removed) console.log(`  removed ${file}`);
    for (const file of report.kept) console.log(`  kept ${file} (not in this database; left as it is)`);
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
