// `npm run backup -- <file>` writes the whole database, uploaded files included, to one file;
// `npm run restore -- <file>` loads such a file into an empty database; `npm run files:import-dir`
// moves the files of the old upload folder (FILE_STORE_DIR) into the database (see docs/admin.md, "Files").
import path from "node:path";
import { openDatabase } from "@/lib/database/runtime";
import { backupDatabase, restoreDatabase } from "@/lib/database/backup";
import { fileStoreDir, importFileFolder } from "@/lib/file-store";
import { withDatabase } from "./with-database";

async function importDir() {
  await withDatabase(
    async (client) => {
      const report = await importFileFolder(client, fileStoreDir());
      console.log(
        `${fileStoreDir()}: stored ${report.stored.length}, already in the database ${report.present.length}` +
          (report.skipped.length ? `, skipped ${report.skipped.join(", ")}` : "") +
          ". Once every file is in the database, the folder can be deleted.",
      );
    },
    { share: true },
  );
}

async function main(command: string | undefined, file: string | undefined) {
  if (command === "files:import-dir") return importDir();
  if (!file || (command !== "backup" && command !== "restore"))
    throw new Error("usage: npm run backup -- <file> | npm run restore -- <file>");
  const database = await openDatabase();
  try {
    const target = path.resolve(file);
    const counts =
      command === "backup" ? await backupDatabase(database.url, target) : await restoreDatabase(database.url, target);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `${command === "backup" ? "Wrote" : "Restored"} ${rows} rows of ${Object.keys(counts).length} tables (${counts.FileChunk ?? 0} file chunks) ${command === "backup" ? "to" : "from"} ${target}.`,
    );
  } finally {
    await database.close();
  }
}

main(process.argv[2], process.argv[3]).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
