-- The words of the published titles and of the glossary, once each: what a "did you mean" can offer.
-- A trigram search over these few thousand words is fast where one over every title is not. Refreshed
-- by the import (refreshSearchWords in lib/search), the only writer of items. Scheduled items' words
-- join at the first refresh after their publication time.
CREATE MATERIALIZED VIEW "SearchWord" AS
  SELECT DISTINCT lower(w.word) AS word
  FROM (
    SELECT regexp_split_to_table(i.title, '[[:space:][:punct:]«»–—…]+') AS word
    FROM "Item" i
    WHERE i.status = 'published' AND (i."publishedAt" IS NULL OR i."publishedAt" <= (now() AT TIME ZONE 'UTC'))
    UNION ALL
    SELECT regexp_split_to_table(f, '[[:space:][:punct:]«»–—…]+')
    FROM "GlossaryTerm" g,
      unnest(array_prepend(g."termDa", g."synonymsDa") || array_prepend(g."termSv", g."synonymsSv")) AS f
  ) w
  WHERE char_length(w.word) >= 3;

-- Unique, so that it can be refreshed concurrently (searches keep reading the old words meanwhile).
CREATE UNIQUE INDEX "SearchWord_word_key" ON "SearchWord" (word);

CREATE INDEX "SearchWord_word_trgm_idx" ON "SearchWord" USING GIST (word gist_trgm_ops);
