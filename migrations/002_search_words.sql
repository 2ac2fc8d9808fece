-- Words of published stories' headlines, kickers and teasers, for "Meinten
-- Sie: …" suggestions when a search finds little (trigram similarity, pg_trgm).
-- Kept by a trigger so every write path (repository, bulk loads, psql) fills
-- it. Only published stories contribute: a draft's words must never be
-- suggested to readers. The list only grows; a word that no longer occurs is
-- harmless because a suggestion is only offered when it finds more stories.

CREATE TABLE search_words (
  -- lower-case, the lookup key
  key  text PRIMARY KEY,
  -- as first written (capitalised nouns stay capitalised in the suggestion)
  word text NOT NULL
);

CREATE FUNCTION search_words_collect() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.status = 'published' THEN
    INSERT INTO search_words (key, word)
    SELECT DISTINCT ON (lower(w)) lower(w), w
      FROM regexp_split_to_table(
             concat_ws(' ', NEW.headline, NEW.kicker, NEW.teaser),
             '[^A-Za-zÀ-ÖØ-öø-ɏ]+') AS w  -- runs of Latin letters (umlauts and ß included)
     WHERE char_length(w) BETWEEN 4 AND 40
    ON CONFLICT (key) DO NOTHING;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER stories_search_words
  AFTER INSERT OR UPDATE OF status, headline, kicker, teaser ON stories
  FOR EACH ROW EXECUTE FUNCTION search_words_collect();

-- Words of stories published before this migration.
INSERT INTO search_words (key, word)
SELECT DISTINCT ON (lower(w)) lower(w), w
  FROM stories, regexp_split_to_table(concat_ws(' ', headline, kicker, teaser), '[^A-Za-zÀ-ÖØ-öø-ɏ]+') AS w
 WHERE status = 'published' AND char_length(w) BETWEEN 4 AND 40
ON CONFLICT (key) DO NOTHING;

-- The trigram index for nearest-word lookups, when pg_trgm is installed
-- (extensions are created before migrations run). Without it suggestions
-- are simply not offered.
DO $do$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    EXECUTE 'CREATE INDEX search_words_trgm_idx ON search_words USING gist (key gist_trgm_ops)';
  END IF;
END
$do$;
