import { getPathname } from "./navigation";
import { routing, type Locale } from "./routing";

export type Href = Parameters<typeof getPathname>[0]["href"];
export type Alternates = Record<Locale, string>;

// The same page's path in every locale
export function alternatesFor(href: Href): Alternates {
  return Object.fromEntries(routing.locales.map((locale) => [locale, getPathname({ locale, href })])) as Alternates;
}
