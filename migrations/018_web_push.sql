-- Web Push to readers (issue 14): subscriptions, the VAPID key pair, sends
-- and their per-subscription delivery outbox.
--
-- Privacy: a subscription keeps only what sending needs (the endpoint, the
-- browser's two keys) and what the reader chose (topics). No IP address, no
-- user agent, no account, no read receipts.
--
-- The outbox rows of a send are written by ONE INSERT … SELECT in the same
-- transaction as the send row: a rollback leaves none, a commit all. Workers
-- on any node claim due rows with FOR UPDATE SKIP LOCKED and a lease
-- (next_attempt_at moved ahead), so one subscription is sent a push by one
-- node, and by another only if that node died mid-send.
CREATE TABLE push_subscriptions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the push service's capability URL (https only; checked by the service layer)
  endpoint    text NOT NULL UNIQUE CHECK (char_length(endpoint) BETWEEN 12 AND 2000),
  -- the browser's P-256 public key (65 octets, base64url) and auth secret (16 octets, base64url)
  p256dh      text NOT NULL CHECK (char_length(p256dh) = 87),
  auth        text NOT NULL CHECK (char_length(auth) = 22),
  -- what the reader asked for: 'all' (every breaking push), 'section:<slug>', 'topic:<slug>'
  topics      text[] NOT NULL CHECK (cardinality(topics) BETWEEN 1 AND 50),
  created_at  timestamptz NOT NULL DEFAULT now()
);
-- "who gets a push for section X": topics @> ARRAY['section:x']
CREATE INDEX push_subscriptions_topics ON push_subscriptions USING gin (topics);

-- The VAPID key pair (RFC 8292) made on first use, when the environment gives none.
-- One row only: two nodes starting at once both INSERT … ON CONFLICT DO NOTHING
-- and read back the one that won.
CREATE TABLE push_vapid_keys (
  id           smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  public_key   text NOT NULL,
  private_key  text NOT NULL,
  subject      text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE push_sends (
  id           uuid PRIMARY KEY,
  title        text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
  body         text NOT NULL CHECK (char_length(body) <= 400),
  -- a path on the site; the service worker opens it
  url          text NOT NULL CHECK (char_length(url) BETWEEN 1 AND 1000),
  icon         text CHECK (char_length(icon) <= 1000),
  -- whom: 'all' (breaking), 'section:<slug>' or 'topic:<slug>'
  filter       text NOT NULL,
  -- RFC 8030 Topic header: a newer push with the same topic replaces an undelivered older one
  push_topic   text,
  -- the message's TTL: retries stop when it has passed (the message is stale then)
  ttl_seconds  integer NOT NULL CHECK (ttl_seconds BETWEEN 0 AND 2419200),
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  audience     integer NOT NULL DEFAULT 0,
  delivered    integer NOT NULL DEFAULT 0,
  failed       integer NOT NULL DEFAULT 0,
  -- subscriptions that answered 404/410 (or unsubscribed) before this send reached them
  removed      integer NOT NULL DEFAULT 0
);
CREATE INDEX push_sends_recent ON push_sends (created_at DESC);

-- One row per (send, subscription). No foreign keys on purpose: a send to
-- 100,000 subscriptions is one INSERT … SELECT, and two FK checks per row
-- would cost more than the insert; removing a subscription deletes its
-- pending rows itself (push-repository.ts), and a row whose subscription
-- vanished in a race is dropped by the worker when it claims it.
CREATE TABLE push_deliveries (
  send_id          uuid NOT NULL,
  subscription_id  uuid NOT NULL,
  state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_status      integer,
  last_error       text CHECK (char_length(last_error) <= 500),
  PRIMARY KEY (send_id, subscription_id)
);
CREATE INDEX push_deliveries_due ON push_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX push_deliveries_by_subscription ON push_deliveries (subscription_id) WHERE state = 'pending';
