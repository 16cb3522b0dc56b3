// The database's side of the review policy: which items are due by a given time.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { itemTypes } from "@/lib/content/schema";
import { reviewCutoff } from "./policy";

// Items that take part in reviews: those published (live or scheduled); drafts and archived items wait
export const reviewedStatus: Prisma.ItemWhereInput = { status: "published" };

// The items whose review falls due at or before `by`: per type, reviewed (or, never reviewed, arrived) a period earlier
export function reviewDueWhere(by: Date): Prisma.ItemWhereInput {
  return {
    AND: [
      reviewedStatus,
      {
        OR: itemTypes.map((type) => {
          const cutoff = reviewCutoff(type, by);
          return {
            type,
            OR: [{ reviewedAt: { lte: cutoff } }, { reviewedAt: null, createdAt: { lte: cutoff } }],
          };
        }),
      },
    ],
  };
}
