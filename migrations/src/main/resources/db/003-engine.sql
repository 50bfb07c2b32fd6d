--liquibase formatted sql

--changeset skyhold:003-agent-load
-- What an agent's open sessions hold, kept by the same statement that places or ends a session, so that a
-- placement is one conditional UPDATE that can never over-commit the agent, however many run at once.
ALTER TABLE agents
    ADD COLUMN reserved_cores     integer     NOT NULL DEFAULT 0 CHECK (reserved_cores >= 0),
    ADD COLUMN reserved_gpus      integer     NOT NULL DEFAULT 0 CHECK (reserved_gpus >= 0),
    ADD COLUMN reserved_memory_mb bigint      NOT NULL DEFAULT 0 CHECK (reserved_memory_mb >= 0),
    ADD COLUMN session_count      integer     NOT NULL DEFAULT 0 CHECK (session_count >= 0),
    ADD COLUMN idle_since         timestamptz;
CREATE UNIQUE INDEX agents_checkin_token ON agents (checkin_token_hash) WHERE checkin_token_hash IS NOT NULL;
CREATE UNIQUE INDEX agents_heartbeat_token ON agents (heartbeat_token_hash) WHERE heartbeat_token_hash IS NOT NULL;

--changeset skyhold:003-zone-scale-up
ALTER TABLE zones ADD COLUMN last_scale_up_at timestamptz;
