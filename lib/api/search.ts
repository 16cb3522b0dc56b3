// The search as the API gives it: the very function the search page calls (lib/search/search.ts), with the glossary
// widening it applied reported beside the hits.
import "server-only";
import type { Db } from "@/lib/database/client";
import { searchCatalogue, type SearchHit } from "@/lib/search/search";
import { cleanQuery } from "@/lib/search/params";
import type { Segment } from "@/lib/search/highlight";
import { itemUrl } from "@/lib/seo/urls";
import { itemApiUrl } from "./catalogue";
import type { z } from "zod";
import type { searchQuerySchema } from "./queries";

const plain = (segments: Segment[]) => segments.map((s) => s.text).join("");

function hitOf(base: string, hit: SearchHit) {
  return {
    id: hit.id,
    type: hit.type,
    locale: hit.locale,
    slug: hit.slug,
    title: plain(hit.title),
    snippet: plain(hit.snippet),
    // The same texts cut where the query matched: { text, hit } runs
    highlights: { title: hit.title, snippet: hit.snippet },
    publishedAt: hit.publishedAt,
    year: hit.year,
    country: hit.country,
    url: itemUrl(base, hit),
    apiUrl: itemApiUrl(base, hit.id),
    // The same item in the other language, when it is published
    alsoIn: hit.alsoIn && { locale: hit.alsoIn.locale, title: hit.alsoIn.title, url: itemUrl(base, hit.alsoIn) },
  };
}

// One page of search hits with facets, the widening applied and typo help
export async function searchApi(client: Db, base: string, query: z.output<typeof searchQuerySchema>) {
  const { q, capped } = cleanQuery(query.q);
  const outcome = await searchCatalogue(
    {
      q,
      capped,
      type: query.type,
      topic: query.topic,
      country: query.country,
      lang: query.lang,
      year: query.year,
      sort: query.sort,
      page: query.page,
      narrow: query.narrow === "1",
      // Strict: every word (or its glossary counterpart) must occur; the page's relaxed fallback is not applied, so
      // a client never gets partial matches without being told.
      all: true,
    },
    query.locale,
    client,
  );
  return {
    query: outcome.query,
    locale: query.locale,
    capped: outcome.capped,
    narrow: outcome.narrow,
    noSearchableWords: outcome.noSearchableWords,
    approximate: outcome.approximate,
    total: outcome.total,
    page: outcome.page,
    pageCount: outcome.pageCount,
    widened: outcome.widened,
    suggestion: outcome.suggestion,
    results: outcome.results.map((hit) => hitOf(base, hit)),
    similar: outcome.similar.map((hit) => hitOf(base, hit)),
    facets: outcome.facets,
  };
}
