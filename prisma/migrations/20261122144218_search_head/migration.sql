-- The title and summary alone as a second, small stored vector (weights A and B, the item's own
-- language), so that a search matching a large part of the catalogue ranks a bounded set of items on
-- it instead of reading every match's full vector. Generated like "searchVector", so kept current on
-- every insert and update.
ALTER TABLE "Item" ADD COLUMN "searchHead" tsvector
  GENERATED ALWAYS AS (search_item_vector(locale = 'sv'::"Locale", title, summary, ''::text)) STORED;

-- CreateIndex
CREATE INDEX "Item_searchHead_idx" ON "Item" USING GIN ("searchHead");
