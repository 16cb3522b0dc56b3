// What the admin shows of the link checker: a summary for the dashboard, the list of addresses with problems and
// the items using them, and one item's links with their history. Plain objects, dates as ISO strings.
import type { Db } from "@/lib/database/client";
import type { LinkState } from "@/lib/generated/prisma/client";
import { extractItemLinks, type LinkOrigin } from "./extract";
import { linkJob } from "./runner";

export type { LinkState };

export type LinkUse = { itemId: string; title: string; locale: string; origin: LinkOrigin; label: string };

export type LinkRow = {
  id: string;
  url: string;
  host: string;
  state: LinkState;
  consecutiveFailures: number;
  lastCheckedAt: string | null;
  lastOkAt: string | null;
  lastStatus: number | null;
  finalUrl: string | null;
  lastErrorKind: string | null;
  lastError: string | null;
  uses: LinkUse[];
};

export type LinkRun = { finishedAt: string | null; startedAt: string | null; report: Record<string, unknown> | null };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const rowSelect = {
  id: true,
  url: true,
  host: true,
  state: true,
  consecutiveFailures: true,
  lastCheckedAt: true,
  lastOkAt: true,
  lastStatus: true,
  finalUrl: true,
  lastErrorKind: true,
  lastError: true,
  uses: {
    select: { origin: true, label: true, item: { select: { id: true, title: true, locale: true } } },
    orderBy: { item: { title: "asc" } },
  },
} as const;

type RawRow = {
  id: string;
  url: string;
  host: string;
  state: LinkState;
  consecutiveFailures: number;
  lastCheckedAt: Date | null;
  lastOkAt: Date | null;
  lastStatus: number | null;
  finalUrl: string | null;
  lastErrorKind: string | null;
  lastError: string | null;
  uses: { origin: string; label: string; item: { id: string; title: string; locale: string } }[];
};

function toRow(r: RawRow): LinkRow {
  return {
    ...r,
    lastCheckedAt: iso(r.lastCheckedAt),
    lastOkAt: iso(r.lastOkAt),
    uses: r.uses.map((u) => ({
      itemId: u.item.id,
      title: u.item.title,
      locale: u.item.locale,
      origin: u.origin as LinkOrigin,
      label: u.label,
    })),
  };
}

// When the checker last ran and what it found
export async function lastLinkRun(client: Db): Promise<LinkRun | null> {
  const lease = await client.jobLease.findUnique({ where: { name: linkJob } });
  if (!lease) return null;
  return {
    startedAt: iso(lease.lastStartedAt),
    finishedAt: iso(lease.lastFinishedAt),
    report: (lease.lastReport as Record<string, unknown> | null) ?? null,
  };
}

export type LinkSummary = {
  broken: number;
  failing: number;
  moved: number;
  itemsWithBroken: number;
  worst: LinkRow[];
  lastRun: LinkRun | null;
};

// Count the addresses in use by state, the items with a broken link, and the worst few broken addresses
export async function linkSummary(client: Db, take = 5): Promise<LinkSummary> {
  const inUse = { uses: { some: {} } };
  const [broken, failing, moved, items, worst, lastRun] = await Promise.all([
    client.linkTarget.count({ where: { ...inUse, state: "broken" } }),
    client.linkTarget.count({ where: { ...inUse, state: "failing" } }),
    client.linkTarget.count({ where: { ...inUse, state: "moved" } }),
    client.itemLink.findMany({ where: { link: { state: "broken" } }, distinct: ["itemId"], select: { itemId: true } }),
    client.linkTarget.findMany({
      where: { ...inUse, state: "broken" },
      orderBy: [{ consecutiveFailures: "desc" }, { url: "asc" }],
      take,
      select: rowSelect,
    }),
    lastLinkRun(client),
  ]);
  return { broken, failing, moved, itemsWithBroken: items.length, worst: worst.map(toRow), lastRun };
}

export const linkListStates = ["problems", "broken", "failing", "moved", "ok", "unchecked", "all"] as const;
export type LinkListState = (typeof linkListStates)[number];

const pageSize = 50;

// The addresses in use in one state (problems: broken and failing), worst first, a page of 50 at a time
export async function listLinks(
  client: Db,
  filter: { state: LinkListState; page: number },
): Promise<{ rows: LinkRow[]; total: number; pageSize: number }> {
  const state =
    filter.state === "all"
      ? {}
      : filter.state === "problems"
        ? { state: { in: ["broken", "failing"] as LinkState[] } }
        : { state: filter.state };
  const where = { uses: { some: {} }, ...state };
  const [total, rows] = await Promise.all([
    client.linkTarget.count({ where }),
    client.linkTarget.findMany({
      where,
      orderBy: [{ consecutiveFailures: "desc" }, { lastCheckedAt: "desc" }, { url: "asc" }],
      skip: (Math.max(1, filter.page) - 1) * pageSize,
      take: pageSize,
      select: rowSelect,
    }),
  ]);
  return { rows: rows.map(toRow), total, pageSize };
}

export type LinkCheckRow = {
  id: string;
  checkedAt: string;
  ok: boolean;
  status: number | null;
  method: string;
  finalUrl: string | null;
  redirects: { url: string; status: number }[];
  errorKind: string | null;
  error: string | null;
  durationMs: number;
};

export type ItemLinkReport = {
  id: string;
  title: string;
  links: {
    url: string;
    origin: LinkOrigin;
    label: string;
    target: (Omit<LinkRow, "uses"> & { checks: LinkCheckRow[] }) | null;
  }[];
};

// One item's external links as the item has them now, each with its state and its checks, newest first
export async function itemLinkReport(client: Db, itemId: string, history = 20): Promise<ItemLinkReport | null> {
  const item = await client.item.findUnique({
    where: { id: itemId },
    select: {
      id: true,
      title: true,
      body: true,
      sourceUrl: true,
      sources: true,
      attachments: { select: { title: true, location: true }, orderBy: { position: "asc" } },
    },
  });
  if (!item) return null;
  const links = extractItemLinks(item);
  const targets = await client.linkTarget.findMany({
    where: { url: { in: links.map((l) => l.url) } },
    include: { checks: { orderBy: { checkedAt: "desc" }, take: history } },
  });
  const byUrl = new Map(targets.map((t) => [t.url, t]));
  return {
    id: item.id,
    title: item.title,
    links: links.map((l) => {
      const t = byUrl.get(l.url);
      return {
        ...l,
        target: t
          ? {
              id: t.id,
              url: t.url,
              host: t.host,
              state: t.state,
              consecutiveFailures: t.consecutiveFailures,
              lastCheckedAt: iso(t.lastCheckedAt),
              lastOkAt: iso(t.lastOkAt),
              lastStatus: t.lastStatus,
              finalUrl: t.finalUrl,
              lastErrorKind: t.lastErrorKind,
              lastError: t.lastError,
              checks: t.checks.map((c) => ({
                id: c.id,
                checkedAt: c.checkedAt.toISOString(),
                ok: c.ok,
                status: c.status,
                method: c.method,
                finalUrl: c.finalUrl,
                redirects: Array.isArray(c.redirects) ? (c.redirects as { url: string; status: number }[]) : [],
                errorKind: c.errorKind,
                error: c.error,
                durationMs: c.durationMs,
              })),
            }
          : null,
      };
    }),
  };
}
