-- Newsroom accounts, sessions, login throttling, audit log and revisions.

CREATE TABLE users (
  id                  uuid PRIMARY KEY,
  email               text NOT NULL,
  name                text NOT NULL,
  role                text NOT NULL CHECK (role IN ('contributor', 'author', 'editor', 'admin')),
  -- argon2id PHC string; never the password
  password_hash       text NOT NULL,
  -- interface language of the newsroom
  language            text NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
  disabled_at         timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));

-- A session is known by the SHA-256 of its cookie value: a leaked table does
-- not hand out usable cookies.
CREATE TABLE sessions (
  id_hash      text PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  user_agent   text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Failed logins per key ("account:<email>" or "ip:<address>"), for back-off.
CREATE TABLE login_failures (
  key           text PRIMARY KEY,
  failures      integer NOT NULL,
  last_failure  timestamptz NOT NULL,
  blocked_until timestamptz
);

-- Who did what that matters: publish, depublish, corrections, role and account changes.
CREATE TABLE audit_log (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  actor_id  uuid REFERENCES users (id) ON DELETE SET NULL,
  -- name or "system"/"cli" as it was at the time
  actor     text NOT NULL,
  action    text NOT NULL,
  story_id  uuid,
  user_id   uuid,
  detail    jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_story_idx ON audit_log (story_id, at DESC) WHERE story_id IS NOT NULL;
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);

-- Every saved version of every story, whole. Written in the same transaction as the story.
CREATE TABLE story_revisions (
  story_id  uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  version   integer NOT NULL,
  saved_at  timestamptz NOT NULL DEFAULT now(),
  saved_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  -- what the revision was: "save", "publish", "correction", "restore of 3", ...
  note      text NOT NULL DEFAULT '',
  doc       jsonb NOT NULL,
  PRIMARY KEY (story_id, version)
);

-- Who owns a story (authors may publish their own) and who changed it last.
ALTER TABLE stories
  ADD COLUMN owner_id    uuid REFERENCES users (id) ON DELETE SET NULL,
  ADD COLUMN modified_by uuid REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX stories_owner_idx ON stories (owner_id);
CREATE INDEX stories_modified_idx ON stories (modified_at DESC, id DESC);

-- Revisions for stories that existed before revisions were kept.
INSERT INTO story_revisions (story_id, version, saved_at, note, doc)
SELECT id, version, modified_at, 'before revisions were kept', doc FROM stories;
