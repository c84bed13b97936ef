-- Rate-limit counters are worth nothing after a crash and are written on every post, sign-in and
-- flag: without WAL their commits wait for no disk flush. A crash empties the table, which only
-- forgets recent counts.
ALTER TABLE "rate_limits" SET UNLOGGED;
