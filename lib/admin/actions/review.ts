"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { staffAction } from "@/lib/auth/guard";
import { revalidatePublicPages } from "@/lib/cache/revalidate";
import { cacheTags } from "@/lib/cache/tags";
import { adminLocale, adminPath } from "@/lib/admin/paths";
import { failureOf } from "@/lib/admin/failure";
import { markReviewed, setItemOwner } from "@/lib/review/reviews";

const itemSchema = z.object({ itemId: z.uuid() });
const ownerSchema = z.object({ itemId: z.uuid(), ownerId: z.union([z.uuid(), z.literal("")]) });

// Mark an item as reviewed now (a revision and an audit entry), then back to its page
export const markReviewedAction = staffAction("editor", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  const parsed = itemSchema.safeParse({ itemId: form.get("itemId") });
  if (!parsed.success) redirect(adminPath(locale, "items"));
  const { itemId } = parsed.data;
  let status: string;
  try {
    status = (await markReviewed(db(), staff, itemId)).status;
  } catch (error) {
    redirect(adminPath(locale, `items/${itemId}?reviewFailed=${failureOf(error)}`));
  }
  if (status === "gone") redirect(adminPath(locale, "items"));
  try {
    // The public page shows the review date: it is expired at once (the write already touched the shared tag).
    await revalidatePublicPages([cacheTags.catalogue], { written: true });
  } catch (error) {
    console.error("Could not expire the public pages after a review:", error);
  }
  redirect(adminPath(locale, `items/${itemId}?reviewed=1#review`));
});

// Give an item an owner, or none
export const setItemOwnerAction = staffAction("editor", async (staff, form: FormData) => {
  const locale = adminLocale(String(form.get("uiLocale") ?? ""));
  const parsed = ownerSchema.safeParse({ itemId: form.get("itemId"), ownerId: form.get("ownerId") ?? "" });
  if (!parsed.success) redirect(adminPath(locale, "items"));
  const { itemId, ownerId } = parsed.data;
  let status: string;
  try {
    status = (await setItemOwner(db(), staff, itemId, ownerId || null)).status;
  } catch (error) {
    redirect(adminPath(locale, `items/${itemId}?reviewFailed=${failureOf(error)}#review`));
  }
  if (status === "gone") redirect(adminPath(locale, "items"));
  redirect(adminPath(locale, `items/${itemId}?owner=${status === "saved" ? "saved" : "unknown"}#review`));
});
