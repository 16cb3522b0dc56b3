-- Best bets: editors pin up to three items for a query term in one language. A query matches a term when
-- both have the same stemmed words (in any order, each once): search_term_key, the words of the text as the
-- search's own vector stems them (search_normalize_vector), sorted and distinct. Stop words drop out, so
-- "Hvad er IOP?" matches the term "IOP".
CREATE OR REPLACE FUNCTION search_term_key(cfg regconfig, term text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_string(tsvector_to_array(search_normalize_vector(cfg, to_tsvector(cfg, coalesce(term, '')))), ' ')
$$;

-- CreateTable
CREATE TABLE "BestBet" (
    "id" UUID NOT NULL,
    "locale" "Locale" NOT NULL,
    "term" TEXT NOT NULL,
    "termKey" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BestBet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BestBetItem" (
    "bestBetId" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "BestBetItem_pkey" PRIMARY KEY ("bestBetId","itemId")
);

-- CreateIndex
CREATE UNIQUE INDEX "BestBet_locale_termKey_key" ON "BestBet"("locale", "termKey");

-- CreateIndex
CREATE INDEX "BestBetItem_itemId_idx" ON "BestBetItem"("itemId");

-- AddForeignKey
ALTER TABLE "BestBetItem" ADD CONSTRAINT "BestBetItem_bestBetId_fkey" FOREIGN KEY ("bestBetId") REFERENCES "BestBet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BestBetItem" ADD CONSTRAINT "BestBetItem_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
