// Best bets in the admin: an editor pins up to three items for a query term in one language (lib/search/best-bets.ts
// shows them). Each save and removal is checked here, written in one transaction and audited.
import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/database/client";
import type { Locale, Prisma } from "@/lib/generated/prisma/client";
import type { Staff } from "@/lib/auth/sessions";
import { locales } from "@/lib/content/schema";
import { itemHref, typeOfSection } from "@/lib/catalogue/sections";
import { resolveLocalizedPath } from "@/lib/i18n/route-rules";
import { getPathname } from "@/lib/i18n/navigation";
import { MAX_PINNED } from "@/lib/search/best-bets";
import { audit } from "./audit";

export const MAX_TERM_LENGTH = 100;
export const itemFields = ["item1", "item2", "item3"] as const;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type BestBetValues = { term: string; locale: string } & Record<(typeof itemFields)[number], string>;
export type BestBetField = keyof BestBetValues | "form";
/** A field's problem as a code (Admin.bestBets.errors.<code>), with what the message names */
export type BestBetErrors = Partial<Record<BestBetField, { code: string; term?: string; max?: number }>>;

export const bestBetSchema = z.object({
  term: z.string().trim().min(1, "required").max(MAX_TERM_LENGTH, "tooLong"),
  locale: z.enum(locales, { error: "required" }),
  items: z.array(z.string().trim().max(2000, "unknownItem")).max(MAX_PINNED),
});

// The values of a best bet's form as sent
export function bestBetValuesFromForm(form: FormData): BestBetValues {
  const text = (name: string) => String(form.get(name) ?? "").slice(0, 4000);
  return {
    term: text("term"),
    locale: text("locale"),
    item1: text("item1"),
    item2: text("item2"),
    item3: text("item3"),
  };
}

type ItemRef = { id: string } | { locale: Locale; type: NonNullable<ReturnType<typeof typeOfSection>>; slug: string };

// An item named the way an editor has it at hand: its address on the site (path or full URL, in either language),
// its editor's address in the admin, or its id
export function parseItemRef(raw: string): ItemRef | null {
  const text = raw.trim();
  if (uuid.test(text)) return { id: text.toLowerCase() };
  let path = text;
  if (/^https?:\/\//i.test(text)) {
    try {
      path = new URL(text).pathname;
    } catch {
      return null;
    }
  }
  path = path.split(/[?#]/)[0]!.replace(/\/+$/, "");
  try {
    path = decodeURI(path);
  } catch {
    return null;
  }
  const admin = /^\/(?:da|sv)\/admin\/items\/([^/]+)(?:\/.*)?$/.exec(path);
  if (admin) return uuid.test(admin[1]!) ? { id: admin[1]!.toLowerCase() } : null;
  const resolved = resolveLocalizedPath(path);
  const route = resolved && "route" in resolved ? resolved.route : path;
  const match = /^\/(da|sv)\/(articles|cases|publications|projects|references)\/([a-z0-9-]+)$/.exec(route);
  const type = match ? typeOfSection(match[2]!) : undefined;
  return match && type ? { locale: match[1] as Locale, type, slug: match[3]! } : null;
}

// The item an editor named, or null: an address in one interface language may show an item of the other language
async function findItem(tx: Prisma.TransactionClient, ref: ItemRef) {
  const select = { id: true, locale: true } as const;
  if ("id" in ref) return tx.item.findUnique({ where: { id: ref.id }, select });
  const found = await tx.item.findMany({ where: { type: ref.type, slug: ref.slug }, select });
  return found.find((i) => i.locale === ref.locale) ?? found[0] ?? null;
}

export type BestBetRow = {
  id: string;
  version: number;
  term: string;
  locale: Locale;
  values: BestBetValues;
  items: { id: string; title: string; locale: Locale; status: string; href: string }[];
};

// Every best bet with its items in their order, by language and term
export async function listBestBets(client: Db): Promise<BestBetRow[]> {
  const rows = await client.bestBet.findMany({
    orderBy: [{ locale: "asc" }, { term: "asc" }],
    include: {
      items: {
        orderBy: { position: "asc" },
        include: { item: { select: { id: true, title: true, locale: true, status: true, type: true, slug: true } } },
      },
    },
  });
  return rows.map((b) => {
    const items = b.items.map(({ item }) => ({
      id: item.id,
      title: item.title,
      locale: item.locale,
      status: item.status,
      href: getPathname({ locale: item.locale, href: itemHref(item.type, item.slug) }),
    }));
    return {
      id: b.id,
      version: b.version,
      term: b.term,
      locale: b.locale,
      items,
      values: {
        term: b.term,
        locale: b.locale,
        item1: items[0]?.href ?? "",
        item2: items[1]?.href ?? "",
        item3: items[2]?.href ?? "",
      },
    };
  });
}

export type BestBetAuthor = Pick<Staff, "id" | "email"> & { clientAddress?: string };
export type BestBetOutcome =
  | { status: "saved"; id: string }
  | { status: "invalid"; errors: BestBetErrors }
  | { status: "conflict"; version: number };

class Refusal extends Error {
  constructor(readonly errors: BestBetErrors) {
    super("invalid best bet");
  }
}
class Conflict extends Error {
  constructor(readonly version: number) {
    super("edit conflict");
  }
}

// Create (without id) or change a best bet after checking every field; nothing is written when a check fails
export async function saveBestBet(
  client: Db,
  author: BestBetAuthor,
  input: { id?: string | null; baseVersion?: number; values: BestBetValues },
): Promise<BestBetOutcome> {
  const errors: BestBetErrors = {};
  const refs = itemFields.map((f) => input.values[f].trim());
  const parsed = bestBetSchema.safeParse({ term: input.values.term, locale: input.values.locale, items: refs });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "items" ? itemFields[Number(issue.path[1])] : issue.path[0];
      if (typeof field === "string" && !errors[field as BestBetField])
        errors[field as BestBetField] = { code: issue.message, max: MAX_TERM_LENGTH };
    }
  const parsedRefs = refs.map((r) => (r ? parseItemRef(r) : null));
  refs.forEach((r, i) => {
    if (r && !parsedRefs[i]) errors[itemFields[i]!] ??= { code: "unknownItem" };
  });
  if (!refs.some(Boolean)) errors.item1 ??= { code: "noItems" };
  const id = input.id || null;
  if (id && !uuid.test(id)) errors.form = { code: "gone" };
  if (!parsed.success || Object.keys(errors).length) return { status: "invalid", errors };
  const { term, locale } = parsed.data;
  try {
    const savedId = await client.$transaction(async (tx) => {
      // One writer at a time, so that two saves of the same term cannot both pass the check below.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('admin-best-bets'))`;
      const [key] = await tx.$queryRaw<{ key: string }[]>`
        SELECT search_term_key(search_config(${locale}), ${term}) AS key`;
      const termKey = key?.key ?? "";
      if (!termKey) throw new Refusal({ term: { code: "noWords" } });
      if (id) {
        const stored = await tx.bestBet.findUnique({ where: { id }, select: { version: true } });
        if (!stored) throw new Refusal({ form: { code: "gone" } });
        if (input.baseVersion !== undefined && stored.version !== input.baseVersion) throw new Conflict(stored.version);
      }
      const same = await tx.bestBet.findUnique({
        where: { locale_termKey: { locale, termKey } },
        select: { id: true, term: true },
      });
      if (same && same.id !== id) throw new Refusal({ term: { code: "taken", term: same.term } });
      const itemIds: string[] = [];
      const problems: BestBetErrors = {};
      for (const [i, ref] of parsedRefs.entries()) {
        if (!ref) continue;
        const item = await findItem(tx, ref);
        const field = itemFields[i]!;
        if (!item) problems[field] = { code: "unknownItem" };
        else if (itemIds.includes(item.id)) problems[field] = { code: "duplicateItem" };
        else itemIds.push(item.id);
      }
      if (Object.keys(problems).length) throw new Refusal(problems);
      const items = { create: itemIds.map((itemId, position) => ({ itemId, position })) };
      const saved = id
        ? await tx.bestBet.update({
            where: { id },
            data: { term, locale, termKey, version: { increment: 1 }, items: { deleteMany: {}, ...items } },
          })
        : await tx.bestBet.create({ data: { term, locale, termKey, items } });
      await audit(
        tx,
        author,
        `bestBets.${id ? "update" : "create"}`,
        "bestBets",
        saved.id,
        { term, locale, termKey, itemIds },
        author.clientAddress,
      );
      return saved.id;
    });
    return { status: "saved", id: savedId };
  } catch (error) {
    if (error instanceof Refusal) return { status: "invalid", errors: error.errors };
    if (error instanceof Conflict) return { status: "conflict", version: error.version };
    throw error;
  }
}

// Remove a best bet (audited with what it held); false when it no longer exists
export async function removeBestBet(client: Db, author: BestBetAuthor, id: string): Promise<boolean> {
  if (!uuid.test(id)) return false;
  return client.$transaction(async (tx) => {
    const bet = await tx.bestBet.findUnique({ where: { id }, include: { items: { orderBy: { position: "asc" } } } });
    if (!bet) return false;
    await tx.bestBet.delete({ where: { id } });
    // So that neither the import brings it back from content/best-bets.yaml nor the export keeps it there
    await tx.contentTombstone.create({ data: { id, kind: "bestBets", key: `${bet.locale}:${bet.termKey}` } });
    await audit(
      tx,
      author,
      "bestBets.delete",
      "bestBets",
      id,
      { term: bet.term, locale: bet.locale, itemIds: bet.items.map((i) => i.itemId) },
      author.clientAddress,
    );
    return true;
  });
}
