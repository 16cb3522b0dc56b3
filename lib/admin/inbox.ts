import "server-only";
import type { Db } from "@/lib/database/client";
import type { Staff } from "@/lib/auth/sessions";
import { listContactMessages, setContactStatus, type ContactMessageSummary } from "@/lib/contact/messages";
import type { ContactStatus } from "@/lib/generated/prisma/client";
import { audit } from "./audit";

// The messages a staff member may see: admins all, an editor those routed to the adviser they are
export async function inboxFor(client: Db, staff: Staff, status?: ContactStatus): Promise<ContactMessageSummary[]> {
  if (staff.role !== "admin" && !staff.adviserId) return [];
  return listContactMessages(client, {
    adviserId: staff.role === "admin" ? undefined : staff.adviserId!,
    status,
    take: 200,
  });
}

async function mayHandle(client: Db, staff: Staff, id: string): Promise<boolean> {
  const message = await client.contactMessage.findUnique({ where: { id }, select: { adviserId: true } });
  if (!message) return false;
  return staff.role === "admin" || (!!staff.adviserId && message.adviserId === staff.adviserId);
}

// Set a message's status, if it is the staff member's to handle
export async function changeMessageStatus(
  client: Db,
  staff: Staff,
  id: string,
  status: ContactStatus,
): Promise<boolean> {
  if (!(await mayHandle(client, staff, id))) return false;
  await setContactStatus(client, id, status);
  await audit(client, staff, `message.${status}`, "contactMessage", id);
  return true;
}

// Delete a message and its e-mails, if it is the staff member's to handle
export async function deleteMessage(client: Db, staff: Staff, id: string): Promise<boolean> {
  if (!(await mayHandle(client, staff, id))) return false;
  await client.contactMessage.delete({ where: { id } });
  await audit(client, staff, "message.delete", "contactMessage", id);
  return true;
}
