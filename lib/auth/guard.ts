import "server-only";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { db } from "@/lib/db";
import { clientAddress } from "@/lib/form-guard";
import { audit } from "@/lib/admin/audit";
import { auditAnonymous } from "./audit-cap";
import { adminPath } from "@/lib/admin/paths";
import type { StaffRole } from "@/lib/generated/prisma/client";
import { sessionCookieName } from "./cookie";
import { roleAllows } from "./roles";
import { isFresh, pendingForToken, staffForToken, type PendingLogin, type Staff } from "./sessions";

export type { Staff };

// The logged-in staff member of this request, or null
export async function currentStaff(): Promise<Staff | null> {
  const token = (await cookies()).get(sessionCookieName)?.value;
  return staffForToken(db(), token);
}

// The login of this request that waits for its second factor (or enrolment), or null
export async function currentPendingLogin(): Promise<PendingLogin | null> {
  const token = (await cookies()).get(sessionCookieName)?.value;
  return pendingForToken(db(), token);
}

// The client address of this request (the one function that reads it)
export async function requestAddress(): Promise<string> {
  return clientAddress(await headers());
}

// The re-authentication page that returns to the path afterwards
export function reauthPath(locale: string, returnTo: string): string {
  return adminPath(locale, `reauth?next=${encodeURIComponent(adminPath(locale, returnTo))}`);
}

// For pages: the logged-in staff member with at least the role; anonymous visitors go to the login page,
// staff without the role get a 404 (the page is not theirs to know), staff with an admin-set password go
// to change it. With `fresh`, a password and second factor older than 5 minutes are asked for again first.
export async function requireStaff(
  locale: string,
  role: StaffRole = "editor",
  options: { fresh?: string } = {},
): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect(adminPath(locale, "login"));
  if (staff.mustChangePassword) redirect(adminPath(locale, "password"));
  if (!roleAllows(staff.role, role)) notFound();
  if (options.fresh !== undefined && !isFresh(staff)) redirect(reauthPath(locale, options.fresh));
  return staff;
}

// For actions: go to re-authentication (returning to the page) unless it was done within 5 minutes
export function requireFresh(staff: Staff, locale: string, returnTo: string): void {
  if (!isFresh(staff)) redirect(reauthPath(locale, returnTo));
}

export class AccessDenied extends Error {
  constructor(readonly reason: "anonymous" | "role" | "password") {
    super(
      reason === "anonymous"
        ? "Not logged in"
        : reason === "role"
          ? "Not allowed for this role"
          : "The password must be changed first",
    );
    this.name = "AccessDenied";
  }
}

export type Refused = { refused: AccessDenied["reason"] };

type Guarded<A extends unknown[], R> = ((...args: A) => Promise<R>) & { requiredRole: StaffRole };

// Write a refused call into the audit log, with the client address; a caller who is not logged in is held to the
// cap of lib/auth/audit-cap.ts
export async function auditRefusal(staff: Staff | null, reason: AccessDenied["reason"], what: string) {
  const address = await requestAddress();
  if (staff) await audit(db(), staff, "access.refused", "access", null, { reason, what }, address);
  else await auditAnonymous(db(), null, "access.refused", "access", null, { reason, what }, address);
}

function refusalOf(staff: Staff | null, role: StaffRole, passwordChange: boolean): AccessDenied["reason"] | null {
  if (!staff) return "anonymous";
  if (staff.mustChangePassword && !passwordChange) return "password";
  return roleAllows(staff.role, role) ? null : "role";
}

// For server actions: run the handler only for a logged-in staff member with the role. A refusal is
// audited and throws AccessDenied, or, where onRefused is given (forms whose typed text must survive an
// expired session), returns what it makes of the refusal. Staff with an admin-set password may only
// change it (`passwordChange` marks that action).
export function staffAction<A extends unknown[], R>(
  role: StaffRole,
  handler: (staff: Staff, ...args: A) => Promise<R>,
  onRefused?: (reason: AccessDenied["reason"], ...args: A) => R,
  options: { passwordChange?: boolean } = {},
): Guarded<A, R> {
  const action = async (...args: A): Promise<R> => {
    const staff = await currentStaff();
    const reason = refusalOf(staff, role, !!options.passwordChange);
    if (reason) {
      await auditRefusal(staff, reason, handler.name || "action");
      if (onRefused) return onRefused(reason, ...args);
      throw new AccessDenied(reason);
    }
    return handler(staff!, ...args);
  };
  return Object.assign(action, { requiredRole: role });
}

// For route handlers: 401 for anonymous callers, 403 for staff without the role (both audited)
export function staffRoute<C>(
  role: StaffRole,
  handler: (staff: Staff, request: Request, context: C) => Promise<Response>,
): ((request: Request, context: C) => Promise<Response>) & { requiredRole: StaffRole } {
  const route = async (request: Request, context: C) => {
    const staff = await currentStaff();
    const reason = refusalOf(staff, role, false);
    if (reason) {
      await auditRefusal(staff, reason, new URL(request.url).pathname);
      return new Response(reason === "anonymous" ? "Unauthorized" : "Forbidden", {
        status: reason === "anonymous" ? 401 : 403,
        headers: { "Cache-Control": "no-store" },
      });
    }
    return handler(staff!, request, context);
  };
  return Object.assign(route, { requiredRole: role });
}
