-- Searchable PDFs: the text of each PDF attachment per page (extracted after the upload, lib/pdf-text), each page with
-- its own vector at the lowest weight (D) in the item's language, and the item's PDF words ("pdfVector", all its
-- extracted pages together) folded into the item's stored "searchVector", so that searching reads no other table.
-- (No semicolons inside function bodies: adapter-pg splits a migration script at every semicolon.)

-- CreateEnum
CREATE TYPE "AttachmentTextStatus" AS ENUM ('pending', 'done', 'failed');

-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN "textAttempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "textPages" INTEGER,
ADD COLUMN "textReason" TEXT,
ADD COLUMN "textStatus" "AttachmentTextStatus" NOT NULL DEFAULT 'pending',
ADD COLUMN "textUpdatedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Attachment_textStatus_idx" ON "Attachment"("textStatus");

-- The vector of a PDF's text at weight D, normalised like the items' (see the search migration).
CREATE OR REPLACE FUNCTION search_pdf_vector(swedish boolean, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT search_normalize_vector(search_config(CASE WHEN swedish THEN 'sv' ELSE 'da' END),
    setweight(to_tsvector(search_config(CASE WHEN swedish THEN 'sv' ELSE 'da' END), coalesce(body, '')), 'D'))
$$;

-- Vectors concatenated in order (the positions of each follow the one before): an item's pages as one vector.
CREATE AGGREGATE search_tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '');

-- CreateTable
CREATE TABLE "AttachmentText" (
    "attachmentId" UUID NOT NULL,
    "page" INTEGER NOT NULL,
    "locale" "Locale" NOT NULL,
    "text" TEXT NOT NULL,
    "searchVector" tsvector GENERATED ALWAYS AS (search_pdf_vector(locale = 'sv'::"Locale", text)) STORED,

    CONSTRAINT "AttachmentText_pkey" PRIMARY KEY ("attachmentId","page")
);

-- AddForeignKey
ALTER TABLE "AttachmentText" ADD CONSTRAINT "AttachmentText_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "Attachment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The compounds' vocabulary reads the item vectors: it is built again below, without the PDFs' words.
DROP MATERIALIZED VIEW "SearchLexeme";

ALTER TABLE "Item" ADD COLUMN "pdfVector" tsvector;

-- A generated column's expression cannot be changed (before PostgreSQL 17): the vector is made again with the PDFs' words.
ALTER TABLE "Item" DROP COLUMN "searchVector";

ALTER TABLE "Item" ADD COLUMN "searchVector" tsvector
  GENERATED ALWAYS AS (search_item_vector(locale = 'sv'::"Locale", title, summary, body) || coalesce("pdfVector", ''::tsvector)) STORED;

CREATE INDEX "Item_searchVector_idx" ON "Item" USING GIN ("searchVector");

-- As in the search_compounds migration, but over the editors' text only (weights A to C): the words of PDFs do not
-- widen queries.
CREATE MATERIALIZED VIEW "SearchLexeme" AS
  SELECT v.lang, v.lexeme, sum(v.ndoc)::int AS ndoc
  FROM (
    SELECT 'da'::text AS lang, s.word AS lexeme, s.ndoc
    FROM ts_stat('SELECT ts_filter("searchVector", ''{a,b,c}'') FROM public."Item" WHERE locale = ''da'' AND status = ''published'' AND ("publishedAt" IS NULL OR "publishedAt" <= (now() AT TIME ZONE ''UTC''))') s
    UNION ALL
    SELECT 'sv'::text, s.word, s.ndoc
    FROM ts_stat('SELECT ts_filter("searchVector", ''{a,b,c}'') FROM public."Item" WHERE locale = ''sv'' AND status = ''published'' AND ("publishedAt" IS NULL OR "publishedAt" <= (now() AT TIME ZONE ''UTC''))') s
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

CREATE UNIQUE INDEX "SearchLexeme_lang_lexeme_key" ON "SearchLexeme" (lang, lexeme);

CREATE INDEX "SearchLexeme_prefix_idx" ON "SearchLexeme" (lang, lexeme text_pattern_ops);

CREATE INDEX "SearchLexeme_suffix_idx" ON "SearchLexeme" (lang, reverse(lexeme) text_pattern_ops);
