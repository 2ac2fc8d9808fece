-- Retention rules and "also open by" presence.
--
-- A retention rule takes published stories down a number of months after
-- their first publication, per section and kind. '*' stands for every section
-- or every kind; of the rules that match a story, the most specific wins
-- (section and kind, then section, then kind, then the catch-all). A rule
-- with months NULL keeps a story forever: an exception to a broader rule.
CREATE TABLE retention_rules (
  section_slug text NOT NULL CHECK (section_slug = '*' OR section_slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  kind         text NOT NULL CHECK (kind IN ('*', 'article', 'liveticker', 'video', 'audio')),
  months       integer CHECK (months BETWEEN 1 AND 1200),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  updated_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (section_slug, kind)
);

-- Who has a story open in the editor right now. Kept in the database so every
-- app node sees every editor; rows older than a few minutes are deleted as
-- new ones arrive.
CREATE TABLE story_presence (
  story_id uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  user_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- start of the current stretch of having it open
  since    timestamptz NOT NULL,
  seen_at  timestamptz NOT NULL,
  PRIMARY KEY (story_id, user_id)
);
CREATE INDEX story_presence_seen_idx ON story_presence (seen_at);
