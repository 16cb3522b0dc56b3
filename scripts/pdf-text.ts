// Reading PDF attachments' text for search from the command line: `pdf:extract` reads every attachment still
// pending (as the app servers do in the background), `--all` queues every attachment to be read again first (after
// a change to the extraction). Runs under the same lease as the app servers, so it never runs beside them.
import { withDatabase } from "./with-database";
import { runPdfText } from "@/lib/pdf-text/runner";
import { queueExtraction } from "@/lib/pdf-text/store";

async function main(args: string[]) {
  const [command, ...flags] = args;
  const unknown = flags.filter((f) => f !== "--all");
  if (command !== "extract" || unknown.length) throw new Error("usage: tsx scripts/pdf-text.ts extract [--all]");
  await withDatabase(async (client) => {
    if (flags.includes("--all")) console.log(`Queued ${await queueExtraction(client, "all")} attachment(s).`);
    const result = await runPdfText(client);
    if (!result.ran) {
      console.log("Another process is reading PDFs now; it reads what is queued.");
      return;
    }
    console.log(
      `Read ${result.read} PDF(s) in ${Math.round(result.durationMs / 1000)} s: ${result.done} searchable, ` +
        `${result.failed} failed` +
        (result.stoppedEarly ? " (stopped early)." : "."),
    );
  });
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
