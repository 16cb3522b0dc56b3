// Review tasks for cron: `digest` queues this week's review digest for every owner with items due or overdue. Run it
// as often as you like (daily, say): each owner gets one digest per ISO week, however many runs and hosts there are;
// the outbox sends it (the app's sender, or `npm run mail:send`).
import { withDatabase } from "./with-database";
import { queueReviewDigests } from "@/lib/review/reviews";

async function main(command: string | undefined) {
  if (command !== "digest") throw new Error("usage: tsx scripts/review.ts digest");
  await withDatabase(async (client) => {
    const report = await queueReviewDigests(client);
    console.log(
      `Week ${report.week}: ${report.owners} owner(s) with items to review; queued ${report.queued} digest(s), ${report.alreadySent} already queued this week.`,
    );
  });
}

main(process.argv[2]).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
