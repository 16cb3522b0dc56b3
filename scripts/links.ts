// The link checker from cron: `links:check` checks the due links once (`--all`: every link in use, due or not),
// unless another process is checking them at the moment. It runs only when LINK_CHECK_ENABLED turns it on.
import { withDatabase } from "./with-database";
import { runLinkCheck } from "@/lib/links/runner";
import { linkCheckSettings } from "@/lib/links/settings";

async function main(args: string[]) {
  const [command, ...flags] = args;
  const unknown = flags.filter((f) => f !== "--all");
  if (command !== "check" || unknown.length) throw new Error("usage: tsx scripts/links.ts check [--all]");
  const settings = linkCheckSettings();
  if (!settings.enabled) {
    console.error("Link checks are off: set LINK_CHECK_ENABLED=true to check links (docs/settings.md).");
    process.exitCode = 1;
    return;
  }
  await withDatabase(async (client) => {
    const result = await runLinkCheck(client, { settings, all: flags.includes("--all") });
    if (!result.ran) {
      console.log("Another process is checking links now; nothing done.");
      return;
    }
    console.log(
      `Read the links of ${result.itemsRead} changed item(s); checked ${result.checked} address(es) in ${Math.round(result.durationMs / 1000)} s: ` +
        `${result.ok} ok, ${result.moved} moved, ${result.failing} failing, ${result.broken} broken` +
        (result.stoppedEarly ? " (stopped early)." : "."),
    );
  });
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
