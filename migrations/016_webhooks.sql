-- Webhooks (issue 13): subscriptions, the durable outbox and the delivery log.
--
-- Outbox rows are inserted by the writer in the SAME transaction as the
-- change they announce: a rollback leaves none, a crash after the commit
-- loses none. A worker on any node claims due rows with FOR UPDATE SKIP
-- LOCKED and a short lease (next_attempt_at moved ahead), so each delivery
-- is sent by one node, and by another only if that node died mid-send.
CREATE TABLE webhook_subscriptions (
  id                   uuid PRIMARY KEY,
  url                  text NOT NULL CHECK (char_length(url) BETWEEN 8 AND 2000),
  events               text[] NOT NULL,
  -- "whsec_" + base64; needed in clear to sign (shown to the admin once)
  secret               text NOT NULL,
  description          text NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
  active               boolean NOT NULL DEFAULT true,
  -- why the worker turned the subscription off (shown in the newsroom); NULL while fine
  disabled_reason      text,
  disabled_at          timestamptz,
  consecutive_failures integer NOT NULL DEFAULT 0,
  -- first failure of the current run of failures (24 h of only failures turns it off)
  failing_since        timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_outbox (
  -- the stable `webhook-id` header, the same on every retry
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- insertion order: deliveries of one subscription and key go out in this order
  seq              bigserial NOT NULL UNIQUE,
  subscription_id  uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  event_type       text NOT NULL,
  payload          jsonb NOT NULL,
  -- what a delivery is ordered by: the story id, or e.g. "topic:<slug>" for story-less events
  order_key        text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  attempts         integer NOT NULL DEFAULT 0,
  state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
  delivered_at     timestamptz,
  -- set for events more than one node may notice (the rights sweep): told once per subscription
  dedupe_key       text
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_outbox_order ON webhook_outbox (subscription_id, order_key, seq) WHERE state = 'pending';
CREATE INDEX webhook_outbox_by_subscription ON webhook_outbox (subscription_id, seq DESC);
CREATE UNIQUE INDEX webhook_outbox_dedupe ON webhook_outbox (subscription_id, dedupe_key) WHERE dedupe_key IS NOT NULL;

CREATE TABLE webhook_attempts (
  id           bigserial PRIMARY KEY,
  outbox_id    uuid NOT NULL REFERENCES webhook_outbox (id) ON DELETE CASCADE,
  at           timestamptz NOT NULL DEFAULT now(),
  duration_ms  integer NOT NULL,
  status_code  integer,
  error        text CHECK (char_length(error) <= 1000),
  node         text NOT NULL DEFAULT ''
);
CREATE INDEX webhook_attempts_by_outbox ON webhook_attempts (outbox_id, at);
