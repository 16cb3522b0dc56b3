// Bring a database up to date: apply migrations, then import content/.
import { applyMigrations } from "./migrations";
import { createPrismaClient } from "./client";
import { loadCatalogue } from "@/lib/content/load";
import { importCatalogue, type ImportReport } from "@/lib/content/import";

export function formatReport(report: ImportReport): string {
  return Object.entries(report)
    .map(([kind, t]) => `${kind}: ${t.created} created, ${t.updated} updated, ${t.unchanged} unchanged`)
    .join("\n");
}

// Apply migrations and import the catalogue into the database at url
export async function prepareDatabase(url: string, log = console.log) {
  const applied = await applyMigrations(url);
  log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
  const catalogue = await loadCatalogue();
  const client = createPrismaClient(url, 2);
  try {
    log(`Imported content/:\n${formatReport(await importCatalogue(client, catalogue))}`);
  } finally {
    await client.$disconnect();
  }
}
