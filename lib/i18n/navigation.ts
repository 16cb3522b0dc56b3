// A page's address in a locale, from its route and the localized path names (routing.ts): getPathname({ locale:
// "sv", href: { pathname: "/topics/[slug]", params: { slug: "upphandling" } } }) → "/sv/amnen/upphandling". Written
// here rather than taken from next-intl's createNavigation, whose Link client component would otherwise ship with
// every page that only needed an address.
import { routing, type Locale, type Pathname } from "./routing";

type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
type Query = Record<string, QueryValue>;
type Dynamic = { [P in Pathname]: P extends `${string}[${string}]${string}` ? P : never }[Pathname];
type Static = Exclude<Pathname, Dynamic>;

export type Href =
  | Static
  | { pathname: Static; query?: Query }
  | { pathname: Dynamic; params: Record<string, string | number>; query?: Query };

export function getPathname({ locale, href }: { locale: Locale; href: Href }): string {
  const { pathname, params, query } =
    typeof href === "string" ? { pathname: href, params: undefined, query: undefined } : { params: undefined, ...href };
  const entry = routing.pathnames[pathname];
  const pattern = typeof entry === "string" ? entry : entry[locale];
  const path = pattern.replace(/\[(\w+)\]/g, (_, name: string) => {
    const value = (params as Record<string, string | number> | undefined)?.[name];
    if (value === undefined) throw new Error(`getPathname: ${pathname} needs the parameter "${name}"`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const one of Array.isArray(value) ? value : [value]) search.append(key, String(one));
  }
  const qs = search.toString();
  return `/${locale}${path === "/" ? "" : path}${qs ? `?${qs}` : ""}`;
}
