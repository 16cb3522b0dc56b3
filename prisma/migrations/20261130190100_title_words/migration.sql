-- Suggestions while typing: the title's words as written ('simple' configuration: lower case, not stemmed, å, ä,
-- æ, ø and ö kept), so that what a visitor has typed so far matches the beginnings of title words
-- (to_tsquery('simple', 'socialø:*')). Generated like "searchVector", so kept current on every insert and update.
ALTER TABLE "Item" ADD COLUMN "titleWords" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title)) STORED;

-- CreateIndex
CREATE INDEX "Item_titleWords_idx" ON "Item" USING GIN ("titleWords");
