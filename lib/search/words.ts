// The words a "did you mean" draws on: the materialized view "SearchWord" (see the search_words
// migration), built again after items or the glossary change.
import type { Db } from "@/lib/database/client";

// Build the word list again; searches keep reading the previous one meanwhile
export async function refreshSearchWords(client: Db): Promise<void> {
  await client.$executeRaw`REFRESH MATERIALIZED VIEW CONCURRENTLY "SearchWord"`;
}
