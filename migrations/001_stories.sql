-- Stories. `doc` holds the whole Story JSON as the application wrote it (the
-- source of truth for reading a story back); the other columns are copies of
-- the fields that queries filter, sort or search on, written by the
-- repository in the same statement, so they cannot drift apart.

CREATE TABLE stories (
  id                  uuid PRIMARY KEY,
  slug                text NOT NULL UNIQUE,
  kind                text NOT NULL CHECK (kind IN ('article', 'liveticker', 'video', 'audio')),
  status              text NOT NULL CHECK (status IN ('draft', 'published')),
  language            text NOT NULL,
  section             text NOT NULL,
  section_slug        text NOT NULL,
  topics              text[] NOT NULL DEFAULT '{}',
  headline            text NOT NULL,
  kicker              text,
  teaser              text,
  first_published_at  timestamptz,
  updated_at          timestamptz,
  broadcast_at        timestamptz,
  broadcast_programme text,
  doc                 jsonb NOT NULL,
  -- German full-text vector: headline (A), kicker, teaser and topics (B), body (C).
  -- Built with the built-in 'german' configuration only, so it works on every
  -- PostgreSQL and on PGlite whether or not unaccent is installed.
  search              tsvector NOT NULL DEFAULT ''::tsvector,
  version             integer NOT NULL DEFAULT 1 CHECK (version > 0),
  created_at          timestamptz NOT NULL DEFAULT now(),
  modified_at         timestamptz NOT NULL DEFAULT now(),
  -- Keyset pagination orders published stories by first_published_at: it must be set.
  CONSTRAINT stories_published_has_time CHECK (status <> 'published' OR first_published_at IS NOT NULL)
);

-- Home page and "older" links: published stories newest first, keyset on (time, id).
CREATE INDEX stories_published_idx ON stories (first_published_at DESC, id DESC)
  WHERE status = 'published';

-- The same per section page.
CREATE INDEX stories_section_published_idx ON stories (section_slug, first_published_at DESC, id DESC)
  WHERE status = 'published';

-- Topic pages (topics @> ARRAY['…']).
CREATE INDEX stories_topics_idx ON stories USING gin (topics);

-- "Dieses Thema im Programm": stories by broadcast slot.
CREATE INDEX stories_broadcast_idx ON stories (broadcast_at) WHERE broadcast_at IS NOT NULL;

CREATE INDEX stories_search_idx ON stories USING gin (search);
