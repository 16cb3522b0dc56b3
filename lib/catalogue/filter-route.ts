import "server-only";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { filtersFromSegment, type ListingFilters } from "./filters";

// The filters of a filtered listing's path segment, or the 404 page for any segment the proxy would not have
// written. That answer waits for the request first (connection()), so that it is rendered per request and never
// stored: made-up segments cannot fill the page cache.
export async function canonicalFilters(segment: string): Promise<ListingFilters> {
  const filters = filtersFromSegment(segment);
  if (filters) return filters;
  await connection();
  notFound();
}
