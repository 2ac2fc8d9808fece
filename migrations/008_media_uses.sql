-- Where each media library picture is used: one row per story and place
-- ('lead', 'body', 'related', 'author'), rewritten by the story write path in
-- the same transaction as the story itself, so "used in 3 stories" and
-- "replace everywhere" never miss a use. Derived from the story's figures;
-- the story document stays the source of truth.
CREATE TABLE media_uses (
  story_id  uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  asset_id  uuid NOT NULL REFERENCES media_assets (id) ON DELETE CASCADE,
  place     text NOT NULL CHECK (place IN ('lead', 'body', 'related', 'author')),
  PRIMARY KEY (story_id, asset_id, place)
);
-- the uses of one asset (library list, replace everywhere)
CREATE INDEX media_uses_asset_idx ON media_uses (asset_id, story_id);
