import type { StaffRole } from "@/lib/generated/prisma/enums";
import { setting } from "@/lib/env";

// Whether an account of the role must have a second factor: admins always, editors unless
// STAFF_TOTP_EDITORS=optional
export function secondFactorRequired(role: StaffRole): boolean {
  if (role === "admin") return true;
  return setting("STAFF_TOTP_EDITORS") !== "optional";
}
