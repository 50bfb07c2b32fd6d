package org.skyhold.app.bench;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.skyhold.domain.model.Capacity;

/**
 * Puts a zone at scale into a migrated database with a few set-based statements: the zone, one simulated VM
 * provider, an image, {@code agents} running autoscaled agents that have checked in (with IPs, a DNS name and a
 * heartbeat token hash, as real rows have), and {@code sessions} open
 * user sessions spread evenly over them, with the agents' {@code reserved_*}/{@code session_count} columns set
 * to match (placement keeps those counters in step with open sessions; see {@code 003-engine.sql}).
 */
final class BenchData {
    /** What {@link #zoneAtScale} made. */
    record Zone(long zoneId, long providerId, long imageId, List<String> agentIds) {
    }

    private BenchData() {
    }

    /** @param heartbeatAt every agent's last heartbeat (and, an hour before it, its check-in) */
    static Zone zoneAtScale(Jdbi jdbi, String name, int agents, int sessions, Capacity agentSize,
                            Capacity sessionSize, int standbyCores, Instant heartbeatAt) {
        return jdbi.inTransaction(h -> {
            // liveness timeouts of a day, so agents that get no real heartbeats stay running however the
            // benchmark moves its clock; every lifecycle rule is still evaluated for every agent on every pass
            long zone = h.createQuery("""
                    INSERT INTO zones (name, scaling_enabled, standby_cores, downscale_backoff,
                                       agent_missing_after, agent_dead_after)
                    VALUES (:name, true, :standby, 600, 86400, 86400) RETURNING id""")
                    .bind("name", name).bind("standby", standbyCores).mapTo(Long.class).one();
            long provider = h.createQuery("""
                    INSERT INTO vm_provider_configs (zone_id, name, kind, max_instances, settings)
                    VALUES (:zone, 'sim', 'simulated', :max, CAST(:settings AS jsonb)) RETURNING id""")
                    .bind("zone", zone).bind("max", agents * 2)
                    .bind("settings", "{\"sim_cores\":\"" + agentSize.cores() + "\",\"sim_gpus\":\""
                            + agentSize.gpus() + "\",\"sim_memory_mb\":\"" + agentSize.memoryMb()
                            + "\",\"sim_boot_seconds\":\"3600\"}")
                    .mapTo(Long.class).one();
            long image = h.createQuery("""
                    INSERT INTO images (name, cores, gpus, memory_mb) VALUES (:name, :c, :g, :m) RETURNING id""")
                    .bind("name", name + "-image").bind("c", sessionSize.cores()).bind("g", sessionSize.gpus())
                    .bind("m", sessionSize.memoryMb()).mapTo(Long.class).one();
            String prefix = "z" + zone + "a";
            h.createUpdate("""
                    INSERT INTO agents (id, zone_id, provider_config_id, autoscaled, name, state, instance_id,
                                        private_ip, public_ip, dns_name, heartbeat_token_hash,
                                        cores, gpus, memory_mb, created_at, state_changed_at,
                                        checked_in_at, last_heartbeat_at, idle_since)
                    SELECT :prefix || lpad(g::text, 8, '0'), :zone, :provider, true, 'skyhold-' || g, 'running',
                           NULL,
                           '10.' || (g / 65536) || '.' || (g / 256 % 256) || '.' || (g % 256),
                           '203.0.' || (g / 256 % 256) || '.' || (g % 256),
                           :prefix || lpad(g::text, 8, '0') || '.agents.bench.example',
                           encode(sha256(convert_to(:prefix || g, 'UTF8')), 'hex'),
                           :cores, :gpus, :memory, CAST(:at AS timestamptz) - make_interval(secs => 3600 + g),
                           CAST(:at AS timestamptz) - interval '1 hour', CAST(:at AS timestamptz) - interval '1 hour',
                           CAST(:at AS timestamptz), CAST(:at AS timestamptz) - interval '1 hour'
                      FROM generate_series(1, :n) g""")
                    .bind("prefix", prefix).bind("zone", zone).bind("provider", provider)
                    .bind("cores", agentSize.cores()).bind("gpus", agentSize.gpus())
                    .bind("memory", agentSize.memoryMb()).bind("at", heartbeatAt).bind("n", agents).execute();
            h.createUpdate("""
                    INSERT INTO sessions (id, zone_id, image_id, agent_id, kind, state, user_name, cores, gpus,
                                          memory_mb, created_at, claimed_at)
                    SELECT 'z' || :zone || 's' || g, :zone, :image,
                           :prefix || lpad(((g - 1) % :agents + 1)::text, 8, '0'), 'user', 'active', 'user' || g,
                           :c, :g, :m, CAST(:at AS timestamptz) - make_interval(secs => g % 3600),
                           CAST(:at AS timestamptz) - make_interval(secs => g % 3600)
                      FROM generate_series(1, :n) g""")
                    .bind("zone", zone).bind("image", image).bind("prefix", prefix).bind("agents", agents)
                    .bind("c", sessionSize.cores()).bind("g", sessionSize.gpus()).bind("m", sessionSize.memoryMb())
                    .bind("at", heartbeatAt).bind("n", sessions).execute();
            h.createUpdate("""
                    UPDATE agents a SET reserved_cores = s.c, reserved_gpus = s.g, reserved_memory_mb = s.m,
                                        session_count = s.n, idle_since = NULL
                      FROM (SELECT agent_id, sum(cores) c, sum(gpus) g, sum(memory_mb) m, count(*) n
                              FROM sessions WHERE zone_id = :zone AND state <> 'ended' GROUP BY agent_id) s
                     WHERE a.id = s.agent_id""").bind("zone", zone).execute();
            List<String> ids = h.createQuery("SELECT id FROM agents WHERE zone_id = :zone ORDER BY id")
                    .bind("zone", zone).mapTo(String.class).list();
            return new Zone(zone, provider, image, ids);
        });
    }

    /** Gives each agent the id of its VM in the (simulated) cloud, so the sweeper finds every VM owned. */
    static void attachInstances(Jdbi jdbi, List<String> agentIds, List<String> instanceIds) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE agents a SET instance_id = v.instance_id
                  FROM unnest(CAST(:agents AS text[]), CAST(:instances AS text[])) AS v(agent_id, instance_id)
                 WHERE a.id = v.agent_id""")
                .bindArray("agents", String.class, agentIds).bindArray("instances", String.class, instanceIds)
                .execute());
    }

    /** Fresh planner statistics after a bulk load, as autovacuum would gather soon after. */
    static void analyze(Jdbi jdbi) {
        jdbi.useHandle(h -> h.execute("VACUUM ANALYZE"));
    }

    /** Agents whose open sessions hold more than the agent has, in any dimension (must be none). */
    static List<String> overCommitted(Jdbi jdbi, long zoneId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.id || ': ' || COALESCE(sum(s.cores), 0) || ' cores of ' || a.cores || ', '
                       || COALESCE(sum(s.memory_mb), 0) || ' MB of ' || a.memory_mb
                  FROM agents a LEFT JOIN sessions s ON s.agent_id = a.id AND s.state <> 'ended'
                 WHERE a.zone_id = :zone
                 GROUP BY a.id
                HAVING COALESCE(sum(s.cores), 0) > a.cores OR COALESCE(sum(s.gpus), 0) > a.gpus
                    OR COALESCE(sum(s.memory_mb), 0) > a.memory_mb""").bind("zone", zoneId)
                .mapTo(String.class).list());
    }
}
