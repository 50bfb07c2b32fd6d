--liquibase formatted sql

--changeset skyhold:001-installation
-- One row: this installation's id, written into every cloud tag so that a sweeper only ever touches our VMs.
CREATE TABLE installation (
    id          text        PRIMARY KEY CHECK (id ~ '^[a-z0-9]{8,32}$'),
    singleton   boolean     NOT NULL DEFAULT true UNIQUE CHECK (singleton),
    created_at  timestamptz NOT NULL DEFAULT now()
);

--changeset skyhold:001-users
CREATE TABLE users (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username       text        NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 100),
    password_hash  text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

--changeset skyhold:001-api-keys
CREATE TABLE api_keys (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    key_prefix    text        NOT NULL UNIQUE,
    key_hash      text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);

--changeset skyhold:001-dns-provider-configs
CREATE TABLE dns_provider_configs (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               text        NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    kind               text        NOT NULL CHECK (kind IN ('route53','digitalocean','oci','gcp','azure','rfc2136','simulated')),
    endpoint_override  text,
    -- the kind's own non-secret fields; shape-checked by the application on every save
    settings           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- the kind's secret fields as one AES-GCM sealed JSON object; never readable without the master key
    secrets            bytea,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

--changeset skyhold:001-zones
CREATE TABLE zones (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                      text        NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    scaling_enabled           boolean     NOT NULL DEFAULT false,
    prioritize_static_agents  boolean     NOT NULL DEFAULT true,
    standby_cores             integer     NOT NULL DEFAULT 0 CHECK (standby_cores >= 0),
    standby_gpus              integer     NOT NULL DEFAULT 0 CHECK (standby_gpus >= 0),
    standby_memory_mb         bigint      NOT NULL DEFAULT 0 CHECK (standby_memory_mb >= 0),
    downscale_backoff         integer     NOT NULL DEFAULT 600 CHECK (downscale_backoff >= 0),
    agent_cores_override      integer     CHECK (agent_cores_override >= 0),
    agent_gpus_override       integer     CHECK (agent_gpus_override >= 0),
    agent_memory_override_gb  integer     CHECK (agent_memory_override_gb >= 0),
    register_dns              boolean     NOT NULL DEFAULT false,
    dns_provider_id           bigint      REFERENCES dns_provider_configs (id) ON DELETE RESTRICT,
    base_domain_name          text,
    nginx_cert                text,
    nginx_key                 bytea,
    load_balance_strategy     text        NOT NULL DEFAULT 'most_loaded'
                                          CHECK (load_balance_strategy IN ('most_loaded','least_loaded')),
    upstream_auth_address     text,
    provision_timeout         integer     NOT NULL DEFAULT 900 CHECK (provision_timeout > 0),
    agent_missing_after       integer     NOT NULL DEFAULT 120 CHECK (agent_missing_after > 0),
    agent_dead_after          integer     NOT NULL DEFAULT 600 CHECK (agent_dead_after > 0),
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    CHECK (agent_dead_after >= agent_missing_after),
    CHECK (NOT register_dns OR (dns_provider_id IS NOT NULL AND base_domain_name IS NOT NULL))
);

--changeset skyhold:001-vm-provider-configs
CREATE TABLE vm_provider_configs (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    zone_id            bigint      NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
    name               text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind               text        NOT NULL CHECK (kind IN ('aws','digitalocean','oci','gcp','azure','simulated')),
    enabled            boolean     NOT NULL DEFAULT true,
    priority           integer     NOT NULL DEFAULT 0,
    max_instances      integer     NOT NULL DEFAULT 0 CHECK (max_instances >= 0),
    startup_script     text        NOT NULL DEFAULT '',
    endpoint_override  text,
    require_checkin    boolean     NOT NULL DEFAULT true,
    settings           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    secrets            bytea,
    -- back-off state written by the executor; cleared when the settings change
    backoff_until      timestamptz,
    backoff_level      integer     NOT NULL DEFAULT 0 CHECK (backoff_level >= 0),
    last_error_class   text        CHECK (last_error_class IN ('capacity','quota','throttled','auth','bad_config','other')),
    last_error         text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (zone_id, name)
);
CREATE INDEX vm_provider_configs_zone ON vm_provider_configs (zone_id, priority);

--changeset skyhold:001-agents
CREATE TABLE agents (
    id                    text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{2,40}$'),
    zone_id               bigint      NOT NULL REFERENCES zones (id) ON DELETE RESTRICT,
    -- NULL for a static agent, or once its provider config has been deleted (autoscaled says which)
    provider_config_id    bigint      REFERENCES vm_provider_configs (id) ON DELETE SET NULL,
    autoscaled            boolean     NOT NULL,
    name                  text        NOT NULL,
    state                 text        NOT NULL CHECK (state IN
                              ('pending','starting','running','draining','destroying','destroyed','failed','missing','dead')),
    instance_id           text,
    address               text,
    public_ip             text,
    private_ip            text,
    dns_name              text,
    cores                 integer     NOT NULL DEFAULT 0 CHECK (cores >= 0),
    gpus                  integer     NOT NULL DEFAULT 0 CHECK (gpus >= 0),
    memory_mb             bigint      NOT NULL DEFAULT 0 CHECK (memory_mb >= 0),
    checkin_token_hash    text,
    heartbeat_token_hash  text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    state_changed_at      timestamptz NOT NULL DEFAULT now(),
    checked_in_at         timestamptz,
    last_heartbeat_at     timestamptz,
    destroyed_at          timestamptz,
    last_error            text,
    CHECK (autoscaled OR provider_config_id IS NULL)
);
CREATE INDEX agents_zone_state ON agents (zone_id, state);
CREATE INDEX agents_provider_live ON agents (provider_config_id) WHERE state NOT IN ('destroyed','failed');
CREATE UNIQUE INDEX agents_instance ON agents (provider_config_id, instance_id) WHERE instance_id IS NOT NULL;
CREATE UNIQUE INDEX agents_static_name ON agents (zone_id, name) WHERE NOT autoscaled AND state <> 'destroyed';

--changeset skyhold:001-images
CREATE TABLE images (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    cores      integer     NOT NULL DEFAULT 0 CHECK (cores >= 0),
    gpus       integer     NOT NULL DEFAULT 0 CHECK (gpus >= 0),
    memory_mb  bigint      NOT NULL DEFAULT 0 CHECK (memory_mb >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

--changeset skyhold:001-staging-configs
CREATE TABLE staging_configs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    zone_id         bigint      NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
    image_id        bigint      NOT NULL REFERENCES images (id) ON DELETE RESTRICT,
    num_sessions    integer     NOT NULL CHECK (num_sessions >= 0),
    expiration      integer     NOT NULL CHECK (expiration > 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (zone_id, image_id)
);

--changeset skyhold:001-sessions
CREATE TABLE sessions (
    id          text        PRIMARY KEY,
    zone_id     bigint      NOT NULL REFERENCES zones (id) ON DELETE RESTRICT,
    image_id    bigint      NOT NULL REFERENCES images (id) ON DELETE RESTRICT,
    agent_id    text        NOT NULL REFERENCES agents (id) ON DELETE RESTRICT,
    kind        text        NOT NULL CHECK (kind IN ('staged','user')),
    state       text        NOT NULL CHECK (state IN ('staged','active','ended')),
    user_name   text,
    -- the image's reservation at placement time, so a later image edit cannot over-commit an agent
    cores       integer     NOT NULL CHECK (cores >= 0),
    gpus        integer     NOT NULL CHECK (gpus >= 0),
    memory_mb   bigint      NOT NULL CHECK (memory_mb >= 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    claimed_at  timestamptz,
    expires_at  timestamptz,
    ended_at    timestamptz,
    CHECK ((state = 'ended') = (ended_at IS NOT NULL))
);
CREATE INDEX sessions_agent_open ON sessions (agent_id) WHERE state <> 'ended';
CREATE INDEX sessions_zone_open ON sessions (zone_id, image_id, state) WHERE state <> 'ended';

--changeset skyhold:001-events
CREATE TABLE events (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    zone_id   bigint      REFERENCES zones (id) ON DELETE SET NULL,
    agent_id  text,
    kind      text        NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
    actor     text        NOT NULL DEFAULT 'system',
    reason    text        NOT NULL,
    data      jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX events_at ON events (at DESC, id DESC);
CREATE INDEX events_zone_at ON events (zone_id, at DESC, id DESC);
CREATE INDEX events_agent_at ON events (agent_id, at DESC, id DESC) WHERE agent_id IS NOT NULL;

--changeset skyhold:001-zone-leases
-- One row per zone: which manager runs the zone's loop until expires_at. epoch grows on every take-over and
-- fences provider actions of a manager that lost the lease without noticing.
CREATE TABLE zone_leases (
    zone_id      bigint      PRIMARY KEY REFERENCES zones (id) ON DELETE CASCADE,
    manager_id   text        NOT NULL,
    epoch        bigint      NOT NULL DEFAULT 1 CHECK (epoch > 0),
    acquired_at  timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
