import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/database/client";
import type { StaffRole } from "@/lib/generated/prisma/client";
import type { Staff } from "@/lib/auth/sessions";
import { cacheTags, type CacheTag } from "@/lib/cache/tags";
import { audit } from "./audit";

// The simpler parts of the catalogue, edited as one form per record: glossary terms and advisers (editors),
// topics, organisations and places (admins).

const text = (max: number) => z.string().trim().min(1).max(max);
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null);
const list = z
  .string()
  .max(2000)
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(80);

export type RecordField = { name: string; multiline?: boolean; list?: boolean };

type Kind = {
  role: StaffRole;
  tags: CacheTag[];
  fields: RecordField[];
  schema: z.ZodType<Record<string, unknown>>;
  model: "glossaryTerm" | "adviser" | "topic" | "organisation" | "place";
  label: (row: Record<string, unknown>) => string;
};

export const recordKinds = {
  glossary: {
    role: "editor",
    tags: [cacheTags.glossary],
    model: "glossaryTerm",
    fields: [
      { name: "termDa" },
      { name: "termSv" },
      { name: "synonymsDa", list: true },
      { name: "synonymsSv", list: true },
      { name: "explanationDa", multiline: true },
      { name: "explanationSv", multiline: true },
    ],
    schema: z.object({
      termDa: text(200),
      termSv: text(200),
      synonymsDa: list,
      synonymsSv: list,
      explanationDa: text(5000),
      explanationSv: text(5000),
    }),
    label: (r) => `${r.termDa} / ${r.termSv}`,
  },
  advisers: {
    role: "editor",
    tags: [cacheTags.advisers, cacheTags.catalogue],
    model: "adviser",
    fields: [{ name: "name" }, { name: "titleDa" }, { name: "titleSv" }, { name: "email" }, { name: "phone" }],
    schema: z.object({
      name: text(200),
      titleDa: text(200),
      titleSv: text(200),
      email: z.email().max(320),
      phone: optional(50),
    }),
    label: (r) => String(r.name),
  },
  topics: {
    role: "admin",
    tags: [cacheTags.catalogue, cacheTags.advisers],
    model: "topic",
    fields: [
      { name: "nameDa" },
      { name: "nameSv" },
      { name: "descriptionDa", multiline: true },
      { name: "descriptionSv", multiline: true },
    ],
    schema: z.object({
      nameDa: text(200),
      nameSv: text(200),
      descriptionDa: z.string().trim().max(5000),
      descriptionSv: z.string().trim().max(5000),
    }),
    label: (r) => `${r.nameDa} / ${r.nameSv}`,
  },
  organisations: {
    role: "admin",
    tags: [cacheTags.catalogue, cacheTags.advisers],
    model: "organisation",
    fields: [{ name: "name" }, { name: "shortName" }, { name: "url" }],
    schema: z.object({
      name: text(300),
      shortName: optional(50),
      url: z
        .string()
        .trim()
        .max(2000)
        .refine((v) => v === "" || /^https?:\/\/\S+$/.test(v))
        .transform((v) => v || null),
    }),
    label: (r) => String(r.name),
  },
  places: {
    role: "admin",
    tags: [cacheTags.catalogue],
    model: "place",
    fields: [{ name: "name" }],
    schema: z.object({ name: text(200) }),
    label: (r) => String(r.name),
  },
} satisfies Record<string, Kind>;

export type RecordKind = keyof typeof recordKinds;

export function isRecordKind(value: string): value is RecordKind {
  return Object.hasOwn(recordKinds, value);
}

type Delegate = {
  findMany: (args: unknown) => Promise<Record<string, unknown>[]>;
  update: (args: unknown) => Promise<unknown>;
  create: (args: unknown) => Promise<{ id: string }>;
  findUnique: (args: unknown) => Promise<Record<string, unknown> | null>;
};
const delegate = (client: Db, kind: RecordKind) =>
  (client as unknown as Record<string, Delegate>)[recordKinds[kind].model]!;

export type RecordRow = { id: string; slug: string; label: string; values: Record<string, string> };

// Every record of a kind with its editable fields as text
export async function listRecords(client: Db, kind: RecordKind): Promise<RecordRow[]> {
  const config = recordKinds[kind];
  const rows = await delegate(client, kind).findMany({ orderBy: { slug: "asc" } });
  return rows.map((row) => ({
    id: String(row.id),
    slug: String(row.slug),
    label: config.label(row),
    values: Object.fromEntries(
      config.fields.map((f) => {
        const v = row[f.name];
        return [f.name, Array.isArray(v) ? v.join(", ") : v == null ? "" : String(v)];
      }),
    ),
  }));
}

export type RecordOutcome = { status: "saved"; id: string } | { status: "invalid"; fields: string[] };

// Create (without id) or update a record; the import then leaves it as saved here
export async function saveRecord(
  client: Db,
  staff: Pick<Staff, "id" | "email">,
  kind: RecordKind,
  input: { id?: string | null; slug?: string; values: Record<string, string> },
): Promise<RecordOutcome> {
  const config = recordKinds[kind];
  const parsed = (config.schema as z.ZodType<Record<string, unknown>>).safeParse(input.values);
  if (!parsed.success) return { status: "invalid", fields: parsed.error.issues.map((i) => String(i.path[0])) };
  const data = { ...parsed.data, adminEditedAt: new Date() };
  const model = delegate(client, kind);
  let id = input.id ?? null;
  if (id) {
    if (!z.uuid().safeParse(id).success || !(await model.findUnique({ where: { id } }))) {
      return { status: "invalid", fields: ["id"] };
    }
    await model.update({ where: { id }, data });
  } else {
    const newSlug = slug.safeParse(input.slug ?? "");
    if (!newSlug.success) return { status: "invalid", fields: ["slug"] };
    if (await model.findUnique({ where: { slug: newSlug.data } })) return { status: "invalid", fields: ["slug"] };
    if (kind === "places") return { status: "invalid", fields: ["slug"] }; // places need a kind and country: in content/
    const extra = kind === "advisers" ? { languages: [], defaultFor: [] } : {};
    id = (await model.create({ data: { ...data, ...extra, slug: newSlug.data } })).id;
  }
  await audit(client, staff, `${kind}.${input.id ? "update" : "create"}`, kind, id, parsed.data as never);
  return { status: "saved", id };
}

export function tagsOf(kind: RecordKind): CacheTag[] {
  return recordKinds[kind].tags;
}
