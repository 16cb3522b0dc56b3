// What /api/suggest answers: one option per suggestion, with the address it leads to. Shared by the route and the
// search field (type only on the client).
import type { ItemType, Locale } from "@/lib/generated/prisma/enums";

export type SuggestOption = {
  /** Unique in one answer: "item:<id>", "term:<slug>", "topic:<slug>" */
  id: string;
  group: "items" | "terms" | "topics";
  label: string;
  /** The page it leads to: the item, a search for the term, the topic */
  href: string;
  /** The language of the label */
  lang?: Locale;
  /** An item's type */
  type?: ItemType;
};
