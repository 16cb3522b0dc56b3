import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/database/client";
import type { StaffRole } from "@/lib/generated/prisma/client";
import { setting } from "@/lib/env";

/** Absolute lifetime of a session. */
export const sessionHours = 8;
/** A session after the password, waiting for the second factor or its enrolment, lasts this long. */
export const pendingMinutes = 10;
/** Sensitive actions need password and second factor proven this recently. */
export const freshMinutes = 5;
/** Writes of the last-seen time are at most this often per session. */
const seenEverySeconds = 60;

// Minutes without a request after which a session ends: SESSION_IDLE_MINUTES or 30
export function idleMinutes(): number {
  return setting("SESSION_IDLE_MINUTES");
}

export type SessionStage = "password" | "full";

export type Staff = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  adviserId: string | null;
  /** An admin set the password: the owner must choose a new one before anything else. */
  mustChangePassword: boolean;
  /** The second factor is enabled. */
  secondFactor: boolean;
  /** When password and second factor were last proven in this session. */
  authAt: Date;
};

export type PendingLogin = { sessionId: string; userId: string; email: string; role: StaffRole; secondFactor: boolean };

export const tokenId = (token: string) => createHash("sha256").update(token).digest("hex");

// Start a session for a staff member; returns the token for the cookie (only its hash is stored)
export async function createSession(
  client: Db,
  userId: string,
  now = new Date(),
  stage: SessionStage = "full",
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + (stage === "full" ? sessionHours * 3600_000 : pendingMinutes * 60_000));
  await client.session.create({
    data: { id: tokenId(token), userId, expiresAt, stage, seenAt: now, authAt: now, createdAt: now },
  });
  // Expired sessions of anyone are removed on the way.
  await client.session.deleteMany({ where: { expiresAt: { lt: now } } });
  return { token, expiresAt };
}

const staffFields = {
  id: true,
  email: true,
  name: true,
  role: true,
  adviserId: true,
  active: true,
  mustChangePassword: true,
  totpEnabledAt: true,
} as const;

async function liveSession(client: Db, token: string | undefined, now: Date) {
  if (!token || token.length > 100) return null;
  const session = await client.session.findUnique({
    where: { id: tokenId(token) },
    select: { id: true, expiresAt: true, stage: true, seenAt: true, authAt: true, user: { select: staffFields } },
  });
  if (!session || session.expiresAt <= now || !session.user.active) return null;
  if (session.seenAt.getTime() + idleMinutes() * 60_000 <= now.getTime()) {
    await client.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  return session;
}

// The active staff member a fully logged-in session token belongs to, or null (unknown, expired, idle,
// waiting for the second factor, account deactivated). Each answer counts as activity for the idle timeout.
export async function staffForToken(client: Db, token: string | undefined, now = new Date()): Promise<Staff | null> {
  const session = await liveSession(client, token, now);
  if (!session || session.stage !== "full") return null;
  if (now.getTime() - session.seenAt.getTime() >= seenEverySeconds * 1000)
    await client.session.updateMany({ where: { id: session.id }, data: { seenAt: now } });
  const { id, email, name, role, adviserId, mustChangePassword, totpEnabledAt } = session.user;
  return {
    id,
    email,
    name,
    role,
    adviserId,
    mustChangePassword,
    secondFactor: !!totpEnabledAt,
    authAt: session.authAt,
  };
}

// The login waiting for its second factor (or enrolment) of a session token, or null
export async function pendingForToken(
  client: Db,
  token: string | undefined,
  now = new Date(),
): Promise<PendingLogin | null> {
  const session = await liveSession(client, token, now);
  if (!session || session.stage !== "password") return null;
  const { id: userId, email, role, totpEnabledAt } = session.user;
  return { sessionId: session.id, userId, email, role, secondFactor: !!totpEnabledAt };
}

// Finish a login waiting for its second factor: the session gets a new token and opens the staff area
// for its full lifetime
export async function completeSession(
  client: Db,
  sessionId: string,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + sessionHours * 3600_000);
  await client.session.update({
    where: { id: sessionId },
    data: { id: tokenId(token), stage: "full", expiresAt, authAt: now, seenAt: now },
  });
  return { token, expiresAt };
}

// Note a fresh proof of password and second factor in the session of a token
export async function markAuthenticated(client: Db, token: string | undefined, now = new Date()): Promise<void> {
  if (!token) return;
  await client.session.updateMany({ where: { id: tokenId(token) }, data: { authAt: now, seenAt: now } });
}

// True when password and second factor were proven within the last freshMinutes
export function isFresh(staff: Pick<Staff, "authAt">, now = new Date()): boolean {
  return now.getTime() - staff.authAt.getTime() < freshMinutes * 60_000;
}

// End the session of a token
export async function endSession(client: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  await client.session.deleteMany({ where: { id: tokenId(token) } });
}

// End every session of a staff member (deactivation, password reset), or every other one
export async function endSessionsOf(client: Db, userId: string, exceptToken?: string): Promise<void> {
  await client.session.deleteMany({
    where: { userId, ...(exceptToken ? { id: { not: tokenId(exceptToken) } } : {}) },
  });
}
