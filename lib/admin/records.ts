import "server-only";
import { touchCacheTags } from "@/lib/cache/store";
import type { Db } from "@/lib/database/client";
import type { Locale, Prisma, StaffRole } from "@/lib/generated/prisma/client";
import type { Staff } from "@/lib/auth/sessions";
import type { CacheTag } from "@/lib/cache/tags";
import { recordCacheTags } from "@/lib/catalogue/moved-records";
import { newMessageId } from "@/lib/contact/mail";
import { audit } from "./audit";
import type { Choice } from "./catalogue";
import { composeAddressChangeMail } from "./adviser-mail";
import {
  parseRecord,
  recordFields,
  recordSlug,
  type RecordData,
  type RecordErrors,
  type RecordKind,
  type RecordValues,
} from "./record-form";

export { isRecordKind, type RecordKind } from "./record-form";

// The simpler parts of the catalogue, edited as one form per record: glossary terms and advisers (editors),
// topics, organisations and places (admins).

type Tx = Prisma.TransactionClient;

type KindConfig = { role: StaffRole; tags: CacheTag[] };

export const recordKinds: Record<RecordKind, KindConfig> = {
  glossary: { role: "editor", tags: recordCacheTags.glossary },
  advisers: { role: "editor", tags: recordCacheTags.advisers },
  topics: { role: "admin", tags: recordCacheTags.topics },
  organisations: { role: "admin", tags: recordCacheTags.organisations },
  places: { role: "admin", tags: recordCacheTags.places },
};

export function tagsOf(kind: RecordKind): CacheTag[] {
  return recordKinds[kind].tags;
}

export type RecordRow = {
  id: string;
  slug: string;
  label: string;
  /** When it was last saved in the admin (a new form is shown after each save) */
  editedAt: string;
  /** Raised by every save; a save based on another version is refused */
  version: number;
  values: RecordValues;
};

const joined = (list: string[]) => list.join(", ");
const stamp = (d: Date | null) => d?.toISOString() ?? "";

// Every record of a kind with its editable fields (its slug among them) as the form shows them, by slug
export async function listRecords(client: Db, kind: RecordKind): Promise<RecordRow[]> {
  return (await readRecords(client, kind)).map((row) => ({ ...row, values: { slug: row.slug, ...row.values } }));
}

async function readRecords(client: Db, kind: RecordKind): Promise<RecordRow[]> {
  const orderBy = { slug: "asc" } as const;
  switch (kind) {
    case "glossary":
      return (await client.glossaryTerm.findMany({ orderBy })).map((r) => ({
        id: r.id,
        slug: r.slug,
        label: [r.termDa, r.termSv].filter(Boolean).join(" / "),
        editedAt: stamp(r.adminEditedAt),
        version: r.version,
        values: {
          termDa: r.termDa,
          termSv: r.termSv,
          synonymsDa: joined(r.synonymsDa),
          synonymsSv: joined(r.synonymsSv),
          explanationDa: r.explanationDa,
          explanationSv: r.explanationSv,
          falseFriend: r.falseFriend ? "true" : "",
        },
      }));
    case "advisers":
      return (await client.adviser.findMany({ orderBy, include: { topics: { select: { topicId: true } } } })).map(
        (r) => ({
          id: r.id,
          slug: r.slug,
          label: r.name,
          editedAt: stamp(r.adminEditedAt),
          version: r.version,
          values: {
            name: r.name,
            titleDa: r.titleDa,
            titleSv: r.titleSv,
            email: r.email,
            phone: r.phone ?? "",
            organisationId: r.organisationId ?? "",
            languages: r.languages,
            defaultFor: r.defaultFor,
            topicIds: r.topics.map((t) => t.topicId),
          },
        }),
      );
    case "topics":
      return (await client.topic.findMany({ orderBy })).map((r) => ({
        id: r.id,
        slug: r.slug,
        label: `${r.nameDa} / ${r.nameSv}`,
        editedAt: stamp(r.adminEditedAt),
        version: r.version,
        values: { nameDa: r.nameDa, nameSv: r.nameSv, descriptionDa: r.descriptionDa, descriptionSv: r.descriptionSv },
      }));
    case "organisations":
      return (await client.organisation.findMany({ orderBy })).map((r) => ({
        id: r.id,
        slug: r.slug,
        label: r.name,
        editedAt: stamp(r.adminEditedAt),
        version: r.version,
        values: { name: r.name, shortName: r.shortName ?? "", url: r.url ?? "", country: r.country ?? "" },
      }));
    case "places":
      return (await client.place.findMany({ orderBy })).map((r) => ({
        id: r.id,
        slug: r.slug,
        label: r.name,
        editedAt: stamp(r.adminEditedAt),
        version: r.version,
        values: { name: r.name, kind: r.kind, country: r.country, parentId: r.parentId ?? "" },
      }));
  }
}

export type RecordChoices = { organisations: Choice[]; places: Choice[]; topics: Choice[] };

// The records a kind's selects and checkboxes offer (organisations, places, topics), by name
export async function recordChoices(client: Db, kind: RecordKind, uiLocale: Locale): Promise<RecordChoices> {
  const sources = new Set(recordFields[kind].flatMap((f) => ("source" in f ? [f.source] : [])));
  const collator = new Intl.Collator(uiLocale);
  const byLabel = (a: Choice, b: Choice) => collator.compare(a.label, b.label);
  const [organisations, places, topics] = await Promise.all([
    sources.has("organisations")
      ? client.organisation.findMany({ select: { id: true, name: true, shortName: true } })
      : [],
    sources.has("places") ? client.place.findMany({ select: { id: true, name: true } }) : [],
    sources.has("topics") ? client.topic.findMany({ select: { id: true, nameDa: true, nameSv: true } }) : [],
  ]);
  return {
    organisations: organisations
      .map((o) => ({ value: o.id, label: o.shortName ? `${o.name} (${o.shortName})` : o.name }))
      .sort(byLabel),
    places: places.map((p) => ({ value: p.id, label: p.name })).sort(byLabel),
    topics: topics.map((t) => ({ value: t.id, label: uiLocale === "sv" ? t.nameSv : t.nameDa })).sort(byLabel),
  };
}

export type RecordOutcome =
  | { status: "saved"; id: string; version: number; addressChanged?: true; renamed?: { from: string; to: string } }
  | { status: "invalid"; errors: RecordErrors }
  | { status: "conflict"; version: number };

/** Who saves: only an admin who proved password and second factor within minutes may change an adviser's address. */
export type RecordAuthor = Pick<Staff, "id" | "email"> & { role?: StaffRole; fresh?: boolean; clientAddress?: string };

class Conflict extends Error {
  constructor(readonly version: number) {
    super("edit conflict");
  }
}

class Refusal extends Error {
  constructor(readonly errors: RecordErrors) {
    super("invalid record");
  }
}

// One writer of a kind at a time, so that checks across rows (a place's ancestors, one default adviser
// per language) hold when two people save at once
async function lockKind(tx: Tx, kind: RecordKind) {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `admin-records:${kind}`);
}

// Refuse a parent that is the place itself or lies below it
async function checkParent(tx: Tx, placeId: string | null, parentId: string | null) {
  if (!parentId) return;
  if (parentId === placeId) throw new Refusal({ parentId: { code: "parentSelf" } });
  const parents = new Map(
    (await tx.place.findMany({ select: { id: true, parentId: true } })).map((p) => [p.id, p.parentId]),
  );
  if (!parents.has(parentId)) throw new Refusal({ parentId: { code: "unknown" } });
  let at: string | null = parentId;
  for (let step = 0; at && step <= parents.size; step++) {
    if (at === placeId) throw new Refusal({ parentId: { code: "parentCycle" } });
    at = parents.get(at) ?? null;
  }
}

// Refuse references to organisations or topics that do not exist
async function checkAdviserLinks(tx: Tx, data: RecordData<"advisers">) {
  const errors: RecordErrors = {};
  if (data.organisationId && !(await tx.organisation.findUnique({ where: { id: data.organisationId } })))
    errors.organisationId = { code: "unknown" };
  if (data.topicIds.length) {
    const found = await tx.topic.count({ where: { id: { in: data.topicIds } } });
    if (found !== data.topicIds.length) errors.topicIds = { code: "unknown" };
  }
  if (Object.keys(errors).length) throw new Refusal(errors);
}

// At most one adviser answers by default for each language (the content files hold the same rule)
async function checkDefaults(tx: Tx, adviserId: string | null, defaultFor: Locale[]) {
  for (const locale of defaultFor) {
    const other = await tx.adviser.findFirst({
      where: { defaultFor: { has: locale }, ...(adviserId ? { id: { not: adviserId } } : {}) },
      select: { name: true },
    });
    if (other) throw new Refusal({ defaultFor: { code: "defaultTaken", name: other.name, language: locale } });
  }
}

// The stored id, slug and version of a record, or null when there is none
async function storedHead(
  tx: Tx,
  kind: RecordKind,
  where: { id: string } | { slug: string },
): Promise<{ id: string; slug: string; version: number } | null> {
  const args = { where, select: { id: true, slug: true, version: true } } as const;
  switch (kind) {
    case "glossary":
      return tx.glossaryTerm.findUnique(args);
    case "advisers":
      return tx.adviser.findUnique(args);
    case "topics":
      return tx.topic.findUnique(args);
    case "organisations":
      return tx.organisation.findUnique(args);
    case "places":
      return tx.place.findUnique(args);
  }
}

// The slug is the record's own now: no former slug of another record may lead away from it. A renamed record's
// former slug leads to it (every former slug names the record itself, so a chain a → b → c leads from a to c).
async function claimSlug(tx: Tx, kind: RecordKind, id: string, slug: string, former: string | null) {
  await tx.recordSlugRedirect.deleteMany({ where: { kind, slug } });
  if (former && former !== slug) {
    await tx.recordSlugRedirect.upsert({
      where: { kind_slug: { kind, slug: former } },
      create: { kind, slug: former, recordId: id },
      update: { recordId: id, createdAt: new Date() },
    });
  }
}

// Change of an adviser's address: refused unless made by a freshly re-authenticated admin; audited, and
// the old address is told by a mail through the outbox (questions would otherwise go elsewhere unseen)
async function checkAddressChange(tx: Tx, author: RecordAuthor, id: string, email: string): Promise<boolean> {
  const before = await tx.adviser.findUniqueOrThrow({
    where: { id },
    select: { email: true, name: true, languages: true, emailIsPlaceholder: true },
  });
  if (before.email === email) return false;
  if (author.role !== "admin") throw new Refusal({ email: { code: "emailAdminOnly" } });
  if (!author.fresh) throw new Refusal({ email: { code: "emailReauth" } });
  await audit(tx, author, "advisers.email", "advisers", id, { from: before.email, to: email }, author.clientAddress);
  if (!before.emailIsPlaceholder) {
    const mail = composeAddressChangeMail({
      name: before.name,
      languages: before.languages,
      from: before.email,
      to: email,
    });
    await tx.mailOutbox.create({
      data: { toAddress: before.email, subject: mail.subject, textBody: mail.text, messageId: newMessageId("adviser") },
    });
  }
  return true;
}

// Write a parsed record under its slug: update (with id) or create; returns its id
async function write(tx: Tx, kind: RecordKind, id: string | null, slug: string, parsed: unknown): Promise<string> {
  const adminEditedAt = new Date();
  const version = { increment: 1 };
  switch (kind) {
    case "glossary": {
      const data = { ...(parsed as RecordData<"glossary">), slug, adminEditedAt };
      return id
        ? (await tx.glossaryTerm.update({ where: { id }, data: { ...data, version } })).id
        : (await tx.glossaryTerm.create({ data })).id;
    }
    case "topics": {
      const data = { ...(parsed as RecordData<"topics">), slug, adminEditedAt };
      return id
        ? (await tx.topic.update({ where: { id }, data: { ...data, version } })).id
        : (await tx.topic.create({ data })).id;
    }
    case "organisations": {
      const data = { ...(parsed as RecordData<"organisations">), slug, adminEditedAt };
      return id
        ? (await tx.organisation.update({ where: { id }, data: { ...data, version } })).id
        : (await tx.organisation.create({ data })).id;
    }
    case "places": {
      const data = { ...(parsed as RecordData<"places">), slug, adminEditedAt };
      return id
        ? (await tx.place.update({ where: { id }, data: { ...data, version } })).id
        : (await tx.place.create({ data })).id;
    }
    case "advisers": {
      const { topicIds, ...fields } = parsed as RecordData<"advisers">;
      const topics = topicIds.map((topicId) => ({ topicId }));
      if (!id) {
        return (await tx.adviser.create({ data: { ...fields, adminEditedAt, slug, topics: { create: topics } } })).id;
      }
      const before = await tx.adviser.findUniqueOrThrow({ where: { id }, select: { email: true } });
      const data = {
        ...fields,
        slug,
        adminEditedAt,
        version,
        // An address typed in the admin is a real one: the placeholder mark goes when the address changes.
        ...(before.email !== fields.email ? { emailIsPlaceholder: false } : {}),
        topics: { deleteMany: {}, create: topics },
      };
      return (await tx.adviser.update({ where: { id }, data })).id;
    }
  }
}

// Create (without id) or update a record after checking every field; the import then leaves it as saved
// here. An update may rename the record (a new slug): its former slug then leads to it (RecordSlugRedirect), and
// the rename is audited on its own. Nothing is written when any check fails.
export async function saveRecord(
  client: Db,
  staff: RecordAuthor,
  kind: RecordKind,
  input: { id?: string | null; slug?: string; values: RecordValues; baseVersion?: number },
): Promise<RecordOutcome> {
  const values: RecordValues = {};
  for (const field of recordFields[kind])
    values[field.name] = input.values[field.name] ?? (field.type === "checkboxes" ? [] : "");
  const parsed = parseRecord(kind, values);
  const errors: RecordErrors = parsed.ok ? {} : { ...parsed.errors };
  const id = input.id || null;
  // An update without a slug keeps the one it has.
  const slug = id && input.slug === undefined ? null : recordSlug.safeParse(input.slug ?? "");
  if (slug && !slug.success) errors.slug = { code: slug.error.issues[0]!.message };
  if (id && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) errors.form = { code: "gone" };
  if (!parsed.ok || Object.keys(errors).length) return { status: "invalid", errors };
  const data = parsed.data;
  let addressChanged = false;
  let renamed: { from: string; to: string } | undefined;
  try {
    const saved = await client.$transaction(async (tx) => {
      await lockKind(tx, kind);
      const stored = id ? await storedHead(tx, kind, { id }) : null;
      if (id) {
        if (stored === null) throw new Refusal({ form: { code: "gone" } });
        // A save based on another version than the stored one is refused (edit conflict).
        if (input.baseVersion !== undefined && stored.version !== input.baseVersion) throw new Conflict(stored.version);
      }
      const newSlug = slug?.success ? slug.data : stored!.slug;
      if (newSlug !== stored?.slug && (await storedHead(tx, kind, { slug: newSlug })))
        throw new Refusal({ slug: { code: "taken" } });
      if (kind === "places") await checkParent(tx, id, (data as RecordData<"places">).parentId);
      if (kind === "advisers") {
        const adviser = data as RecordData<"advisers">;
        await checkAdviserLinks(tx, adviser);
        await checkDefaults(tx, id, adviser.defaultFor);
        if (id) addressChanged = await checkAddressChange(tx, staff, id, adviser.email);
      }
      const savedId = await write(tx, kind, id, newSlug, data);
      await claimSlug(tx, kind, savedId, newSlug, stored?.slug ?? null);
      if (stored && stored.slug !== newSlug) {
        renamed = { from: stored.slug, to: newSlug };
        await audit(tx, staff, `${kind}.rename`, kind, savedId, renamed, staff.clientAddress);
      }
      await audit(
        tx,
        staff,
        `${kind}.${id ? "update" : "create"}`,
        kind,
        savedId,
        { slug: newSlug, ...(data as Prisma.InputJsonObject) },
        staff.clientAddress,
      );
      await touchCacheTags(tx, tagsOf(kind));
      return { id: savedId, version: id ? stored!.version + 1 : 1 };
    });
    return {
      status: "saved",
      ...saved,
      ...(addressChanged ? { addressChanged: true as const } : {}),
      ...(renamed ? { renamed } : {}),
    };
  } catch (error) {
    if (error instanceof Refusal) return { status: "invalid", errors: error.errors };
    if (error instanceof Conflict) return { status: "conflict", version: error.version };
    throw error;
  }
}
