-- Full-text search: a stored tsvector per item in the item's own language, a GIN index over it, trigram
-- indexes for the typo fallback. The vector is a generated column, so PostgreSQL itself keeps it current
-- on every insert and update. (No semicolons inside function bodies: adapter-pg runs a migration script
-- statement by statement, splitting it at every semicolon.)

-- pg_trgm is loaded by the embedded database and available on PostgreSQL servers.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "GlossaryTerm_termDa_trgm_idx" ON "GlossaryTerm" USING GIN ("termDa" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "GlossaryTerm_termSv_trgm_idx" ON "GlossaryTerm" USING GIN ("termSv" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Item_title_trgm_idx" ON "Item" USING GIST ("title" gist_trgm_ops);

-- The text search configuration of an item language.
CREATE OR REPLACE FUNCTION search_config(locale text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN locale = 'sv' THEN 'pg_catalog.swedish'::regconfig ELSE 'pg_catalog.danish'::regconfig END
$$;

-- A second normalisation step after the Snowball stemmer, so that every inflected form meets the same
-- lexeme: Danish is stemmed once more (virksomhederne -> virksomhed -> virksom, like virksomhed),
-- Swedish loses the definite neuter -et the stemmer keeps (företaget, företagets -> företag).
CREATE OR REPLACE FUNCTION search_lexeme(cfg regconfig, lexeme text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN cfg = 'pg_catalog.swedish'::regconfig THEN regexp_replace(lexeme, '^(.{4,})et$', '\1')
    ELSE coalesce((ts_lexize('pg_catalog.danish_stem'::regdictionary, lexeme))[1], lexeme)
  END
$$;

CREATE OR REPLACE FUNCTION search_quote_lexeme(lexeme text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT '''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || ''''
$$;

-- A tsvector with every lexeme passed through search_lexeme (positions and weights kept).
CREATE OR REPLACE FUNCTION search_normalize_vector(cfg regconfig, v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(
    search_quote_lexeme(search_lexeme(cfg, u.lexeme)) || CASE WHEN u.positions IS NULL THEN '' ELSE ':' || (
      SELECT string_agg(p::text || w, ',') FROM unnest(u.positions, u.weights) AS x(p, w)
    ) END, ' '), '')::tsvector
  FROM unnest(v) AS u
$$;

-- A tsquery with every lexeme passed through search_lexeme (operators kept).
CREATE OR REPLACE FUNCTION search_normalize_query(cfg regconfig, q tsquery) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(
    CASE
      WHEN t.m[1] IS NOT NULL AND position('\' in t.m[1]) = 0
        THEN search_quote_lexeme(search_lexeme(cfg, replace(substr(t.m[1], 2, length(t.m[1]) - 2), '''''', '''')))
      ELSE coalesce(t.m[1], t.m[2])
    END, '' ORDER BY t.n), '')::tsquery
  FROM regexp_matches(q::text, '(''(?:[^'']|'''')*'')|([^'']+)', 'g') WITH ORDINALITY AS t(m, n)
$$;

-- The stored vector of one item: title over summary over body, in the item's own language.
CREATE OR REPLACE FUNCTION search_item_vector(swedish boolean, title text, summary text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT search_normalize_vector(search_config(CASE WHEN swedish THEN 'sv' ELSE 'da' END),
    setweight(to_tsvector(search_config(CASE WHEN swedish THEN 'sv' ELSE 'da' END), coalesce(title, '')), 'A') ||
    setweight(to_tsvector(search_config(CASE WHEN swedish THEN 'sv' ELSE 'da' END), coalesce(summary, '')), 'B') ||
    setweight(to_tsvector(search_config(CASE WHEN swedish THEN 'sv' ELSE 'da' END), coalesce(body, '')), 'C'))
$$;

ALTER TABLE "Item" ADD COLUMN "searchVector" tsvector
  GENERATED ALWAYS AS (search_item_vector(locale = 'sv'::"Locale", title, summary, body)) STORED;

CREATE INDEX "Item_searchVector_idx" ON "Item" USING GIN ("searchVector");
