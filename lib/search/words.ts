// The words a "did you mean" draws on, and the vocabulary compound words are looked up in: the materialized views
// "SearchWord" and "SearchLexeme" (see the search_words and search_compounds migrations), built again after items or
// the glossary change.
import type { Db } from "@/lib/database/client";

// Build both word lists again; searches keep reading the previous ones meanwhile
export async function refreshSearchWords(client: Db): Promise<void> {
  await client.$executeRaw`REFRESH MATERIALIZED VIEW CONCURRENTLY "SearchWord"`;
  await client.$executeRaw`REFRESH MATERIALIZED VIEW CONCURRENTLY "SearchLexeme"`;
}
