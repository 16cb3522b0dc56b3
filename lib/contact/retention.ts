import "server-only";
import type { Db } from "@/lib/database/client";
import { pruneRateLimits } from "@/lib/rate-limit";
import { setting } from "@/lib/env";

// Days a question is kept: CONTACT_RETENTION_DAYS or the default (lib/env.ts)
export function retentionDays(): number {
  return setting("CONTACT_RETENTION_DAYS");
}

export type PurgeReport = {
  messages: number;
  /** Questions past the retention period kept because one of their e-mails is not sent. */
  keptUnsent: number;
  feedbackComments: number;
  rateLimitBuckets: number;
  cutoff: string;
};

// Delete the questions (and their e-mails) received before the retention period whose e-mails have
// all been sent, blank feedback comments as old, and drop rate-limit counters older than a day. A
// question whose e-mail is still waiting or was given up is kept, and its e-mail stays on the admin's
// mail page, until it is sent (the next purge then deletes it) or someone deletes it in the inbox.
export async function purgeExpired(client: Db, options: { days?: number; now?: Date } = {}): Promise<PurgeReport> {
  const now = options.now ?? new Date();
  const days = options.days ?? retentionDays();
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  const unsent = { outbox: { some: { sentAt: null } } };
  // One statement decides and deletes, so an e-mail that fails while the purge runs cannot slip through.
  const messages = await client.contactMessage.deleteMany({ where: { createdAt: { lt: cutoff }, NOT: unsent } });
  const keptUnsent = await client.contactMessage.count({ where: { createdAt: { lt: cutoff }, ...unsent } });
  const comments = await client.pageFeedback.updateMany({
    where: { createdAt: { lt: cutoff }, comment: { not: null } },
    data: { comment: null },
  });
  const buckets = await pruneRateLimits(client, new Date(now.getTime() - 24 * 60 * 60 * 1000));
  return {
    messages: messages.count,
    keptUnsent,
    feedbackComments: comments.count,
    rateLimitBuckets: buckets,
    cutoff: cutoff.toISOString(),
  };
}
