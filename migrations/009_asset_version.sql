-- Each media library picture gets a version, as stories have one: every
-- write of its rights, focal point or file adds one, and a write names the
-- version it was made against (If-Match), so two editors changing the same
-- picture at once no longer lose one change silently.
ALTER TABLE media_assets ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0);
