-- Topics get a version, like stories: every write bumps it, and an editor's
-- save names the version they edited (If-Match), so two editors changing one
-- topic's introduction at once cannot silently overwrite each other.
ALTER TABLE topics ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
