import { describe, expect, test } from "vitest";
import { createNavigation } from "next-intl/navigation";
import { getPathname } from "@/lib/i18n/navigation";
import { routing } from "@/lib/i18n/routing";

// next-intl's own, as the reference the site's addresses must keep matching
const reference = createNavigation(routing).getPathname;

describe("getPathname", () => {
  test("gives next-intl's address for every page in both locales, with parameters and queries", () => {
    for (const pathname of Object.keys(routing.pathnames) as (keyof typeof routing.pathnames)[]) {
      for (const locale of routing.locales) {
        const href = pathname.includes("[")
          ? { pathname, params: { slug: "en-side" }, query: { page: 2, lang: "sv" } }
          : { pathname, query: { q: "sociale virksomheder & job", page: "3" } };
        expect(getPathname({ locale, href: href as never }), `${locale} ${pathname}`).toBe(
          reference({ locale, href: href as never }),
        );
      }
    }
  });

  test("localizes path names and leaves out empty query values", () => {
    expect(getPathname({ locale: "da", href: "/" })).toBe("/da");
    expect(getPathname({ locale: "sv", href: { pathname: "/topics/[slug]", params: { slug: "upphandling" } } })).toBe(
      "/sv/amnen/upphandling",
    );
    expect(
      getPathname({ locale: "da", href: { pathname: "/contact", query: { adviser: "jesper", item: undefined } } }),
    ).toBe("/da/kontakt?adviser=jesper");
    expect(getPathname({ locale: "sv", href: { pathname: "/search", query: { topic: ["a", "b"] } } })).toBe(
      "/sv/sok?topic=a&topic=b",
    );
  });

  test("refuses a dynamic page without its parameter", () => {
    expect(() => getPathname({ locale: "da", href: { pathname: "/articles/[slug]", params: {} } })).toThrow(/slug/);
  });
});
