// The search's entry points beyond the search itself: suggestions while typing and editors' best bets.
import "server-only";
import { db } from "@/lib/db";
import { cached } from "@/lib/cache/cached";
import { cacheTags } from "@/lib/cache/tags";
import { loadVocabulary, suggest, type SuggestParams, type Suggestions } from "@/lib/search/typeahead";
import { findBestBets as findBestBetsIn } from "@/lib/search/best-bets";
import { withDb } from "./with-db";

// The glossary's forms and the topics' names, kept until the glossary or the catalogue changes
const vocabulary = cached("suggest-vocabulary", [cacheTags.glossary, cacheTags.catalogue], () => loadVocabulary(db()));

// Suggestions for what a visitor has typed so far
export async function suggestions(params: SuggestParams): Promise<Suggestions> {
  return suggest(db(), params, await vocabulary());
}

// The items editors pinned for a query, for the first page of its results
export const findBestBets = withDb(findBestBetsIn);
