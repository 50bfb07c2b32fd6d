--liquibase formatted sql

--changeset skyhold:005-capacity-samples
-- Free and target capacity of a zone as its primary manager planned it, one row a minute, for the zone dashboard's
-- chart. Samples older than a week are pruned by the engine, so the table stays about 10 000 rows per zone.
-- Free may be negative (an override below what sessions hold); target never is.
CREATE TABLE capacity_samples (
    zone_id           bigint      NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
    at                timestamptz NOT NULL,
    free_cores        bigint      NOT NULL,
    free_gpus         bigint      NOT NULL,
    free_memory_mb    bigint      NOT NULL,
    target_cores      bigint      NOT NULL CHECK (target_cores >= 0),
    target_gpus       bigint      NOT NULL CHECK (target_gpus >= 0),
    target_memory_mb  bigint      NOT NULL CHECK (target_memory_mb >= 0),
    PRIMARY KEY (zone_id, at)
);
-- the prune deletes by time across all zones
CREATE INDEX capacity_samples_at ON capacity_samples (at);
