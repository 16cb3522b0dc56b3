import "server-only";
import type { Db } from "@/lib/database/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Staff } from "@/lib/auth/sessions";

type Client = Db | Prisma.TransactionClient;

// Record one change made in the admin
export async function audit(
  client: Client,
  actor: Pick<Staff, "id" | "email"> | null,
  action: string,
  entity: string,
  entityId: string | null,
  detail?: Prisma.InputJsonValue,
  clientAddress?: string | null,
) {
  await client.auditLog.create({
    data: {
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? "system",
      action,
      entity,
      entityId,
      detail,
      clientAddress: clientAddress ?? null,
    },
  });
}

export type AuditEntry = {
  id: string;
  at: Date;
  actorEmail: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: string;
  clientAddress: string | null;
};

// The newest audit entries, optionally of one entity
export async function listAudit(client: Db, filter: { entity?: string; take?: number } = {}): Promise<AuditEntry[]> {
  const rows = await client.auditLog.findMany({
    where: filter.entity ? { entity: filter.entity } : {},
    orderBy: { at: "desc" },
    take: filter.take ?? 200,
  });
  return rows.map((r) => ({ ...r, detail: r.detail == null ? "" : JSON.stringify(r.detail) }));
}
