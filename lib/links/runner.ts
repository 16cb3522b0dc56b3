// One run of the link checker, by one process across all app servers at a time (a lease in the database): read
// the changed items' links, then check the due addresses with a small global concurrency and at most
// hostConcurrency at once per host, renewing the lease after each check and stopping when it is lost or when asked.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/database/client";
import type { LinkState } from "@/lib/generated/prisma/client";
import { checkLink, type CheckOptions, type CheckOutcome } from "./check";
import { releaseLease, renewLease, takeLease } from "./lease";
import { dueLinks, recordCheck, scanChangedItems, type DueLink } from "./store";
import { linkCheckSettings, type LinkCheckSettings } from "./settings";

export const linkJob = "link-check";

export type LinkRunReport = {
  ran: true;
  itemsRead: number;
  checked: number;
  ok: number;
  moved: number;
  failing: number;
  broken: number;
  /** The run stopped before every due address was checked: its lease was lost or it was asked to stop. */
  stoppedEarly: boolean;
  durationMs: number;
};

export type LinkRunResult = LinkRunReport | { ran: false; reason: "busy" };

export type LinkRunOptions = {
  settings?: LinkCheckSettings;
  /** Check every address in use now, due or not. */
  all?: boolean;
  signal?: AbortSignal;
  /** Extra options for the checks (trusted roots in the tests). */
  checkOptions?: Partial<CheckOptions>;
};

// Run tasks with at most `limit` at once and at most `perKey` at once for one key, in order as far as they may start
async function runPolitely<T>(
  tasks: T[],
  keyOf: (task: T) => string,
  limit: number,
  perKey: number,
  work: (task: T) => Promise<void>,
  stop: () => boolean,
): Promise<void> {
  const waiting = [...tasks];
  const active = new Map<string, number>();
  const running = new Set<Promise<void>>();
  while (waiting.length && !stop()) {
    const index = running.size < limit ? waiting.findIndex((t) => (active.get(keyOf(t)) ?? 0) < perKey) : -1;
    if (index === -1) {
      await Promise.race(running);
      continue;
    }
    const task = waiting.splice(index, 1)[0] as T;
    const key = keyOf(task);
    active.set(key, (active.get(key) ?? 0) + 1);
    const promise: Promise<void> = work(task).finally(() => {
      active.set(key, active.get(key)! - 1);
      running.delete(promise);
    });
    running.add(promise);
  }
  await Promise.all(running);
}

// Check the due links once, if no other process is doing so; "busy" when another holds the lease
export async function runLinkCheck(client: Db, options: LinkRunOptions = {}): Promise<LinkRunResult> {
  const settings = options.settings ?? linkCheckSettings();
  const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  if (!(await takeLease(client, linkJob, holder, settings.leaseMs))) return { ran: false, reason: "busy" };
  const started = Date.now();
  const tally: Record<LinkState, number> = { unchecked: 0, ok: 0, moved: 0, failing: 0, broken: 0 };
  let checked = 0;
  let lost = false;
  let itemsRead = 0;
  let stoppedEarly = false;
  try {
    itemsRead = await scanChangedItems(client, async () => {
      lost = !(await renewLease(client, linkJob, holder, settings.leaseMs));
      return !lost && !options.signal?.aborted;
    });
    lost = lost || !(await renewLease(client, linkJob, holder, settings.leaseMs));
    const due = lost ? [] : await dueLinks(client, settings.runLimit, { all: options.all });
    const checkOptions: CheckOptions = { ...settings, ...options.checkOptions };
    let failure: unknown = null;
    const stop = () => lost || failure !== null || !!options.signal?.aborted;
    await runPolitely(
      due,
      (link: DueLink) => link.host,
      settings.concurrency,
      settings.hostConcurrency,
      async (link) => {
        try {
          const outcome: CheckOutcome = await checkLink(link.url, checkOptions);
          if (lost || failure) return;
          const state = await recordCheck(client, link.id, outcome, settings);
          checked++;
          tally[state]++;
          if (!(await renewLease(client, linkJob, holder, settings.leaseMs))) lost = true;
        } catch (error) {
          // A database error ends the run once the checks under way are done.
          failure ??= error;
        }
      },
      stop,
    );
    if (failure) throw failure;
    stoppedEarly = lost || !!options.signal?.aborted || checked < due.length;
  } catch (error) {
    if (!lost)
      await releaseLease(client, linkJob, holder, { error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  const report: LinkRunReport = {
    ran: true,
    itemsRead,
    checked,
    ok: tally.ok,
    moved: tally.moved,
    failing: tally.failing,
    broken: tally.broken,
    stoppedEarly,
    durationMs: Date.now() - started,
  };
  if (!lost) await releaseLease(client, linkJob, holder, report);
  return report;
}
