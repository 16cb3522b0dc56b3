import "server-only";
import type { Db } from "@/lib/database/client";
import type { Staff } from "@/lib/auth/sessions";
import { requeueFailedMail } from "@/lib/contact/outbox";
import { audit } from "./audit";

// Put a given-up e-mail back in the outbox for another round of attempts, and record who did it
export async function resendFailedMail(client: Db, staff: Staff, id: string): Promise<boolean> {
  if (staff.role !== "admin") return false;
  const row = await client.mailOutbox.findUnique({
    where: { id },
    select: { messageId: true, lastError: true, attempts: true },
  });
  if (!row || !(await requeueFailedMail(client, id))) return false;
  await audit(client, staff, "mail.resend", "mailOutbox", id, {
    messageId: row.messageId,
    lastError: row.lastError,
    attempts: row.attempts,
  });
  return true;
}
