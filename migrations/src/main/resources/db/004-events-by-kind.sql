--liquibase formatted sql

--changeset skyhold:004-events-by-kind runInTransaction:false
-- The events page filters the decision log by kind and offers the kinds that exist. With this index both are
-- index reads on a log of millions of rows: "kind = ? ORDER BY at DESC, id DESC" walks one kind's entries
-- newest first, and the distinct kinds are found by skipping from one kind to the next.
-- Built CONCURRENTLY so that managers still appending events are not blocked while it builds; that cannot run
-- in a transaction, and a build cut short leaves an invalid index behind, so a re-run drops it first.
DROP INDEX CONCURRENTLY IF EXISTS events_kind_at;
CREATE INDEX CONCURRENTLY events_kind_at ON events (kind, at DESC, id DESC);
