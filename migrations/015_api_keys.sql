-- API keys of the public content API (/api/v1). The secret is shown once at
-- creation and never stored: the table holds its SHA-256 (the secret is 24
-- random bytes, so a fast hash is enough: nobody can guess their way back
-- from it, unlike a password). `prefix` is the secret's first characters in
-- clear, so a list can tell keys apart without holding anything usable.
CREATE TABLE api_keys (
  id               uuid PRIMARY KEY,
  name             text NOT NULL,
  prefix           text NOT NULL,
  key_hash         text NOT NULL UNIQUE,
  -- what the key may read; only the public content for now
  scope            text NOT NULL DEFAULT 'public' CHECK (scope IN ('public')),
  rate_per_minute  integer NOT NULL CHECK (rate_per_minute BETWEEN 1 AND 100000),
  expires_at       timestamptz,
  created_by       uuid REFERENCES users (id) ON DELETE SET NULL,
  -- the creator's name as it was at the time
  created_by_name  text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  -- written at most once a minute per key and node (ApiKeyService.noteUse)
  last_used_at     timestamptz,
  revoked_at       timestamptz,
  revoked_by_name  text
);
CREATE INDEX api_keys_created_idx ON api_keys (created_at DESC);
