import "server-only";
import { unstable_rethrow } from "next/navigation";
import { Prisma } from "@/lib/generated/prisma/client";

/** Why a save failed in the database: a unique rule met in a race, a link to something deleted meanwhile, or the
 *  database out of reach. Each has a message in messages/ (Admin.failures). */
export type Failure = "taken" | "reference" | "database";

// What a failed admin write was, for a translated message. Next's own signals (redirect, notFound) pass through.
export function failureOf(error: unknown): Failure {
  unstable_rethrow(error);
  console.error("Admin save failed:", error);
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") return "taken";
    if (error.code === "P2003" || error.code === "P2025") return "reference";
  }
  return "database";
}

export const failures: readonly Failure[] = ["taken", "reference", "database"];

// The failure named in an address (?failed=…), if it is one
export function failureParam(value: unknown): Failure | null {
  return (failures as readonly unknown[]).includes(value) ? (value as Failure) : null;
}
