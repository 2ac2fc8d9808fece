-- Editorial workflow: more states, embargo and schedules, author pages.
--
-- Readers see a story only when it is `published` and its embargo (if any)
-- has passed. The write path never publishes an embargoed story early (it
-- schedules it for the embargo instead); the embargo clause in every public
-- query is the second lock on the same door.

ALTER TABLE stories DROP CONSTRAINT stories_status_check;
ALTER TABLE stories ADD CONSTRAINT stories_status_check
  CHECK (status IN ('draft', 'in_review', 'scheduled', 'published', 'depublished'));

ALTER TABLE stories
  ADD COLUMN embargo_until  timestamptz,
  ADD COLUMN publish_at     timestamptz,  -- scheduled publication (status 'scheduled')
  ADD COLUMN depublish_at   timestamptz,  -- scheduled depublication of a published story
  ADD COLUMN depublished_at timestamptz,
  -- slugs of the story's authors' names, for author pages
  ADD COLUMN author_slugs   text[] NOT NULL DEFAULT '{}';

ALTER TABLE stories ADD CONSTRAINT stories_scheduled_has_time
  CHECK (status <> 'scheduled' OR publish_at IS NOT NULL);

-- The scheduler's two questions: what is due to go live, what is due to come down.
CREATE INDEX stories_publish_due_idx ON stories (publish_at) WHERE status = 'scheduled';
CREATE INDEX stories_depublish_due_idx ON stories (depublish_at) WHERE status = 'published' AND depublish_at IS NOT NULL;

-- Author pages: stories by author slug.
CREATE INDEX stories_author_slugs_idx ON stories USING gin (author_slugs);

-- Backfill author slugs of existing stories from their documents.
UPDATE stories s SET author_slugs = coalesce((
  -- The same transliteration as slugify() for German names and common accents.
  SELECT array_agg(DISTINCT trim(BOTH '-' FROM regexp_replace(
           translate(replace(replace(replace(replace(lower(a->>'name'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'),
                     'àáâãåèéêëìíîïòóôõùúûýÿñçšžčř', 'aaaaaeeeeiiiiooooouuuyyncszcr'),
           '[^a-z0-9]+', '-', 'g')))
    FROM jsonb_array_elements(s.doc->'authors') a
   WHERE a->>'name' IS NOT NULL), '{}');

-- Embargoed words must not leak through "Meinten Sie" suggestions either.
CREATE OR REPLACE FUNCTION search_words_collect() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.status = 'published' AND (NEW.embargo_until IS NULL OR NEW.embargo_until <= now()) THEN
    INSERT INTO search_words (key, word)
    SELECT DISTINCT ON (lower(w)) lower(w), w
      FROM regexp_split_to_table(
             concat_ws(' ', NEW.headline, NEW.kicker, NEW.teaser),
             '[^A-Za-zÀ-ÖØ-öø-ɏ]+') AS w
     WHERE char_length(w) BETWEEN 4 AND 40
    ON CONFLICT (key) DO NOTHING;
  END IF;
  RETURN NULL;
END
$fn$;
