import "server-only";
import type { Db } from "@/lib/database/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/admin/audit";
import { setting } from "@/lib/env";
import { takeToken, type RateLimit } from "@/lib/rate-limit";

// Audit entries that a caller who is not logged in can cause (refused admin calls, failed and throttled logins).
// Each client gets at most AUDIT_ANONYMOUS_LIMIT of them per 10 minutes; the first one over the limit is written
// as "audit.capped" (naming the action that hit it), later ones in the same window only count. A flood of requests
// thus cannot fill the log or bury the entries that matter; the count per client stays in RateLimitBucket.
export const anonymousAuditLimit: RateLimit = {
  name: "audit",
  limit: setting("AUDIT_ANONYMOUS_LIMIT"),
  windowSeconds: 600,
};

export async function auditAnonymous(
  client: Db,
  actor: { id: string; email: string } | null,
  action: string,
  entity: string,
  entityId: string | null,
  detail: Prisma.InputJsonValue | undefined,
  clientAddress: string,
  now = new Date(),
): Promise<"written" | "capped" | "counted"> {
  const token = await takeToken(client, anonymousAuditLimit, clientAddress, now);
  if (token.allowed) {
    await audit(client, actor, action, entity, entityId, detail, clientAddress);
    return "written";
  }
  if (token.count === anonymousAuditLimit.limit + 1) {
    await audit(
      client,
      null,
      "audit.capped",
      "access",
      null,
      { action, limit: anonymousAuditLimit.limit, windowSeconds: anonymousAuditLimit.windowSeconds },
      clientAddress,
    );
    return "capped";
  }
  return "counted";
}
