// Database tasks: `migrate` applies pending migrations, `migrate:create <name>` writes the next
// migration from schema.prisma, `migrate:check` fails when the two disagree, `import` loads content/.
import { applyMigrations, createMigration, pendingSchemaChanges } from "@/lib/database/migrations";
import { formatReport, prepareDatabase } from "./prepare";
import { loadCatalogue, ContentError } from "@/lib/content/load";
import { importCatalogue } from "@/lib/content/import";
import { withDatabase } from "./with-database";

async function main(command: string | undefined, arg: string | undefined) {
  switch (command) {
    case "migrate:create": {
      if (!arg) throw new Error("usage: npm run db:migrate:create -- <name>");
      const folder = await createMigration(arg);
      console.log(
        folder ? `Wrote prisma/migrations/${folder}` : "schema.prisma and the migrations agree; nothing to write.",
      );
      return;
    }
    case "migrate:check": {
      const sql = await pendingSchemaChanges();
      if (sql.trim()) {
        console.error(`schema.prisma differs from prisma/migrations. Missing migration:\n${sql}`);
        process.exitCode = 1;
      } else console.log("schema.prisma and prisma/migrations agree.");
      return;
    }
    case "content:check": {
      const catalogue = await loadCatalogue();
      const counts = Object.entries(catalogue).flatMap(([kind, rows]) =>
        Array.isArray(rows) ? [`${rows.length} ${kind}`] : [],
      );
      console.log(`content/ is valid: ${counts.join(", ")}.`);
      return;
    }
    case "migrate":
    case "import":
    case "setup": {
      await withDatabase(async (client, url) => {
        if (command === "import") {
          console.log(formatReport(await importCatalogue(client, await loadCatalogue())));
        } else if (command === "migrate") {
          const applied = await applyMigrations(url);
          console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Nothing to apply.");
        } else if ((await prepareDatabase(url)).status === "kept") process.exitCode = 1;
      });
      return;
    }
    default:
      throw new Error(
        "usage: tsx scripts/db.ts migrate | migrate:create <name> | migrate:check | content:check | import | setup",
      );
  }
}

main(process.argv[2], process.argv[3]).catch((error) => {
  console.error(error instanceof ContentError ? error.message : error);
  process.exit(1);
});
