// Bring a database up to date: apply migrations, then import content/.
import { applyMigrations } from "@/lib/database/migrations";
import { createPrismaClient } from "@/lib/database/client";
import { ContentError, loadCatalogue, type Problem } from "@/lib/content/load";
import { importCatalogue, type ImportReport } from "@/lib/content/import";

export function formatReport(report: ImportReport): string {
  return Object.entries(report)
    .map(
      ([kind, t]) =>
        `${kind}: ${t.created} created, ${t.updated} updated, ${t.deleted} deleted, ${t.unchanged} unchanged`,
    )
    .join("\n");
}

/**
 * What start-up did with content/: imported it, or found problems and kept the database as it was (the
 * import writes all or nothing). With problems and an empty database there is nothing to serve:
 * prepareDatabase throws the ContentError instead of returning.
 */
export type PrepareOutcome =
  { status: "imported"; report: ImportReport } | { status: "kept"; problems: Problem[]; items: number };

// Apply migrations and import the catalogue into the database at url
export async function prepareDatabase(url: string, log = console.log): Promise<PrepareOutcome> {
  const applied = await applyMigrations(url);
  log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
  const client = createPrismaClient(url, 2);
  try {
    try {
      const report = await importCatalogue(client, await loadCatalogue());
      log(`Imported content/:\n${formatReport(report)}`);
      return { status: "imported", report };
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      const items = await client.item.count();
      if (items === 0) throw error;
      log(
        `${error.message}\nNothing was imported: serving the database as it was (${items} items). ` +
          "Fix the files above and start again to import them.",
      );
      return { status: "kept", problems: error.problems, items };
    }
  } finally {
    await client.$disconnect();
  }
}
