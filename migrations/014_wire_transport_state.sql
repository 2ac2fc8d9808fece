-- Wire transports (issue 12): the S3 keys a source's poller has taken.
--
-- A key is written after the desk committed what the object held, so a
-- crash in between means the object is taken again on the next poll and the
-- desk, which keys items by (source, guid, version), stores it once. The
-- table only grows by what the agency puts under the prefix; keys removed
-- from the bucket may be deleted here by an operator (they are never listed
-- again).
CREATE TABLE wire_transport_keys (
  source    text NOT NULL REFERENCES wire_sources (id) ON DELETE CASCADE,
  key       text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 1024),
  -- the object's ETag when it was taken (for operators: which bytes were read)
  etag      text CHECK (char_length(etag) <= 200),
  taken_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, key)
);
