-- The catalogue's own vocabulary, for compound words: every lexeme of the published items' stored vectors (as the
-- search matches them: stemmed and normalised, letters never folded) and of the glossary's terms and synonyms, per
-- language, with the number of items holding it. A query word is looked up among the compounds that hold it
-- (arbejdsmarked in arbejdsmarkedsintegrerende), and a compound typed is split into two known parts
-- (samordningsförbund: samordning + förbund). Refreshed with "SearchWord" (refreshSearchWords in lib/search).
-- PostgreSQL builds and refreshes a materialized view with only pg_catalog on the search path (from version 17, as
-- the embedded database is), so the table is named with its schema, and the glossary's words get the second
-- normalisation step of search_lexeme (see the search migration) written out here rather than called.
CREATE MATERIALIZED VIEW "SearchLexeme" AS
  SELECT v.lang, v.lexeme, sum(v.ndoc)::int AS ndoc
  FROM (
    SELECT 'da'::text AS lang, s.word AS lexeme, s.ndoc
    FROM ts_stat('SELECT "searchVector" FROM public."Item" WHERE locale = ''da'' AND status = ''published'' AND ("publishedAt" IS NULL OR "publishedAt" <= (now() AT TIME ZONE ''UTC''))') s
    UNION ALL
    SELECT 'sv'::text, s.word, s.ndoc
    FROM ts_stat('SELECT "searchVector" FROM public."Item" WHERE locale = ''sv'' AND status = ''published'' AND ("publishedAt" IS NULL OR "publishedAt" <= (now() AT TIME ZONE ''UTC''))') s
    UNION ALL
    SELECT 'da'::text, coalesce((ts_lexize('pg_catalog.danish_stem'::regdictionary, u.lexeme))[1], u.lexeme), 0
    FROM public."GlossaryTerm" g,
      unnest(tsvector_to_array(to_tsvector('pg_catalog.danish'::regconfig,
        g."termDa" || ' ' || array_to_string(g."synonymsDa", ' ')))) AS u(lexeme)
    UNION ALL
    SELECT 'sv'::text, regexp_replace(u.lexeme, '^(.{4,})et$', '\1'), 0
    FROM public."GlossaryTerm" g,
      unnest(tsvector_to_array(to_tsvector('pg_catalog.swedish'::regconfig,
        g."termSv" || ' ' || array_to_string(g."synonymsSv", ' ')))) AS u(lexeme)
  ) v
  WHERE char_length(v.lexeme) >= 4
  GROUP BY v.lang, v.lexeme;

-- Unique, so that it can be refreshed concurrently (searches keep reading the old vocabulary meanwhile).
CREATE UNIQUE INDEX "SearchLexeme_lang_lexeme_key" ON "SearchLexeme" (lang, lexeme);

-- The compounds that begin with a word (a range of the lexemes in byte order)...
CREATE INDEX "SearchLexeme_prefix_idx" ON "SearchLexeme" (lang, lexeme text_pattern_ops);

-- ...and those that end with it (the same on the reversed lexeme).
CREATE INDEX "SearchLexeme_suffix_idx" ON "SearchLexeme" (lang, reverse(lexeme) text_pattern_ops);
