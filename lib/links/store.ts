// The link checker's records: which items use which addresses (read from the items), which addresses are due,
// and each check's outcome with its history.
import type { Db } from "@/lib/database/client";
import type { LinkState, Prisma } from "@/lib/generated/prisma/client";
import { extractItemLinks, type ExtractedLink } from "./extract";
import type { CheckOutcome } from "./check";
import type { LinkCheckSettings } from "./settings";

const scanBatch = 100;

function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase();
}

// Write one item's links as the item now has them (an archived item has none)
async function writeItemLinks(client: Db, itemId: string, links: ExtractedLink[], scannedAt: Date) {
  await client.$transaction(async (tx) => {
    if (links.length) {
      await tx.linkTarget.createMany({
        data: [...new Set(links.map((l) => l.url))].map((url) => ({ url, host: hostOf(url) })),
        skipDuplicates: true,
      });
    }
    const targets = links.length
      ? await tx.linkTarget.findMany({
          where: { url: { in: links.map((l) => l.url) } },
          select: { id: true, url: true },
        })
      : [];
    const idOf = new Map(targets.map((t) => [t.url, t.id]));
    await tx.itemLink.deleteMany({ where: { itemId } });
    if (links.length) {
      await tx.itemLink.createMany({
        data: links.map((l) => ({ itemId, linkId: idOf.get(l.url)!, origin: l.origin, label: l.label })),
        skipDuplicates: true,
      });
    }
    await tx.linkScan.upsert({ where: { itemId }, create: { itemId, scannedAt }, update: { scannedAt } });
  });
}

// Read the links of every item changed since it was last read, then drop addresses no item uses any more;
// the number of items read. After each batch `goOn` is asked (the runner renews its lease there); false stops.
export async function scanChangedItems(client: Db, goOn: () => Promise<boolean> = async () => true): Promise<number> {
  const changed = await client.$queryRaw<{ id: string }[]>`
    SELECT i."id"::text AS "id" FROM "Item" i LEFT JOIN "LinkScan" s ON s."itemId" = i."id"
    WHERE s."itemId" IS NULL OR s."scannedAt" <> i."updatedAt"`;
  for (let i = 0; i < changed.length; i += scanBatch) {
    const items = await client.item.findMany({
      where: { id: { in: changed.slice(i, i + scanBatch).map((r) => r.id) } },
      select: {
        id: true,
        status: true,
        body: true,
        sourceUrl: true,
        sources: true,
        updatedAt: true,
        attachments: { select: { title: true, location: true } },
      },
    });
    for (const item of items) {
      const links = item.status === "archived" ? [] : extractItemLinks(item);
      await writeItemLinks(client, item.id, links, item.updatedAt);
    }
    if (!(await goOn())) return Math.min(changed.length, i + scanBatch);
  }
  await client.linkTarget.deleteMany({ where: { uses: { none: {} } } });
  return changed.length;
}

export type DueLink = { id: string; url: string; host: string };

// The addresses due for a check (all used ones with `all`), the longest waiting first
export async function dueLinks(
  client: Db,
  limit: number,
  options: { now?: Date; all?: boolean } = {},
): Promise<DueLink[]> {
  return client.linkTarget.findMany({
    where: { uses: { some: {} }, ...(options.all ? {} : { nextCheckAt: { lte: options.now ?? new Date() } }) },
    orderBy: [{ nextCheckAt: "asc" }, { url: "asc" }],
    take: limit,
    select: { id: true, url: true, host: true },
  });
}

// Record one check: its history row (keeping the newest `history`), the address's state, failures in a row and
// when it is due again. An address counts as broken only after brokenAfter failures in a row.
export async function recordCheck(
  client: Db,
  linkId: string,
  outcome: CheckOutcome,
  settings: Pick<LinkCheckSettings, "brokenAfter" | "recheckMs" | "retryMs" | "history">,
  now = new Date(),
): Promise<LinkState> {
  return client.$transaction(async (tx) => {
    const link = await tx.linkTarget.findUnique({ where: { id: linkId }, select: { consecutiveFailures: true } });
    if (!link) return "unchecked";
    const failures = outcome.ok ? 0 : link.consecutiveFailures + 1;
    const state: LinkState = outcome.ok
      ? outcome.moved
        ? "moved"
        : "ok"
      : failures >= settings.brokenAfter
        ? "broken"
        : "failing";
    await tx.linkCheck.create({
      data: {
        linkId,
        checkedAt: now,
        ok: outcome.ok,
        status: outcome.status,
        method: outcome.method,
        finalUrl: outcome.finalUrl,
        redirects: outcome.redirects as unknown as Prisma.InputJsonValue,
        errorKind: outcome.errorKind,
        error: outcome.error,
        durationMs: outcome.durationMs,
      },
    });
    await tx.linkTarget.update({
      where: { id: linkId },
      data: {
        state,
        consecutiveFailures: failures,
        lastCheckedAt: now,
        ...(outcome.ok ? { lastOkAt: now } : {}),
        lastStatus: outcome.status,
        finalUrl: outcome.finalUrl,
        lastErrorKind: outcome.errorKind,
        lastError: outcome.error,
        nextCheckAt: new Date(now.getTime() + (state === "failing" ? settings.retryMs : settings.recheckMs)),
      },
    });
    const old = await tx.linkCheck.findMany({
      where: { linkId },
      orderBy: { checkedAt: "desc" },
      skip: settings.history,
      select: { id: true },
    });
    if (old.length) await tx.linkCheck.deleteMany({ where: { id: { in: old.map((c) => c.id) } } });
    return state;
  });
}
