import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/database/client";
import { Prisma, type ContactStatus, type Locale } from "@/lib/generated/prisma/client";
import type { ContactInput } from "./schema";
import type { AdviserCard, ContactItem } from "./advisers";
import { composeContactMail, newMessageId } from "./mail";

// Crockford's base32: no I, L, O or U, so a reference read aloud or retyped stays unambiguous.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// Make a reference of 80 random bits, e.g. "K7F3-9XW2-M4PA-2VNC": short enough to quote, too long to guess
export function newReference(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = "";
  for (let i = 0; i < 16; i++) {
    out = alphabet[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out.match(/.{4}/g)!.join("-");
}

export function isReference(value: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/.test(value);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

// Find an already stored message by any of its possible submission keys
export async function findBySubmissionKey(client: Db, keys: string[]): Promise<{ reference: string } | null> {
  return client.contactMessage.findFirst({ where: { submissionKey: { in: keys } }, select: { reference: true } });
}

// Store a question and queue its e-mail to the adviser in one transaction; a known submission key
// returns the message stored before
export async function storeContactMessage(
  client: Db,
  args: {
    submissionKey: string;
    locale: Locale;
    input: ContactInput;
    adviser: AdviserCard;
    item: ContactItem | null;
  },
): Promise<{ reference: string; duplicate: boolean }> {
  const { submissionKey, locale, input, adviser, item } = args;
  // The recipient comes from the adviser record only, never from the form.
  const { email: toAddress } = await client.adviser.findUniqueOrThrow({ where: { id: adviser.id } });
  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    const mail = composeContactMail({ reference, locale, input, adviser, item });
    try {
      await client.contactMessage.create({
        data: {
          reference,
          submissionKey,
          locale,
          adviserId: adviser.id,
          itemId: item?.id ?? null,
          name: input.name,
          email: input.email,
          organisation: input.organisation || null,
          municipality: input.municipality || null,
          subject: input.subject,
          message: input.message,
          outbox: {
            create: {
              toAddress,
              replyTo: input.email,
              subject: mail.subject,
              textBody: mail.text,
              messageId: newMessageId(reference),
            },
          },
        },
      });
      return { reference, duplicate: false };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await findBySubmissionKey(client, [submissionKey]);
      if (existing) return { reference: existing.reference, duplicate: true };
      // A reference drawn twice: draw again.
      if (attempt >= 3) throw error;
    }
  }
}

export type Receipt = { reference: string; adviser: { name: string; title: string } | null };

// Read what the receipt page shows: the reference and who will answer, never the message itself
export async function getReceipt(client: Db, reference: string, locale: Locale): Promise<Receipt | null> {
  if (!isReference(reference)) return null;
  const row = await client.contactMessage.findUnique({
    where: { reference },
    select: { reference: true, adviser: { select: { name: true, titleDa: true, titleSv: true } } },
  });
  if (!row) return null;
  return {
    reference: row.reference,
    adviser: row.adviser && {
      name: row.adviser.name,
      title: locale === "da" ? row.adviser.titleDa : row.adviser.titleSv,
    },
  };
}

export type ContactMessageSummary = {
  id: string;
  reference: string;
  locale: Locale;
  status: ContactStatus;
  createdAt: string;
  name: string;
  email: string;
  organisation: string | null;
  municipality: string | null;
  subject: string;
  message: string;
  adviser: { slug: string; name: string } | null;
  item: { id: string; title: string } | null;
  mail: { sentAt: string | null; attempts: number; lastError: string | null }[];
};

// List stored questions, newest first, for the staff pages
export async function listContactMessages(
  client: Db,
  filter: { adviserId?: string; status?: ContactStatus; take?: number; skip?: number } = {},
): Promise<ContactMessageSummary[]> {
  const rows = await client.contactMessage.findMany({
    where: { adviserId: filter.adviserId, status: filter.status },
    orderBy: { createdAt: "desc" },
    take: filter.take ?? 50,
    skip: filter.skip ?? 0,
    include: {
      adviser: { select: { slug: true, name: true } },
      item: { select: { id: true, title: true } },
      outbox: { select: { sentAt: true, attempts: true, lastError: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    locale: r.locale,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    name: r.name,
    email: r.email,
    organisation: r.organisation,
    municipality: r.municipality,
    subject: r.subject,
    message: r.message,
    adviser: r.adviser,
    item: r.item,
    mail: r.outbox.map((o) => ({
      sentAt: o.sentAt?.toISOString() ?? null,
      attempts: o.attempts,
      lastError: o.lastError,
    })),
  }));
}

// Set the handling status of a question
export async function setContactStatus(client: Db, id: string, status: ContactStatus): Promise<void> {
  await client.contactMessage.update({ where: { id }, data: { status } });
}
