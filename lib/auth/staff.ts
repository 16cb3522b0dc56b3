import "server-only";
import type { Db } from "@/lib/database/client";
import type { StaffRole } from "@/lib/generated/prisma/client";
import { hashPassword, passwordProblem, verifyPassword, type PasswordProblem } from "./password";
import { endSessionsOf } from "./sessions";

export type StaffSummary = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  active: boolean;
  secondFactor: boolean;
  mustChangePassword: boolean;
  adviserName: string | null;
  createdAt: Date;
};

export type StaffInput = {
  email: string;
  name: string;
  role: StaffRole;
  password: string;
  adviserId?: string | null;
  /** The password was chosen by someone else (an admin): the owner must change it at the next login. */
  mustChangePassword?: boolean;
};

export type CreateStaffOutcome =
  { status: "created"; id: string } | { status: "exists" } | { status: "badPassword"; problem: PasswordProblem };

export const normalEmail = (email: string) => email.trim().toLowerCase();

// Create a staff account
export async function createStaff(client: Db, input: StaffInput): Promise<CreateStaffOutcome> {
  const problem = passwordProblem(input.password);
  if (problem) return { status: "badPassword", problem };
  const email = normalEmail(input.email);
  if (await client.staffUser.findUnique({ where: { email }, select: { id: true } })) return { status: "exists" };
  const user = await client.staffUser.create({
    data: {
      email,
      name: input.name.trim(),
      role: input.role,
      passwordHash: await hashPassword(input.password),
      adviserId: input.adviserId ?? null,
      mustChangePassword: input.mustChangePassword ?? false,
    },
    select: { id: true },
  });
  return { status: "created", id: user.id };
}

// List every staff account
export async function listStaff(client: Db): Promise<StaffSummary[]> {
  const rows = await client.staffUser.findMany({
    orderBy: { email: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      createdAt: true,
      mustChangePassword: true,
      totpEnabledAt: true,
      adviser: { select: { name: true } },
    },
  });
  return rows.map(({ adviser, totpEnabledAt, ...r }) => ({
    ...r,
    secondFactor: !!totpEnabledAt,
    adviserName: adviser?.name ?? null,
  }));
}

// Activate or deactivate an account; deactivation ends its sessions
export async function setStaffActive(client: Db, id: string, active: boolean): Promise<void> {
  await client.staffUser.update({ where: { id }, data: { active } });
  if (!active) await endSessionsOf(client, id);
}

// Set a new password chosen by an admin; every session of the account ends and the owner must choose a
// new one at the next login
export async function resetStaffPassword(client: Db, id: string, password: string): Promise<PasswordProblem | null> {
  const problem = passwordProblem(password);
  if (problem) return problem;
  await client.staffUser.update({
    where: { id },
    data: { passwordHash: await hashPassword(password), mustChangePassword: true },
  });
  await endSessionsOf(client, id);
  return null;
}

export type ChangePasswordOutcome = "changed" | "wrongCurrent" | "same" | PasswordProblem;

// Change one's own password (the current one proves it is the owner); the other sessions of the account end
export async function changeOwnPassword(
  client: Db,
  id: string,
  input: { current: string; next: string; keepToken?: string },
): Promise<ChangePasswordOutcome> {
  const user = await client.staffUser.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.current))) return "wrongCurrent";
  const problem = passwordProblem(input.next);
  if (problem) return problem;
  if (input.next === input.current) return "same";
  await client.staffUser.update({
    where: { id },
    data: { passwordHash: await hashPassword(input.next), mustChangePassword: false },
  });
  await endSessionsOf(client, id, input.keepToken);
  return "changed";
}
