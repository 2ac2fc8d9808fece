-- The agency desk (issue 12): wire sources, their category rules, the items
-- they delivered with every version, the stories taken from them, pictures
-- fetched from them and documents that could not be read.
--
-- An item is keyed by (source, guid): the agency's identity within one
-- source. Each version is kept whole (wire_versions.doc, the WireItem JSON)
-- so any two can be compared; wire_items carries the current version's
-- copies of what the desk filters, sorts and searches on, written in the
-- same transaction as the version row, so they cannot drift apart.

CREATE TABLE wire_sources (
  id               text PRIMARY KEY CHECK (id ~ '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$'),
  name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  format           text NOT NULL DEFAULT 'auto' CHECK (format IN ('auto', 'digitalwires', 'ninjs', 'newsml-g2')),
  transport        text NOT NULL DEFAULT 'manual' CHECK (transport IN ('wireq', 'push', 'folder', 's3', 'manual')),
  -- what the transport needs (queue URL, folder, bucket prefix) and the default section
  settings         jsonb NOT NULL DEFAULT '{}',
  -- the HMAC-SHA256 secret of a push source; never shown back in lists
  secret           text,
  -- what a withdrawal does to published stories taken from the source's items
  withdraw_policy  text NOT NULL DEFAULT 'flag' CHECK (withdraw_policy IN ('flag', 'depublish')),
  -- [{ when: { scheme, code | name }, publish: true }]; empty: nothing is published by itself
  auto_publish     jsonb NOT NULL DEFAULT '[]',
  active           boolean NOT NULL DEFAULT true,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Category → section/topics, per source, in order: the first rule that matches
-- gives the section, every matching rule adds its topics.
CREATE TABLE wire_rules (
  source    text NOT NULL REFERENCES wire_sources (id) ON DELETE CASCADE,
  position  integer NOT NULL CHECK (position >= 0),
  scheme    text NOT NULL,
  code      text CHECK (char_length(code) <= 200),
  name      text CHECK (char_length(name) <= 200),
  section   text CHECK (char_length(section) <= 80),
  topics    text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (source, position),
  CHECK (code IS NOT NULL OR name IS NOT NULL),
  CHECK (section IS NOT NULL OR cardinality(topics) > 0)
);

CREATE TABLE wire_items (
  id                uuid PRIMARY KEY,
  -- RESTRICT: a source with items is deactivated, not deleted (the items keep their provenance)
  source            text NOT NULL REFERENCES wire_sources (id) ON DELETE RESTRICT,
  guid              text NOT NULL CHECK (char_length(guid) BETWEEN 1 AND 1000),
  -- the current (highest) version
  version           integer NOT NULL CHECK (version >= 1),
  pub_status        text NOT NULL CHECK (pub_status IN ('usable', 'withheld', 'canceled')),
  urgency           smallint CHECK (urgency BETWEEN 1 AND 9),
  -- an Eilmeldung (urgency 1–2): what "urgent on top" sorts by
  eil               boolean GENERATED ALWAYS AS (coalesce(urgency, 9) <= 2) STORED,
  item_type         text NOT NULL,
  headline          text NOT NULL,
  language          text,
  -- desk codes and names; every category as "scheme:code" and "scheme:name" (filters)
  desks             text[] NOT NULL DEFAULT '{}',
  categories        text[] NOT NULL DEFAULT '{}',
  -- when the current version arrived (the desk's order: a new version comes back on top)
  received_at       timestamptz NOT NULL,
  first_received_at timestamptz NOT NULL,
  versions          integer NOT NULL DEFAULT 1 CHECK (versions >= 1),
  -- new, taken (a story was made from it), corrected (a correction arrived), withdrawn
  status            text NOT NULL CHECK (status IN ('new', 'taken', 'corrected', 'withdrawn')),
  taken             boolean NOT NULL DEFAULT false,
  corrected         boolean NOT NULL DEFAULT false,
  embargo_until     timestamptz,
  -- German full text: kicker and headline (A), subhead and teaser (B), body and boxes (C)
  search            tsvector NOT NULL DEFAULT ''::tsvector,
  UNIQUE (source, guid)
);
CREATE INDEX wire_items_newest_idx ON wire_items (received_at DESC, id DESC);
CREATE INDEX wire_items_eil_idx ON wire_items (eil DESC, received_at DESC, id DESC);
CREATE INDEX wire_items_source_idx ON wire_items (source, received_at DESC, id DESC);
CREATE INDEX wire_items_urgency_idx ON wire_items (urgency, received_at DESC) WHERE urgency IS NOT NULL;
CREATE INDEX wire_items_desks_idx ON wire_items USING gin (desks);
CREATE INDEX wire_items_categories_idx ON wire_items USING gin (categories);
CREATE INDEX wire_items_search_idx ON wire_items USING gin (search);
-- As for stories (migration 012): PGlite never vacuums, and a big pending list
-- made every search read it whole; a small one is merged by the write that fills it.
ALTER INDEX wire_items_search_idx SET (gin_pending_list_limit = 64);
-- Search vectors are small (agency texts): they stay in the row.
ALTER TABLE wire_items ALTER COLUMN search SET STORAGE MAIN;

CREATE TABLE wire_versions (
  item_id      uuid NOT NULL REFERENCES wire_items (id) ON DELETE CASCADE,
  version      integer NOT NULL CHECK (version >= 1),
  -- the WireItem as read (notes and usage terms included: desk-only)
  doc          jsonb NOT NULL,
  pub_status   text NOT NULL,
  correction   boolean NOT NULL DEFAULT false,
  received_at  timestamptz NOT NULL DEFAULT now(),
  -- the transport it came by (wireq, push, folder, s3, cli, manual)
  via          text,
  -- false for a version older than the current one that arrived late (stored, never shown as current)
  late         boolean NOT NULL DEFAULT false,
  PRIMARY KEY (item_id, version)
);

CREATE TABLE wire_takes (
  item_id          uuid NOT NULL REFERENCES wire_items (id) ON DELETE CASCADE,
  story_id         uuid NOT NULL UNIQUE REFERENCES stories (id) ON DELETE CASCADE,
  taken_version    integer NOT NULL CHECK (taken_version >= 1),
  taken_by         uuid REFERENCES users (id) ON DELETE SET NULL,
  taken_by_name    text,
  taken_at         timestamptz NOT NULL DEFAULT now(),
  -- what the editor must be warned of: the item was withdrawn, or the story was depublished for it
  alert            text CHECK (alert IN ('withdrawn', 'depublished')),
  auto_published   boolean NOT NULL DEFAULT false,
  PRIMARY KEY (item_id, story_id)
);

-- A picture fetched from an agency rendition URL, so a second take-over of it
-- (or of another item with the same picture) uses the asset without fetching again.
CREATE TABLE wire_pictures (
  href        text PRIMARY KEY CHECK (char_length(href) <= 2000),
  asset_id    uuid NOT NULL REFERENCES media_assets (id) ON DELETE CASCADE,
  fetched_at  timestamptz NOT NULL DEFAULT now()
);

-- Documents that could not be read: listed with their reason, never blocking the queue.
CREATE TABLE wire_dead_letters (
  id           uuid PRIMARY KEY,
  source       text NOT NULL REFERENCES wire_sources (id) ON DELETE CASCADE,
  name         text CHECK (char_length(name) <= 1000),
  via          text,
  reason       text NOT NULL,
  -- the document as received, cut at 5 MB (`size` is what arrived; `truncated` then true)
  raw          bytea NOT NULL,
  size         integer NOT NULL,
  truncated    boolean NOT NULL DEFAULT false,
  received_at  timestamptz NOT NULL DEFAULT now(),
  retried_at   timestamptz,
  retries      integer NOT NULL DEFAULT 0,
  resolved     boolean NOT NULL DEFAULT false,
  resolved_at  timestamptz
);
CREATE INDEX wire_dead_letters_open_idx ON wire_dead_letters (received_at DESC, id DESC) WHERE NOT resolved;
