import "server-only";
import { revalidateTag } from "next/cache";
import { db } from "@/lib/db";
import { touchCacheTags } from "./store";
import type { CacheTag } from "./tags";

// Drop the cached public pages that show these tags: in this process at once, in every other app process
// within about a second (they poll the CacheTag table). Call it after a change is committed.
export async function revalidatePublicPages(tags: readonly CacheTag[]) {
  await touchCacheTags(db(), tags);
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
}
