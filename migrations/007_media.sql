-- The media library: one row per uploaded picture (its file, size, focal
-- point and rights), and the renditions made from it.
--
-- Rights are per asset (the credit is the same in every story); alt text and
-- caption are per use and stay in the story's figure. valid_from/valid_until
-- bound when the picture may be shown; NULL means unbounded on that side.
CREATE TABLE media_assets (
  id                uuid PRIMARY KEY,
  -- of the original file's bytes: the same file uploaded twice is one asset
  sha256            text NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  original_name     text CHECK (char_length(original_name) <= 255),
  mime              text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif')),
  -- as displayed (after EXIF orientation)
  width             integer NOT NULL CHECK (width > 0),
  height            integer NOT NULL CHECK (height > 0),
  bytes             bigint NOT NULL CHECK (bytes > 0),
  storage_key       text NOT NULL,
  -- the point crops keep in view, as fractions of width and height
  focal_x           real NOT NULL DEFAULT 0.5 CHECK (focal_x BETWEEN 0 AND 1),
  focal_y           real NOT NULL DEFAULT 0.5 CHECK (focal_y BETWEEN 0 AND 1),
  credit            text CHECK (char_length(credit) <= 200),
  copyright_holder  text CHECK (char_length(copyright_holder) <= 200),
  source            text CHECK (char_length(source) <= 200),
  licence           text CHECK (char_length(licence) <= 500),
  usage_terms       text CHECK (char_length(usage_terms) <= 2000),
  creator           text CHECK (char_length(creator) <= 200),
  -- the picture's own description from the file; a story's caption is separate
  embedded_caption  text CHECK (char_length(embedded_caption) <= 2000),
  valid_from        timestamptz,
  valid_until       timestamptz,
  created_by        uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until > valid_from)
);
-- "rights lapsing in the next 7 days", lapse sweeps
CREATE INDEX media_assets_valid_until_idx ON media_assets (valid_until) WHERE valid_until IS NOT NULL;
CREATE INDEX media_assets_valid_from_idx ON media_assets (valid_from) WHERE valid_from IS NOT NULL;
CREATE INDEX media_assets_created_idx ON media_assets (created_at DESC, id DESC);

-- One encoded size of one crop. The key is content-addressed (the rendition's
-- own bytes), so its URL never changes meaning. A focal-point change deletes
-- the asset's renditions; they are made again.
CREATE TABLE media_renditions (
  asset_id    uuid NOT NULL REFERENCES media_assets (id) ON DELETE CASCADE,
  crop        text NOT NULL CHECK (crop IN ('16:9', '4:3', '1:1')),
  width       integer NOT NULL CHECK (width > 0),
  height      integer NOT NULL CHECK (height > 0),
  format      text NOT NULL CHECK (format IN ('avif', 'webp', 'jpeg')),
  storage_key text NOT NULL,
  bytes       integer NOT NULL CHECK (bytes > 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (asset_id, crop, width, format)
);
CREATE INDEX media_renditions_key_idx ON media_renditions (storage_key);
