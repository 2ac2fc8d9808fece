-- WebSub (issue 13): the hubs the feeds announce, and the pings owed to them.
--
-- websub_hubs mirrors LEDE_WEBSUB_HUB (written by `lede serve` at start), so
-- a writer can queue pings inside its own transaction without knowing the
-- configuration: with no hub, the INSERT … SELECT queues nothing.
CREATE TABLE websub_hubs (
  url  text PRIMARY KEY CHECK (char_length(url) BETWEEN 8 AND 2000)
);

-- One row per (hub, feed) that changed and has not been pinged yet: a burst of
-- changes to one feed is one ping. `generation` grows with every change, so a
-- ping sent while another change committed is sent again (the hub may have
-- fetched the feed before that commit).
CREATE TABLE websub_pings (
  hub              text NOT NULL REFERENCES websub_hubs (url) ON DELETE CASCADE,
  -- the feed's path on the site ("/feed.xml", "/politik/atom.xml"); the sender makes it absolute
  topic            text NOT NULL CHECK (char_length(topic) <= 1000),
  generation       integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  attempts         integer NOT NULL DEFAULT 0,
  last_error       text CHECK (char_length(last_error) <= 1000),
  PRIMARY KEY (hub, topic)
);
CREATE INDEX websub_pings_due ON websub_pings (next_attempt_at);
