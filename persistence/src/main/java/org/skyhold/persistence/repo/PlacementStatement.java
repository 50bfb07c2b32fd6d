package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.PlacementRequest;
import org.skyhold.domain.model.PlacementResult;
import org.skyhold.domain.model.PlacementResult.Outcome;
import org.skyhold.domain.model.Session;

/**
 * {@link JdbiSessionRepository#placeBest}: a session request in one statement, so in one round trip and one
 * commit. Its parts, in the order PostgreSQL runs them on one snapshot:
 * <ol>
 * <li>{@code z}, {@code i}: the zone's placement settings and the image's reservation, read from their rows;</li>
 * <li>{@code staged}: whether a ready staged session of the image waits in the zone (only when asked);</li>
 * <li>{@code chosen}: the first running agent with room in placement order, locked. Room is counted against
 * effective capacity, as {@code EffectiveCapacity} counts it (an override replaces an autoscaled agent's reported
 * size; the memory override is in GB). Locking re-reads a row changed since the snapshot and checks its room
 * again on the newest version, moving on to the next agent when it has none. {@code SKIP LOCKED} passes over
 * agents whose rows concurrent placements hold, so sixteen requests for the fullest agent spread over the sixteen
 * fullest instead of queueing on one row; the waiting form waits for them instead, so it finds room on a busy
 * agent. The zone's running agents are sorted whole (rows locked in order rule out a bounded sort);</li>
 * <li>{@code reserved}: the reservation added to the locked row, guarded by the same room condition;</li>
 * <li>the session's row, inserted only when the reservation was made; a failed insert undoes both.</li>
 * </ol>
 * One row comes back whatever happened, saying which of these found nothing.
 */
final class PlacementStatement {
    private static final String SQL = """
            WITH z AS (
                SELECT id, prioritize_static_agents AS static_first, load_balance_strategy = 'most_loaded' AS packed,
                       agent_cores_override AS oc, agent_gpus_override AS og,
                       agent_memory_override_gb * CAST(1024 AS bigint) AS om
                  FROM zones WHERE id = :zoneId),
            i AS (SELECT cores, gpus, memory_mb FROM images WHERE id = :imageId),
            staged AS (
                SELECT 1 FROM sessions s
                 WHERE :unlessStaged AND s.zone_id = :zoneId AND s.image_id = :imageId AND s.state = 'staged'
                   AND (s.expires_at IS NULL OR s.expires_at > :at)
                   AND EXISTS (SELECT 1 FROM agents r WHERE r.id = s.agent_id AND r.state = 'running')
                 LIMIT 1),
            chosen AS (
                SELECT a.id, e.cores AS max_cores, e.gpus AS max_gpus, e.memory_mb AS max_memory
                  FROM z CROSS JOIN i JOIN agents a ON a.zone_id = z.id
                 CROSS JOIN LATERAL (%1$s) e
                 WHERE a.state = 'running' AND (NOT a.autoscaled OR a.instance_id IS NOT NULL)
                   AND NOT EXISTS (SELECT 1 FROM staged) AND %2$s
                 ORDER BY CASE WHEN z.static_first THEN a.autoscaled ELSE false END,
                          CASE WHEN z.packed THEN e.cores - a.reserved_cores ELSE a.reserved_cores - e.cores END,
                          CASE WHEN z.packed THEN e.memory_mb - a.reserved_memory_mb
                               ELSE a.reserved_memory_mb - e.memory_mb END,
                          a.id
                 LIMIT 1
                 FOR UPDATE OF a %3$s),
            reserved AS (
                UPDATE agents a SET reserved_cores = a.reserved_cores + i.cores,
                                    reserved_gpus = a.reserved_gpus + i.gpus,
                                    reserved_memory_mb = a.reserved_memory_mb + i.memory_mb,
                                    session_count = a.session_count + 1, idle_since = NULL
                  FROM chosen, i
                 WHERE a.id = chosen.id AND a.state = 'running'
                   AND a.reserved_cores + i.cores <= chosen.max_cores AND a.reserved_gpus + i.gpus <= chosen.max_gpus
                   AND a.reserved_memory_mb + i.memory_mb <= chosen.max_memory
                RETURNING a.id, a.dns_name, a.address, a.public_ip, a.private_ip),
            stored AS (
                INSERT INTO sessions (id, zone_id, image_id, agent_id, kind, state, user_name, cores, gpus, memory_mb,
                                      created_at, claimed_at, expires_at)
                SELECT :id, :zoneId, :imageId, reserved.id, :kind, :state, :userName, i.cores, i.gpus, i.memory_mb,
                       :at, :claimedAt, :expiresAt
                  FROM reserved, i
                RETURNING agent_id)
            SELECT EXISTS (SELECT 1 FROM z) AS zone_found, EXISTS (SELECT 1 FROM i) AS image_found,
                   EXISTS (SELECT 1 FROM staged) AS staged_ready,
                   (SELECT cores FROM i) AS cores, (SELECT gpus FROM i) AS gpus,
                   (SELECT memory_mb FROM i) AS memory_mb,
                   r.id AS agent_id, r.dns_name, r.address, r.public_ip, r.private_ip
              FROM (SELECT 1) AS one LEFT JOIN reserved r ON true""";
    /** An agent's effective capacity, as {@code EffectiveCapacity} counts it, from its row and the zone's. */
    private static final String EFFECTIVE = """
            SELECT CASE WHEN a.autoscaled AND z.oc IS NOT NULL THEN z.oc ELSE a.cores END AS cores,
                   CASE WHEN a.autoscaled AND z.og IS NOT NULL THEN z.og ELSE a.gpus END AS gpus,
                   CASE WHEN a.autoscaled AND z.om IS NOT NULL THEN z.om ELSE a.memory_mb END AS memory_mb""";
    private static final String ROOM = """
            e.cores - a.reserved_cores >= i.cores AND e.gpus - a.reserved_gpus >= i.gpus
                   AND e.memory_mb - a.reserved_memory_mb >= i.memory_mb""";
    private static final String SKIPPING = SQL.formatted(EFFECTIVE, ROOM, "SKIP LOCKED");
    private static final String WAITING = SQL.formatted(EFFECTIVE, ROOM, "");

    private PlacementStatement() {
    }

    static PlacementResult run(Jdbi jdbi, PlacementRequest r, boolean waitForBusy) {
        return jdbi.withHandle(h -> h.createQuery(waitForBusy ? WAITING : SKIPPING)
                .bind("zoneId", r.zoneId()).bind("imageId", r.imageId()).bind("unlessStaged", r.unlessStagedReady())
                .bind("at", r.at()).bind("id", r.sessionId()).bind("kind", Columns.wire(r.kind()))
                .bind("state", Columns.wire(r.state())).bind("userName", r.userName())
                .bind("claimedAt", r.claimedAt()).bind("expiresAt", r.expiresAt())
                .map((rs, ctx) -> result(rs, r)).one());
    }

    private static PlacementResult result(ResultSet rs, PlacementRequest r) throws SQLException {
        if (!rs.getBoolean("zone_found")) {
            return PlacementResult.not(Outcome.NO_ZONE);
        }
        if (!rs.getBoolean("image_found")) {
            return PlacementResult.not(Outcome.NO_IMAGE);
        }
        if (rs.getBoolean("staged_ready")) {
            return PlacementResult.not(Outcome.STAGED_READY);
        }
        String agentId = rs.getString("agent_id");
        if (agentId == null) {
            return PlacementResult.not(Outcome.NO_ROOM);
        }
        Capacity reservation = new Capacity(rs.getLong("cores"), rs.getLong("gpus"), rs.getLong("memory_mb"));
        Session session = new Session(r.sessionId(), r.zoneId(), r.imageId(), agentId, r.kind(), r.state(),
                r.userName(), reservation, r.at(), r.claimedAt(), r.expiresAt(), null);
        return PlacementResult.placed(session, Agent.reachableAddress(rs.getString("dns_name"),
                rs.getString("address"), rs.getString("public_ip"), rs.getString("private_ip")));
    }
}
