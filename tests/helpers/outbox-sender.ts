// A sender process for the outbox fault tests: sends the outbox of DATABASE_URL through SMTP_URL
// (with the MAIL_* settings of its environment) again and again until nothing is left to send or
// SENDER_SECONDS have passed, then prints its totals as one JSON line.
// Run with: tsx --conditions=react-server tests/helpers/outbox-sender.ts
import { createPrismaClient } from "@/lib/database/client";
import { outboxSettings, sendDueMail, transportFromEnv, type SendReport } from "@/lib/contact/outbox";

async function main() {
  const url = process.env.DATABASE_URL;
  const transport = transportFromEnv();
  if (!url || !transport) throw new Error("DATABASE_URL and SMTP_URL are needed");
  const settings = outboxSettings();
  const client = createPrismaClient(url, 2);
  const until = Date.now() + Number(process.env.SENDER_SECONDS ?? 60) * 1000;
  const total: SendReport & { runs: number; errors: number } = {
    sent: 0,
    failed: 0,
    givenUp: 0,
    lostLease: 0,
    runs: 0,
    errors: 0,
  };
  const started = Date.now();
  // The first query of a process prepares the client; do that before any lease is taken.
  await client.mailOutbox.count();
  console.error(`ready after ${Date.now() - started} ms`);
  try {
    while (Date.now() < until) {
      try {
        const report = await sendDueMail(client, transport, { settings });
        total.runs++;
        for (const key of ["sent", "failed", "givenUp", "lostLease"] as const) total[key] += report[key];
        const left = await client.mailOutbox.count({ where: { sentAt: null, failedAt: null } });
        if (left === 0) break;
      } catch (error) {
        total.errors++;
        console.error(error instanceof Error ? error.message : error);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.$disconnect();
  }
  console.error(`done after ${Date.now() - started} ms`);
  console.log(JSON.stringify({ pid: process.pid, ...total }));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
