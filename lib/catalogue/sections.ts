// Item types and the internal route segments that show them (localized by lib/i18n/routing.ts).
import type { ItemType } from "@/lib/generated/prisma/enums";

export const sections = {
  article: "articles",
  case: "cases",
  publication: "publications",
  project: "projects",
  reference: "references",
} as const satisfies Record<ItemType, string>;

export type Section = (typeof sections)[ItemType];

const typeBySection = new Map(Object.entries(sections).map(([type, section]) => [section, type as ItemType]));

export function typeOfSection(section: string): ItemType | undefined {
  return typeBySection.get(section as Section);
}

export function itemHref(type: ItemType, slug: string) {
  return { pathname: `/${sections[type]}/[slug]` as const, params: { slug } };
}
