// GET /api/suggest?locale=da&q=socialø: suggestions while typing for the search fields. Public and read-only; the
// answer may be kept by the browser and shared caches for a minute (the same text gives the same answer), so a
// visitor typing, or many typing the same, costs the database little. Fewer than two characters ask for nothing.
import { getTranslations } from "next-intl/server";
import { suggestions } from "@/lib/data/search";
import { suggestParamsSchema } from "@/lib/search/typeahead";
import type { SuggestOption } from "@/lib/search/suggest-options";
import { getPathname } from "@/lib/i18n/navigation";
import { itemHref } from "@/lib/catalogue/sections";
import { searchQueryString } from "@/lib/search/params";

const shared = "public, max-age=60, s-maxage=60, stale-while-revalidate=300";

export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const parsed = suggestParamsSchema.safeParse({
    q: url.searchParams.get("q") ?? "",
    locale: url.searchParams.get("locale") ?? "",
  });
  if (!parsed.success) {
    const asked = url.searchParams.get("locale");
    const t = await getTranslations({ locale: asked === "sv" ? "sv" : "da", namespace: "Search" });
    return Response.json({ error: t("suggestInvalid") }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  const { locale } = parsed.data;
  try {
    const found = await suggestions(parsed.data);
    const options: SuggestOption[] = [
      ...found.items.map((i) => ({
        id: `item:${i.id}`,
        group: "items" as const,
        label: i.label,
        href: getPathname({ locale, href: itemHref(i.type, i.slug) }),
        lang: i.locale,
        type: i.type,
      })),
      ...found.terms.map((t) => ({
        id: `term:${t.slug}`,
        group: "terms" as const,
        label: t.label,
        href: getPathname({ locale, href: { pathname: "/search", query: searchQueryString({ q: t.label }) } }),
        lang: t.locale,
      })),
      ...found.topics.map((t) => ({
        id: `topic:${t.slug}`,
        group: "topics" as const,
        label: t.label,
        href: getPathname({ locale, href: { pathname: "/topics/[slug]", params: { slug: t.slug } } }),
      })),
    ];
    return Response.json({ options }, { headers: { "Cache-Control": shared, Vary: "Accept-Encoding" } });
  } catch (error) {
    // The search field works without suggestions: the visitor submits the form as usual.
    console.error("Suggestions:", error);
    return Response.json(
      { options: [] },
      { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "5" } },
    );
  }
}
