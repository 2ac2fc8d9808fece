-- Search at 100,000 stories (issue 11, goal 5).
--
-- 1. The search vector in the row. A story's vector is about 3 KB compressed,
-- so PostgreSQL moved it out to the TOAST table, and every story a search
-- looked at (up to a few thousand for a common word: the newest 1,000 matches
-- and the misses between them) cost a TOAST index lookup. Kept in the row
-- (compressed; `doc`, the big column, still goes out first), a common word's
-- window took 7 ms instead of 36 ms and a mid-frequent one 39 ms instead of
-- 122 ms on PGlite at 20,000 stories. A vector too big even for a whole page
-- still goes out (MAIN allows it as a last resort).
ALTER TABLE stories ALTER COLUMN search SET STORAGE MAIN;
ALTER TABLE stories SET (toast_tuple_target = 8160);
-- At 100,000 stories on PGlite the bench's whole query mix went from p95
-- 101 ms to 44 ms.
-- Rewrite the existing vectors so they move into their rows (the value is
-- unchanged; concatenating the empty vector only makes a new copy). This is a
-- one-time cost when upgrading a large archive: about 3 minutes on PGlite for
-- 100,000 stories on 2 shared cores (the database grows by the old row
-- versions until a VACUUM; PostgreSQL's autovacuum does that by itself).
UPDATE stories SET search = search || ''::tsvector WHERE search <> ''::tsvector;
-- (Before the pending list is made small below: the rewrite's index entries
-- are merged in a few big batches rather than many small ones.)

-- 2. The search index's pending list. A GIN index collects new entries in an
-- unsorted pending list (up to gin_pending_list_limit, 4 MB by default) until a
-- VACUUM merges them; PGlite never vacuums by itself. Every search reads that
-- whole list, and the planner, costing it, chose to read every story instead of
-- the index: a rare word took 318 ms at 20,000 stories on PGlite instead of
-- 15 ms. A list of at most 64 kB is merged by the write that fills it (a few
-- stories' worth, so writes stay batched) and costs a search next to nothing.
ALTER INDEX stories_search_idx SET (gin_pending_list_limit = 64);
SELECT gin_clean_pending_list('stories_search_idx');
