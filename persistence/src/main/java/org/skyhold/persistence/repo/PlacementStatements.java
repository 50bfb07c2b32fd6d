package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.skyhold.domain.engine.EffectiveCapacity;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.PlacedAgent;
import org.skyhold.domain.model.PlacementView;
import org.skyhold.domain.model.PlacementView.Candidate;
import org.skyhold.domain.model.Session;

/**
 * The two statements of a placement batch ({@link JdbiSessionRepository#placementView},
 * {@link JdbiSessionRepository#placeAll}). The choice between them is the domain's; these read and write.
 */
final class PlacementStatements {
    /**
     * One round trip: a row per candidate (the zone's settings on each; one row without an agent when it has
     * none, none at all when there is no such zone), then a row per image asked for that exists.
     */
    private static final String VIEW = """
            WITH z AS (
                SELECT id, prioritize_static_agents AS static_first, load_balance_strategy = 'most_loaded' AS packed,
                       agent_cores_override, agent_gpus_override, agent_memory_override_gb
                  FROM zones WHERE id = :zoneId)
            SELECT false AS is_image, z.static_first, z.packed, z.agent_cores_override, z.agent_gpus_override,
                   z.agent_memory_override_gb, a.id, a.autoscaled, a.cores, a.gpus, a.memory_mb,
                   a.reserved_cores, a.reserved_gpus, a.reserved_memory_mb, NULL AS image_id, false AS staged_ready
              FROM z LEFT JOIN agents a ON a.zone_id = z.id AND a.state = 'running'
                                      AND (NOT a.autoscaled OR a.instance_id IS NOT NULL)
            UNION ALL
            SELECT true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, i.cores, i.gpus, i.memory_mb, NULL, NULL, NULL, i.id,
                   EXISTS (SELECT 1 FROM sessions s
                            WHERE s.zone_id = :zoneId AND s.image_id = i.id AND s.state = 'staged'
                              AND (s.expires_at IS NULL OR s.expires_at > :at)
                              AND EXISTS (SELECT 1 FROM agents r WHERE r.id = s.agent_id AND r.state = 'running'))
              FROM images i WHERE i.id = ANY(:imageIds)""";
    /**
     * Locks the agents in id order first (so two batches never wait on each other in a cycle), then adds each
     * agent's sum where it still fits, then stores the sessions of the agents that took theirs. Times travel as
     * microseconds since the epoch: exact, and one plain array type.
     */
    private static final String WRITE = """
            WITH want AS (
                SELECT * FROM unnest(CAST(:agentIds AS text[]), CAST(:sumCores AS bigint[]),
                                     CAST(:sumGpus AS bigint[]), CAST(:sumMemory AS bigint[]), CAST(:counts AS int[]),
                                     CAST(:maxCores AS bigint[]), CAST(:maxGpus AS bigint[]),
                                     CAST(:maxMemory AS bigint[]))
                    AS w(agent_id, cores, gpus, memory_mb, n, max_cores, max_gpus, max_memory)),
            locked AS (
                SELECT a.id FROM agents a WHERE a.id = ANY(:agentIds) AND a.state = 'running'
                 ORDER BY a.id FOR NO KEY UPDATE),
            reserved AS (
                UPDATE agents a SET reserved_cores = a.reserved_cores + w.cores,
                                    reserved_gpus = a.reserved_gpus + w.gpus,
                                    reserved_memory_mb = a.reserved_memory_mb + w.memory_mb,
                                    session_count = a.session_count + w.n, idle_since = NULL
                  FROM want w JOIN locked l ON l.id = w.agent_id
                 WHERE a.id = w.agent_id AND a.state = 'running'
                   AND a.reserved_cores + w.cores <= w.max_cores AND a.reserved_gpus + w.gpus <= w.max_gpus
                   AND a.reserved_memory_mb + w.memory_mb <= w.max_memory
                RETURNING a.id, a.dns_name, a.address, a.public_ip, a.private_ip),
            stored AS (
                INSERT INTO sessions (id, zone_id, image_id, agent_id, kind, state, user_name, cores, gpus, memory_mb,
                                      created_at, claimed_at, expires_at)
                SELECT s.id, s.zone_id, s.image_id, s.agent_id, s.kind, s.state, s.user_name, s.cores, s.gpus,
                       s.memory_mb, TIMESTAMPTZ 'epoch' + s.created * INTERVAL '1 microsecond',
                       TIMESTAMPTZ 'epoch' + s.claimed * INTERVAL '1 microsecond',
                       TIMESTAMPTZ 'epoch' + s.expires * INTERVAL '1 microsecond'
                  FROM unnest(CAST(:ids AS text[]), CAST(:zoneIds AS bigint[]), CAST(:imageIds AS bigint[]),
                              CAST(:sessionAgents AS text[]), CAST(:kinds AS text[]), CAST(:states AS text[]),
                              CAST(:users AS text[]), CAST(:cores AS bigint[]), CAST(:gpus AS bigint[]),
                              CAST(:memory AS bigint[]), CAST(:created AS bigint[]), CAST(:claimed AS bigint[]),
                              CAST(:expires AS bigint[]))
                    AS s(id, zone_id, image_id, agent_id, kind, state, user_name, cores, gpus, memory_mb, created,
                         claimed, expires)
                  JOIN reserved r ON r.id = s.agent_id
                RETURNING 1)
            SELECT r.id, r.dns_name, r.address, r.public_ip, r.private_ip FROM reserved r""";

    private PlacementStatements() {
    }

    static PlacementView view(Handle h, long zoneId, Set<Long> imageIds, Instant at) {
        boolean[] zone = new boolean[3];
        List<Candidate> candidates = new ArrayList<>();
        Map<Long, Capacity> images = new LinkedHashMap<>();
        Set<Long> staged = new HashSet<>();
        h.createQuery(VIEW).bind("zoneId", zoneId).bind("at", at).bindArray("imageIds", Long.class, imageIds)
                .map((rs, ctx) -> {
                    Capacity size = new Capacity(rs.getLong("cores"), rs.getLong("gpus"), rs.getLong("memory_mb"));
                    if (rs.getBoolean("is_image")) {
                        images.put(rs.getLong("image_id"), size);
                        if (rs.getBoolean("staged_ready")) {
                            staged.add(rs.getLong("image_id"));
                        }
                        return 0;
                    }
                    zone[0] = true;
                    zone[1] = rs.getBoolean("static_first");
                    zone[2] = rs.getBoolean("packed");
                    if (rs.getString("id") != null) {
                        boolean autoscaled = rs.getBoolean("autoscaled");
                        // the zone's overrides replace an autoscaled agent's reported size (EffectiveCapacity's rule)
                        Capacity limit = !autoscaled ? size : EffectiveCapacity.overridden(size,
                                rs.getObject("agent_cores_override", Integer.class),
                                rs.getObject("agent_gpus_override", Integer.class),
                                rs.getObject("agent_memory_override_gb", Integer.class));
                        candidates.add(new Candidate(rs.getString("id"), autoscaled, limit,
                                new Capacity(rs.getLong("reserved_cores"), rs.getLong("reserved_gpus"),
                                        rs.getLong("reserved_memory_mb"))));
                    }
                    return 0;
                }).forEach(x -> { });
        return zone[0] ? new PlacementView(true, zone[1], zone[2], images, staged, candidates) : PlacementView.NO_ZONE;
    }

    static List<PlacedAgent> write(Handle h, List<Session> sessions, Map<String, Capacity> limits) {
        Map<String, Capacity> sums = new TreeMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (Session s : sessions) {
            sums.merge(s.agentId(), s.reservation(), Capacity::plus);
            counts.merge(s.agentId(), 1, Integer::sum);
        }
        List<String> agents = new ArrayList<>(sums.keySet());
        return h.createQuery(WRITE)
                .bindArray("agentIds", String.class, agents)
                .bindArray("sumCores", Long.class, agents.stream().map(a -> sums.get(a).cores()).toList())
                .bindArray("sumGpus", Long.class, agents.stream().map(a -> sums.get(a).gpus()).toList())
                .bindArray("sumMemory", Long.class, agents.stream().map(a -> sums.get(a).memoryMb()).toList())
                .bindArray("counts", Integer.class, agents.stream().map(counts::get).toList())
                .bindArray("maxCores", Long.class, agents.stream().map(a -> limit(limits, a).cores()).toList())
                .bindArray("maxGpus", Long.class, agents.stream().map(a -> limit(limits, a).gpus()).toList())
                .bindArray("maxMemory", Long.class, agents.stream().map(a -> limit(limits, a).memoryMb()).toList())
                .bindArray("ids", String.class, sessions.stream().map(Session::id).toList())
                .bindArray("zoneIds", Long.class, sessions.stream().map(Session::zoneId).toList())
                .bindArray("imageIds", Long.class, sessions.stream().map(Session::imageId).toList())
                .bindArray("sessionAgents", String.class, sessions.stream().map(Session::agentId).toList())
                .bindArray("kinds", String.class, sessions.stream().map(s -> Columns.wire(s.kind())).toList())
                .bindArray("states", String.class, sessions.stream().map(s -> Columns.wire(s.state())).toList())
                .bindArray("users", String.class, sessions.stream().map(Session::userName).toList())
                .bindArray("cores", Long.class, sessions.stream().map(s -> s.reservation().cores()).toList())
                .bindArray("gpus", Long.class, sessions.stream().map(s -> s.reservation().gpus()).toList())
                .bindArray("memory", Long.class, sessions.stream().map(s -> s.reservation().memoryMb()).toList())
                .bindArray("created", Long.class, sessions.stream().map(s -> micros(s.createdAt())).toList())
                .bindArray("claimed", Long.class, sessions.stream().map(s -> micros(s.claimedAt())).toList())
                .bindArray("expires", Long.class, sessions.stream().map(s -> micros(s.expiresAt())).toList())
                .map((rs, ctx) -> placed(rs)).list();
    }

    private static Capacity limit(Map<String, Capacity> limits, String agentId) {
        Capacity limit = limits.get(agentId);
        if (limit == null) {
            throw new IllegalArgumentException("no limit given for agent " + agentId);
        }
        return limit;
    }

    private static Long micros(Instant t) {
        return t == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static PlacedAgent placed(ResultSet rs) throws SQLException {
        return new PlacedAgent(rs.getString("id"), Agent.reachableAddress(rs.getString("dns_name"),
                rs.getString("address"), rs.getString("public_ip"), rs.getString("private_ip")));
    }
}
