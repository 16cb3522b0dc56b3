// E-mail alerts for cron: `send` purges alerts left unconfirmed and queues the digests due (immediate, daily, weekly),
// under the same lease as the app servers' own timer, so any number of hosts and runs queue each digest once; the
// outbox sends them (the app's sender, or `npm run mail:send`). Run it every few minutes.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { withDatabase } from "./with-database";
import { runAlerts } from "@/lib/alerts/digest";

// The links in the mails are signed with FORM_SECRET: take the one `npm start` keeps when none is given
function loadFormSecret() {
  if (process.env.FORM_SECRET) return;
  const file = path.join(".data", "secrets.json");
  if (!existsSync(file)) return;
  const secrets = JSON.parse(readFileSync(file, "utf8")) as { FORM_SECRET?: string };
  if (secrets.FORM_SECRET) process.env.FORM_SECRET = secrets.FORM_SECRET;
}

async function main(command: string | undefined) {
  if (command !== "send") throw new Error("usage: tsx scripts/alerts.ts send");
  loadFormSecret();
  if (!process.env.FORM_SECRET) {
    throw new Error("FORM_SECRET is not set: the links in the mails would not open. Set it as on the app servers.");
  }
  await withDatabase(async (client) => {
    const result = await runAlerts(client);
    if (!result.ran) {
      console.log("Another run holds the alerts' lease: nothing to do here.");
      return;
    }
    console.log(
      `Alerts due ${result.due}: queued ${result.queued} mail(s), ${result.empty} with nothing new, ${result.skipped} done by another run; deleted ${result.purged} unconfirmed alert(s).`,
    );
  });
}

main(process.argv[2]).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
