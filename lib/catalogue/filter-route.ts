import "server-only";
import { notFound } from "next/navigation";
import { filtersFromSegment, type ListingFilters } from "./filters";

// The filters of a filtered listing's path segment, or the 404 page for any segment the proxy would not have
// written (Next keeps no page in its page cache for a 404).
export async function canonicalFilters(segment: string): Promise<ListingFilters> {
  const filters = filtersFromSegment(segment);
  if (filters) return filters;
  notFound();
}
