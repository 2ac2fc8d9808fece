-- What the page-text importer was unsure about when it made a story ("no
-- headline line found …"), kept for the newsroom until someone marks the
-- notes as done. Not part of the story's content: no revision holds them,
-- and the reader site, feeds and the content API never read this table.
-- Written in the SAME transaction as the story, so a story that was rolled
-- back leaves no notes behind. An import without warnings writes no row;
-- dismissing deletes the row; deleting the story deletes it too.
CREATE TABLE import_warnings (
  story_id    uuid PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
  warnings    jsonb NOT NULL CHECK (jsonb_typeof(warnings) = 'array' AND jsonb_array_length(warnings) > 0),
  imported_at timestamptz NOT NULL DEFAULT now()
);
