import "server-only";
import { revalidateTag } from "next/cache";
import { after } from "next/server";
import { refreshSearchWords } from "@/lib/search/words";
import { db } from "@/lib/db";
import { touchCacheTags } from "./store";
import type { CacheTag } from "./tags";

// Drop the cached public pages that show these tags: in this process at once, in every other app process
// within about half a second (they read the CacheTag table: lib/cache/handler.mjs). Call it after a change is
// committed, from a server action or route handler; `written` says the change already wrote its tags in its own
// transaction (touchCacheTags), as the admin's saves do. Once the answer is sent, the search's "did you mean" words
// are built again from titles and the glossary, where those may have changed.
export async function revalidatePublicPages(tags: readonly CacheTag[], { written = false } = {}) {
  if (!written) await touchCacheTags(db(), tags);
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
