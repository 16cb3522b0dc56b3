import type { StaffRole } from "@/lib/generated/prisma/enums";

// Admins may do everything; editors the content, advisers, glossary and inbox.
export function roleAllows(role: StaffRole, required: StaffRole): boolean {
  return required === "editor" || role === "admin";
}
