--liquibase formatted sql

--changeset skyhold:014-schedules
-- A zone's standby windows (issue 20). Times are local wall-clock times in time_zone (an IANA name); an end at
-- or before the start is on the next day. days holds the wire names mon..sun of the days the window opens on.
CREATE TABLE schedule_windows (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    zone_id            bigint      NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
    name               text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    days               text        NOT NULL,
    start_time         time        NOT NULL,
    end_time           time        NOT NULL,
    time_zone          text        NOT NULL,
    standby_cores      integer     NOT NULL CHECK (standby_cores >= 0),
    standby_gpus       integer     NOT NULL CHECK (standby_gpus >= 0),
    standby_memory_mb  bigint      NOT NULL CHECK (standby_memory_mb >= 0),
    lead_minutes       integer     NOT NULL DEFAULT 0 CHECK (lead_minutes BETWEEN 0 AND 720),
    drain_at_end       boolean     NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT schedule_windows_zone_name UNIQUE (zone_id, name)
);

-- The staged-session count a window sets for an image, replacing the zone's staging config inside the window.
CREATE TABLE schedule_window_staging (
    window_id     bigint  NOT NULL REFERENCES schedule_windows (id) ON DELETE CASCADE,
    image_id      bigint  NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    num_sessions  integer NOT NULL CHECK (num_sessions >= 0),
    PRIMARY KEY (window_id, image_id)
);

-- The newest agents of a provider that checked in, for the median boot time the windows' lead uses.
CREATE INDEX agents_provider_booted ON agents (provider_config_id, created_at DESC)
    WHERE checked_in_at IS NOT NULL;
