import "server-only";
import { revalidateTag } from "next/cache";
import { after } from "next/server";
import { refreshSearchWords } from "@/lib/search/words";
import { db } from "@/lib/db";
import { touchCacheTags } from "./store";
import type { CacheTag } from "./tags";

// Drop the cached public pages that show these tags: in this process at once, in every other app process
// within about a second (they poll the CacheTag table). Call it after a change is committed, from a server action
// or route handler: once the answer is sent, the search's "did you mean" words are built again from titles and the
// glossary, where those may have changed.
export async function revalidatePublicPages(tags: readonly CacheTag[]) {
  await touchCacheTags(db(), tags);
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
  if (tags.includes("catalogue") || tags.includes("glossary")) {
    const refresh = () => refreshSearchWords(db()).catch((error) => console.error("Search words:", error));
    try {
      after(refresh);
    } catch {
      await refresh(); // outside a request (a script): at once
    }
  }
}
