-- Topics (dossiers) as editorial objects: a name and an introduction shown
-- above the topic page's stories and timeline. A story names its topics as
-- plain strings (stories.topics); a row here is keyed by the slug of such a
-- name. A topic page works without a row (it then has no introduction), and a
-- row alone makes no page: readers see a topic only once a public story has it.

CREATE TABLE topics (
  slug       text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(slug) <= 120),
  name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 80),
  -- Plain text; a blank line starts a new paragraph. NULL: no introduction.
  intro      text CHECK (char_length(intro) <= 4000),
  updated_at timestamptz NOT NULL DEFAULT now()
);
