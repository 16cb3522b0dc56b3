// Types of lib/cache/handler.mjs (plain JavaScript, loaded by Next at run time).
export default class CacheHandler {
  constructor(context?: unknown);
  get(key: string, ctx: unknown): Promise<{ value: unknown; lastModified: number; cacheControl?: unknown } | null>;
  set(key: string, value: unknown, ctx: unknown): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}
export function stopCacheSync(): Promise<void>;
export function pollCacheTagsOnce(url: string): Promise<void>;
export function cacheStats(): { entries: number; bytes: number; expired: Record<string, number> };
export function clearCache(): void;
