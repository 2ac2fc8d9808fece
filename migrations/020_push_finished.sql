-- A push send is finished when none of its deliveries is pending any more
-- (each delivered, failed for good, or dropped with its subscription). The
-- sender stamps finished_at once, under a row lock, and audits the results
-- (push.finished) in the same transaction, so every send is audited once
-- with its audience and its results, whichever node finished it.
ALTER TABLE push_sends ADD COLUMN finished_at timestamptz;
CREATE INDEX push_sends_unfinished ON push_sends (created_at) WHERE finished_at IS NULL AND status = 'sent';
-- "does this send still have a pending delivery": one index probe
CREATE INDEX push_deliveries_pending_by_send ON push_deliveries (send_id) WHERE state = 'pending';
