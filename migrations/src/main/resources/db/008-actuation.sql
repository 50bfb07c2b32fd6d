--liquibase formatted sql

--changeset skyhold:008-actuation
-- How many create/delete calls the engine may have in flight to one VM provider (it goes lower while the cloud
-- throttles), and the size of one agent as the cloud told it (looked up when the provider is saved and at
-- start-up), so a burst is ordered at once instead of one agent until the first checks in.
ALTER TABLE vm_provider_configs
    ADD COLUMN max_concurrent_calls integer NOT NULL DEFAULT 10 CHECK (max_concurrent_calls BETWEEN 1 AND 1000),
    ADD COLUMN agent_cores          bigint CHECK (agent_cores >= 0),
    ADD COLUMN agent_gpus           bigint CHECK (agent_gpus >= 0),
    ADD COLUMN agent_memory_mb      bigint CHECK (agent_memory_mb >= 0),
    ADD COLUMN agent_size_at        timestamptz;
