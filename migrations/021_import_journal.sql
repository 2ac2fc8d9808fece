-- What `lede import DIR` has stored, by the file's content (SHA-256 of its
-- bytes, hex). A row is written in the SAME transaction as its story, so after
-- a crash or kill -9 either both exist or neither does, and running the
-- import again skips exactly the files already stored. Deleting the story
-- deletes its row: a later import brings it back, as for a file never seen.
CREATE TABLE import_journal (
  content_sha256 text PRIMARY KEY CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  path           text NOT NULL,
  story_id       uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  imported_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX import_journal_story ON import_journal (story_id);
