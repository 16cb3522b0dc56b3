import "server-only";
import { unstable_cache } from "next/cache";
import type { CacheTag } from "./tags";

// Wrap a read so that its result is kept in Next's data cache under the given tags until one is revalidated
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the wrapper keeps the read's own signature
export function cached<T extends (...args: any[]) => Promise<unknown>>(name: string, tags: CacheTag[], read: T): T {
  return unstable_cache(read, [name], { tags, revalidate: false });
}
