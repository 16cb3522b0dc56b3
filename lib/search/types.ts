// The search's results as pages and components see them, and the rows its queries return.
import type { Country, ItemType, Locale } from "@/lib/generated/prisma/enums";
import type { FilterKey } from "./params";
import type { Segment } from "./highlight";

export type SearchFacetValue = { value: string; count: number; label?: string };
export type SearchFacetCounts = Record<FilterKey, SearchFacetValue[]>;

export type SearchHit = {
  id: string;
  type: ItemType;
  locale: Locale;
  slug: string;
  title: Segment[];
  snippet: Segment[];
  publishedAt: string | null;
  year: number | null;
  country: Country | null;
  /** The same item in the other language, when it is published. */
  alsoIn: { locale: Locale; type: ItemType; slug: string; title: string } | null;
  /** Found only in an attachment's extracted text: which one, the page (from 1) and an excerpt of it. */
  pdf?: { title: string; page: number; excerpt: Segment[] } | null;
};

export type Widening = {
  slug: string;
  /** The words of the query that the glossary knows, as the glossary writes them. */
  matched: string;
  language: Locale;
  /** What was searched for as well: the other language's terms first, then synonyms. */
  added: string[];
};

export type SearchOutcome = {
  query: string;
  capped: boolean;
  narrow: boolean;
  /** Every word was required (the relaxed search was turned off). */
  all: boolean;
  /** Fewer than FEW_HITS items held every word, so items holding some of them are listed, most words first. */
  relaxed: boolean;
  /** How many items hold every word (the total when not relaxed). */
  strictTotal: number;
  /** The search was cancelled at the statement timeout: nothing was found or counted. */
  timedOut: boolean;
  /** A query was typed but holds no word that can be searched for (only operators, stop words, emoji). */
  noSearchableWords: boolean;
  /** More items matched than could be counted at once: total and facet counts are estimates. */
  approximate: boolean;
  total: number;
  page: number;
  pageCount: number;
  results: SearchHit[];
  facets: SearchFacetCounts;
  widened: Widening[];
  /** A corrected query worth trying, when there are few or no hits. */
  suggestion: string | null;
  /** Items whose titles resemble the query, offered when nothing matched. */
  similar: SearchHit[];
};

export type HitRow = Omit<SearchHit, "title" | "snippet" | "pdf"> & {
  titleHeadline: string;
  snippetHeadline: string;
  pdf: { title: string; page: number; excerpt: string } | null;
};
export type TopicFacetRow = SearchFacetValue & { nameDa: string; nameSv: string };
export type MainRow = {
  nodes: number;
  /** More items matched than were counted: counts below come from a sample. */
  sampled: boolean;
  /** How much larger the whole match set is than the sample (1 when nothing was left out). */
  scale: number;
  total: number;
  results: HitRow[];
  type: SearchFacetValue[];
  topic: TopicFacetRow[];
  country: SearchFacetValue[];
  lang: SearchFacetValue[];
  year: SearchFacetValue[];
};
