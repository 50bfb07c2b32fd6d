--liquibase formatted sql

--changeset skyhold:006-agent-lists runInTransaction:false
-- The agents page lists the newest agents of each zone that match its filters and stops at a page's worth; the
-- zone dashboard counts live agents and those that ended recently; an agent's page reads its lifecycle. Without
-- these indexes each of those read every agent (or every event of the agent) the zone ever had, and destroyed
-- agents only accumulate:
--  * agents (zone_id, state, created_at DESC, id DESC): one zone's agents in some states, newest first. It also
--    serves everything the (zone_id, state) index it replaces served (the engine's reads by zone and state).
--  * agents (zone_id, created_at DESC, id DESC): one zone's agents in any state ("show destroyed"), newest first.
--  * agents (zone_id, state_changed_at) of the ended states only: the agents that ended since a moment.
--  * events (agent_id, at, id) of the agent.* kinds only: an agent's lifecycle, oldest first, without reading
--    its session events.
-- Built CONCURRENTLY, as 004 is, so that managers writing heartbeats and events are not blocked while a large
-- table is indexed; that cannot run in a transaction, and a build cut short leaves an invalid index behind, so a
-- re-run drops each first.
DROP INDEX CONCURRENTLY IF EXISTS agents_zone_state_created;
CREATE INDEX CONCURRENTLY agents_zone_state_created ON agents (zone_id, state, created_at DESC, id DESC);
DROP INDEX CONCURRENTLY IF EXISTS agents_zone_state;
DROP INDEX CONCURRENTLY IF EXISTS agents_zone_created;
CREATE INDEX CONCURRENTLY agents_zone_created ON agents (zone_id, created_at DESC, id DESC);
DROP INDEX CONCURRENTLY IF EXISTS agents_zone_ended;
CREATE INDEX CONCURRENTLY agents_zone_ended ON agents (zone_id, state_changed_at)
    WHERE state IN ('failed', 'destroyed');
DROP INDEX CONCURRENTLY IF EXISTS events_agent_lifecycle;
CREATE INDEX CONCURRENTLY events_agent_lifecycle ON events (agent_id, at, id)
    WHERE agent_id IS NOT NULL AND kind LIKE 'agent.%';
