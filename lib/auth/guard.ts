import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { db } from "@/lib/db";
import type { StaffRole } from "@/lib/generated/prisma/client";
import { sessionCookieName } from "./cookie";
import { roleAllows } from "./roles";
import { staffForToken, type Staff } from "./sessions";

export type { Staff };

// The logged-in staff member of this request, or null
export async function currentStaff(): Promise<Staff | null> {
  const token = (await cookies()).get(sessionCookieName)?.value;
  return staffForToken(db(), token);
}

// For pages: the logged-in staff member with at least the role; anonymous visitors go to the login page,
// staff without the role get a 404 (the page is not theirs to know)
export async function requireStaff(locale: string, role: StaffRole = "editor"): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect(`/${locale === "sv" ? "sv" : "da"}/admin/login`);
  if (!roleAllows(staff.role, role)) notFound();
  return staff;
}

export class AccessDenied extends Error {
  constructor(readonly reason: "anonymous" | "role") {
    super(reason === "anonymous" ? "Not logged in" : "Not allowed for this role");
    this.name = "AccessDenied";
  }
}

export type Refused = { refused: AccessDenied["reason"] };

type Guarded<A extends unknown[], R> = ((...args: A) => Promise<R>) & { requiredRole: StaffRole };

// For server actions: run the handler only for a logged-in staff member with the role. A refusal throws
// AccessDenied, or, where onRefused is given (forms whose typed text must survive an expired session),
// returns what it makes of the refusal.
export function staffAction<A extends unknown[], R>(
  role: StaffRole,
  handler: (staff: Staff, ...args: A) => Promise<R>,
  onRefused?: (reason: AccessDenied["reason"], ...args: A) => R,
): Guarded<A, R> {
  const action = async (...args: A): Promise<R> => {
    const staff = await currentStaff();
    const reason = !staff ? "anonymous" : !roleAllows(staff.role, role) ? "role" : null;
    if (reason) {
      if (onRefused) return onRefused(reason, ...args);
      throw new AccessDenied(reason);
    }
    return handler(staff!, ...args);
  };
  return Object.assign(action, { requiredRole: role });
}

// For route handlers: 401 for anonymous callers, 403 for staff without the role
export function staffRoute<C>(
  role: StaffRole,
  handler: (staff: Staff, request: Request, context: C) => Promise<Response>,
): ((request: Request, context: C) => Promise<Response>) & { requiredRole: StaffRole } {
  const route = async (request: Request, context: C) => {
    const staff = await currentStaff();
    if (!staff) return new Response("Unauthorized", { status: 401, headers: { "Cache-Control": "no-store" } });
    if (!roleAllows(staff.role, role))
      return new Response("Forbidden", { status: 403, headers: { "Cache-Control": "no-store" } });
    return handler(staff, request, context);
  };
  return Object.assign(route, { requiredRole: role });
}
