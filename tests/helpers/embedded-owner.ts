// A process that opens the embedded database the way the scripts do (argv: "share" or "script", then how many
// milliseconds to keep it open, 0 meaning until stdin closes), and reports on stdout as JSON lines.
import pg from "pg";
import { openDatabase } from "@/lib/database/runtime";

const say = (event: Record<string, unknown>) => console.log(JSON.stringify({ pid: process.pid, ...event }));

async function main() {
  const share = process.argv[2] === "share";
  const holdMs = Number(process.argv[3] ?? 0);
  const database = await openDatabase({ share, waitMs: 30_000 });
  const client = new pg.Client(database.url);
  await client.connect();
  await client.query("CREATE TABLE IF NOT EXISTS opened (pid int)");
  await client.query("INSERT INTO opened VALUES ($1)", [process.pid]);
  const { rows } = await client.query<{ pid: number }>("SELECT pid FROM opened ORDER BY pid");
  await client.end();
  say({ event: "open", url: database.url, seen: rows.map((row) => row.pid), at: Date.now() });
  if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
  else await new Promise((resolve) => process.stdin.on("close", resolve).resume());
  await database.close();
  say({ event: "closed", at: Date.now() });
}

main().catch((error: Error) => {
  say({ event: "error", name: error.constructor.name, message: error.message });
  process.exit(3);
});
