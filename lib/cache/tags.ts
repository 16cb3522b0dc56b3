// Cache tags of the public pages. A page is cached until one of the tags of the data it read is revalidated.
export const cacheTags = {
  // Items and everything shown with them: topics, organisations, places, attachments.
  catalogue: "catalogue",
  glossary: "glossary",
  advisers: "advisers",
} as const;

export type CacheTag = (typeof cacheTags)[keyof typeof cacheTags];

export const allCacheTags: CacheTag[] = Object.values(cacheTags);
