-- Eilmeldung (issue 14): the breaking banner, the four-eyes rule for pushes,
-- and newsroom settings an admin switches.
--
-- A banner is a row; the current one is the newest that was not taken down
-- and whose end has not passed. Setting a new banner takes the previous one
-- down in the same transaction, so there is never more than one live row
-- (the partial unique index holds every writer, on every node, to that).
CREATE TABLE breaking_items (
  id          uuid PRIMARY KEY,
  headline    text NOT NULL CHECK (char_length(headline) BETWEEN 1 AND 200),
  -- a path on this site ("/politik/…") or an https URL
  url         text NOT NULL CHECK (char_length(url) BETWEEN 1 AND 1000),
  -- the story it was set from, if any (no foreign key: a deleted story leaves the history)
  story_id    uuid,
  starts_at   timestamptz NOT NULL DEFAULT now(),
  ends_at     timestamptz NOT NULL,
  -- taken down by hand before its end
  ended_at    timestamptz,
  version     integer NOT NULL DEFAULT 1,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE UNIQUE INDEX breaking_items_one_live ON breaking_items ((true)) WHERE ended_at IS NULL;
CREATE INDEX breaking_items_recent ON breaking_items (created_at DESC);

-- Four eyes: with the setting on, a push waits for a second editor.
-- 'pending' sends have no delivery rows yet; approving writes them (and the
-- audit entry) in one transaction, rejecting closes the send.
ALTER TABLE push_sends
  ADD COLUMN status text NOT NULL DEFAULT 'sent' CHECK (status IN ('pending', 'sent', 'rejected')),
  ADD COLUMN created_by_id uuid,
  ADD COLUMN decided_by text,
  ADD COLUMN decided_at timestamptz;
CREATE INDEX push_sends_pending ON push_sends (created_at) WHERE status = 'pending';

-- Settings an admin changes in the newsroom (one row per key, JSON value).
CREATE TABLE newsroom_settings (
  key         text PRIMARY KEY CHECK (char_length(key) BETWEEN 1 AND 100),
  value       jsonb NOT NULL,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
