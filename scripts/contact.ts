// Contact tasks that can run from cron: `mail:send` sends the outbox once, `mail:pending` prints the
// e-mails not yet sent, `purge` deletes questions older than the retention period.
import { withDatabase } from "./with-database";
import { listPendingMail, sendDueMail, transportFromEnv } from "@/lib/contact/outbox";
import { purgeExpired, retentionDays } from "@/lib/contact/retention";

async function main(command: string | undefined) {
  if (!["mail:send", "mail:pending", "purge"].includes(command ?? "")) {
    throw new Error("usage: tsx scripts/contact.ts mail:send | mail:pending | purge");
  }
  await withDatabase(async (client) => {
    if (command === "mail:send") {
      const transport = transportFromEnv();
      if (!transport) {
        console.error("SMTP_URL is not set: nothing can be sent. `npm run mail:pending` shows what is waiting.");
        process.exitCode = 1;
        return;
      }
      const report = await sendDueMail(client, transport);
      console.log(
        `Sent ${report.sent}, failed ${report.failed} (retried later), given up ${report.givenUp} (resend them in the admin), lease taken over ${report.lostLease}.`,
      );
      if (report.failed || report.givenUp) process.exitCode = 2;
    } else if (command === "mail:pending") {
      const pending = await listPendingMail(client);
      if (!pending.length) console.log("No e-mail is waiting.");
      for (const m of pending) {
        console.log(
          [
            `=== ${m.messageId}  queued ${m.createdAt}, attempts ${m.attempts}, ` +
              (m.failedAt ? `given up ${m.failedAt}` : `next ${m.nextAttemptAt}`),
            m.lastError && `last error: ${m.lastError}`,
            `To: ${m.to}`,
            m.replyTo && `Reply-To: ${m.replyTo}`,
            `Subject: ${m.subject}`,
            "",
            m.text,
            "",
          ]
            .filter((l) => l !== null && l !== undefined)
            .join("\n"),
        );
      }
    } else {
      const report = await purgeExpired(client, { days: retentionDays() });
      console.log(
        `Deleted ${report.messages} question(s) received before ${report.cutoff}, kept ${report.keptUnsent} of them whose e-mail is not sent yet (see the admin's mail page), blanked ${report.feedbackComments} old feedback comment(s), dropped ${report.rateLimitBuckets} rate-limit counter(s).`,
      );
    }
  });
}

main(process.argv[2]).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
