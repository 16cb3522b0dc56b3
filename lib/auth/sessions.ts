import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/database/client";
import type { StaffRole } from "@/lib/generated/prisma/client";

export const sessionHours = 8;

export type Staff = { id: string; email: string; name: string; role: StaffRole; adviserId: string | null };

const tokenId = (token: string) => createHash("sha256").update(token).digest("hex");

// Start a session for a staff member; returns the token for the cookie (only its hash is stored)
export async function createSession(
  client: Db,
  userId: string,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + sessionHours * 3600_000);
  await client.session.create({ data: { id: tokenId(token), userId, expiresAt } });
  // Expired sessions of anyone are removed on the way.
  await client.session.deleteMany({ where: { expiresAt: { lt: now } } });
  return { token, expiresAt };
}

// The active staff member a session token belongs to, or null (unknown, expired, account deactivated)
export async function staffForToken(client: Db, token: string | undefined, now = new Date()): Promise<Staff | null> {
  if (!token || token.length > 100) return null;
  const session = await client.session.findUnique({
    where: { id: tokenId(token) },
    select: {
      expiresAt: true,
      user: { select: { id: true, email: true, name: true, role: true, adviserId: true, active: true } },
    },
  });
  if (!session || session.expiresAt <= now || !session.user.active) return null;
  const { id, email, name, role, adviserId } = session.user;
  return { id, email, name, role, adviserId };
}

// End the session of a token
export async function endSession(client: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  await client.session.deleteMany({ where: { id: tokenId(token) } });
}

// End every session of a staff member (deactivation, password reset)
export async function endSessionsOf(client: Db, userId: string): Promise<void> {
  await client.session.deleteMany({ where: { userId } });
}
