--liquibase formatted sql

--changeset skyhold:012-dns-records
-- The DNS records Skyhold registered: its ownership registry. The sweeper deletes only records listed here whose
-- agent is gone (and, found by name, records of agents this installation created that ended with no row here), so
-- records another zone or installation wrote under the same domain are never touched. A row is written before the
-- cloud call that creates or changes the record, so a crash between the two leaves a row without a record, which
-- the sweeper's delete treats as already done, never a record nobody knows about.
CREATE TABLE dns_records (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dns_provider_id bigint      NOT NULL REFERENCES dns_provider_configs (id) ON DELETE CASCADE,
    dns_zone        text        NOT NULL,
    name            text        NOT NULL,
    value           text        NOT NULL,
    agent_id        text        NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    updated_at      timestamptz NOT NULL,
    UNIQUE (dns_provider_id, name)
);
CREATE INDEX dns_records_agent ON dns_records (agent_id);

-- Each agent's registration outcome: whether its A record holds its address (dns_value is the address it holds),
-- and the last error while it does not, so a failed registration is retried in every live state and the zone's
-- health can say how many agents have none.
ALTER TABLE agents
    ADD COLUMN dns_registered boolean NOT NULL DEFAULT false,
    ADD COLUMN dns_value      text,
    ADD COLUMN dns_error      text,
    ADD COLUMN dns_error_at   timestamptz;
-- Every pass of a zone that registers DNS asks which agents' records do not hold their address, and every health
-- line how many fail: both read only these small partial indexes, not the zone's every agent (10,000 agents:
-- 13 ms a pass without them). The predicate is the repository's, word for word, so the planner can use it.
CREATE INDEX agents_dns_unsettled ON agents (zone_id, created_at, id)
    WHERE autoscaled AND (NOT dns_registered OR dns_value IS DISTINCT FROM COALESCE(public_ip, private_ip));
CREATE INDEX agents_dns_failing ON agents (zone_id) WHERE dns_error IS NOT NULL;

-- Names registered before the registry existed become its rows, so the sweeper and the destroy keep handling them.
UPDATE agents SET dns_registered = true, dns_value = COALESCE(public_ip, private_ip)
 WHERE dns_name IS NOT NULL AND COALESCE(public_ip, private_ip) IS NOT NULL;
INSERT INTO dns_records (dns_provider_id, dns_zone, name, value, agent_id, updated_at)
SELECT z.dns_provider_id, z.base_domain_name, a.dns_name, COALESCE(a.public_ip, a.private_ip), a.id, now()
  FROM agents a JOIN zones z ON z.id = a.zone_id
 WHERE a.dns_name IS NOT NULL AND COALESCE(a.public_ip, a.private_ip) IS NOT NULL
   AND z.dns_provider_id IS NOT NULL AND z.base_domain_name IS NOT NULL
ON CONFLICT (dns_provider_id, name) DO NOTHING;
