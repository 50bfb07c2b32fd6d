package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.PlacedAgent;
import org.skyhold.domain.model.PlacementView;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.port.SessionRepository;

/** Sessions in the {@code sessions} table; each keeps the reservation its image had when it was placed. */
public final class JdbiSessionRepository implements SessionRepository {
    /** Staged sessions a claim tries before giving up, when their agents leave running under it. */
    private static final int CLAIM_ATTEMPTS = 3;
    private final Jdbi jdbi;

    /** A staged session a claim has locked, and its agent. */
    private record Picked(String id, String agentId) {
    }

    public JdbiSessionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * One statement: the conditional reservation on the agent and the session's row, so the agent's row lock is
     * held from the check to the commit without a round trip to the client in between (concurrent placements on
     * the same agent queue on that lock). When the agent has no room the UPDATE matches nothing and nothing is
     * inserted; when the INSERT fails (a taken id) the whole statement, reservation included, is undone.
     */
    @Override
    public boolean place(Session s, Capacity limit) {
        return SqlFailures.doing("place session " + s.id())
                .duplicate("sessions_pkey", "id", "a session with id \"" + s.id() + "\" already exists")
                .call(() -> jdbi.withHandle(h -> h.createUpdate("""
                        WITH reserved AS (
                            UPDATE agents SET reserved_cores = reserved_cores + :cores,
                                              reserved_gpus = reserved_gpus + :gpus,
                                              reserved_memory_mb = reserved_memory_mb + :memoryMb,
                                              session_count = session_count + 1, idle_since = NULL
                             WHERE id = :agentId AND state = 'running'
                               AND reserved_cores + :cores <= :maxCores AND reserved_gpus + :gpus <= :maxGpus
                               AND reserved_memory_mb + :memoryMb <= :maxMemoryMb
                            RETURNING id)
                        INSERT INTO sessions (id, zone_id, image_id, agent_id, kind, state, user_name, cores, gpus,
                                              memory_mb, created_at, claimed_at, expires_at, ended_at)
                        SELECT :id, :zoneId, :imageId, reserved.id, :kind, :state, :userName, :cores, :gpus,
                               :memoryMb, COALESCE(:createdAt, now()), :claimedAt, :expiresAt, :endedAt
                          FROM reserved""")
                        .bind("agentId", s.agentId())
                        .bind("maxCores", limit.cores()).bind("maxGpus", limit.gpus())
                        .bind("maxMemoryMb", limit.memoryMb())
                        .bind("id", s.id()).bind("zoneId", s.zoneId()).bind("imageId", s.imageId())
                        .bind("kind", Columns.wire(s.kind()))
                        .bind("state", Columns.wire(s.state())).bind("userName", s.userName())
                        .bind("cores", s.reservation().cores()).bind("gpus", s.reservation().gpus())
                        .bind("memoryMb", s.reservation().memoryMb()).bind("createdAt", s.createdAt())
                        .bind("claimedAt", s.claimedAt()).bind("expiresAt", s.expiresAt())
                        .bind("endedAt", s.endedAt()).execute() == 1));
    }

    /** One read; see {@link PlacementStatements}. */
    @Override
    public PlacementView placementView(long zoneId, Set<Long> imageIds, Instant at) {
        return SqlFailures.doing("read zone " + zoneId + " for placement")
                .call(() -> jdbi.withHandle(h -> PlacementStatements.view(h, zoneId, imageIds, at)));
    }

    /** One statement, so one round trip and one commit for the whole batch; see {@link PlacementStatements}. */
    @Override
    public List<PlacedAgent> placeAll(List<Session> sessions, Map<String, Capacity> limits) {
        if (sessions.isEmpty()) {
            return List.of();
        }
        return SqlFailures.doing("place " + sessions.size() + " session(s) in zone " + sessions.get(0).zoneId())
                .duplicate("sessions_pkey", "id", "a session id of the batch already exists")
                .call(() -> jdbi.withHandle(h -> PlacementStatements.write(h, sessions, limits)));
    }

    /**
     * In one transaction: lock the oldest ready staged session on a running agent (skipping those another claim
     * holds), then lock its agent's row in share mode while it is still running, then claim. The share lock waits
     * for a change of the agent's state that is under way and re-reads the row after it, and holds off any later one
     * until the claim commits, so no claim lands on an agent that has left {@code running}. When the agent left,
     * the next oldest is tried (the next read no longer sees the first).
     */
    @Override
    public Optional<Session> claimStaged(long zoneId, long imageId, String userName, Instant at) {
        return SqlFailures.doing("claim a staged session in zone " + zoneId).call(() -> jdbi.inTransaction(h -> {
            for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
                Optional<Picked> picked = h.createQuery("""
                        SELECT s.id, s.agent_id FROM sessions s
                         WHERE s.zone_id = :zoneId AND s.image_id = :imageId AND s.state = 'staged'
                           AND (s.expires_at IS NULL OR s.expires_at > :at)
                           AND EXISTS (SELECT 1 FROM agents a WHERE a.id = s.agent_id AND a.state = 'running')
                         ORDER BY s.created_at, s.id LIMIT 1 FOR UPDATE OF s SKIP LOCKED""")
                        .bind("zoneId", zoneId).bind("imageId", imageId).bind("at", at)
                        .map((rs, ctx) -> new Picked(rs.getString("id"), rs.getString("agent_id")))
                        .findOne();
                if (picked.isEmpty()) {
                    return Optional.<Session>empty();
                }
                boolean running = h.createQuery(
                                "SELECT id FROM agents WHERE id = :agentId AND state = 'running' FOR SHARE")
                        .bind("agentId", picked.get().agentId()).mapTo(String.class).findOne().isPresent();
                if (running) {
                    return h.createUpdate("""
                            UPDATE sessions SET state = 'active', user_name = :userName, claimed_at = :at
                             WHERE id = :id""")
                            .bind("id", picked.get().id()).bind("userName", userName).bind("at", at)
                            .executeAndReturnGeneratedKeys().map(JdbiSessionRepository::map).findOne();
                }
            }
            return Optional.<Session>empty();
        }));
    }

    @Override
    public java.util.Map<Long, Integer> readyStaged(long zoneId, Instant at) {
        return SqlFailures.doing("count the staged sessions of zone " + zoneId).call(() -> jdbi.withHandle(h -> {
            java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
            h.createQuery("""
                    SELECT image_id, count(*) AS n FROM sessions
                     WHERE zone_id = :zoneId AND state = 'staged' AND image_id IS NOT NULL
                       AND (expires_at IS NULL OR expires_at > :at)
                       AND EXISTS (SELECT 1 FROM agents a WHERE a.id = sessions.agent_id AND a.state = 'running')
                     GROUP BY image_id""").bind("zoneId", zoneId).bind("at", at)
                    .map((rs, ctx) -> java.util.Map.entry(rs.getLong("image_id"), rs.getInt("n")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return counts;
        }));
    }

    @Override
    public List<Session> expiredStaged(long zoneId, Instant at) {
        return SqlFailures.doing("list the expired staged sessions of zone " + zoneId).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM sessions WHERE zone_id = :zoneId AND state = 'staged'"
                        + " AND expires_at <= :at ORDER BY created_at, id")
                .bind("zoneId", zoneId).bind("at", at).map(JdbiSessionRepository::map).list()));
    }

    @Override
    public List<Session> stagedOffRunning(long zoneId) {
        return SqlFailures.doing("list the staged sessions of zone " + zoneId + " off running agents").call(() -> jdbi
                .withHandle(h -> h.createQuery("""
                        SELECT s.* FROM sessions s JOIN agents a ON a.id = s.agent_id
                         WHERE s.zone_id = :zoneId AND s.state = 'staged' AND a.state <> 'running'
                         ORDER BY s.created_at, s.id""")
                        .bind("zoneId", zoneId).map(JdbiSessionRepository::map).list()));
    }

    @Override
    public Optional<Session> find(String id) {
        return SqlFailures.doing("read session " + id).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM sessions WHERE id = :id").bind("id", id)
                .map(JdbiSessionRepository::map).findOne()));
    }

    @Override
    public List<Session> listOpenByZone(long zoneId) {
        return SqlFailures.doing("list the open sessions of zone " + zoneId).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM sessions WHERE zone_id = :zoneId AND state <> 'ended'"
                        + " ORDER BY created_at, id")
                .bind("zoneId", zoneId).map(JdbiSessionRepository::map).list()));
    }

    @Override
    public List<Session> listOpenByAgent(String agentId) {
        return SqlFailures.doing("list the open sessions of agent " + agentId).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM sessions WHERE agent_id = :agentId AND state <> 'ended'"
                        + " ORDER BY created_at, id")
                .bind("agentId", agentId).map(JdbiSessionRepository::map).list()));
    }

    /** Reads only the partial index {@code sessions_agent_open}, which holds exactly the open sessions. */
    @Override
    public java.util.Map<String, Integer> countOpenByAgent(java.util.Collection<String> agentIds) {
        return SqlFailures.doing("count the open sessions of every agent").call(() -> jdbi.withHandle(h -> {
            java.util.Map<String, Integer> counts = new java.util.HashMap<>();
            // through the partial index sessions_agent_open, one range per agent
            h.createQuery("""
                    SELECT agent_id, count(*) AS n FROM sessions
                     WHERE agent_id = ANY(:agents) AND state <> 'ended' GROUP BY agent_id""")
                    .bindArray("agents", String.class, List.copyOf(agentIds))
                    .map((rs, ctx) -> java.util.Map.entry(rs.getString("agent_id"), rs.getInt("n")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return counts;
        }));
    }

    @Override
    public boolean end(String id, Instant at) {
        return SqlFailures.doing("end session " + id).call(() -> jdbi.inTransaction(h -> {
            Optional<Session> ended = h.createUpdate(
                    "UPDATE sessions SET state = 'ended', ended_at = :at WHERE id = :id AND state <> 'ended'")
                    .bind("id", id).bind("at", at).executeAndReturnGeneratedKeys()
                    .map(JdbiSessionRepository::map).findOne();
            ended.ifPresent(s -> h.createUpdate("""
                    UPDATE agents SET reserved_cores = reserved_cores - :cores, reserved_gpus = reserved_gpus - :gpus,
                                      reserved_memory_mb = reserved_memory_mb - :memoryMb,
                                      session_count = session_count - 1,
                                      idle_since = CASE WHEN session_count = 1 THEN :at ELSE idle_since END
                     WHERE id = :agentId""")
                    .bind("agentId", s.agentId()).bind("cores", s.reservation().cores())
                    .bind("gpus", s.reservation().gpus()).bind("memoryMb", s.reservation().memoryMb())
                    .bind("at", at).execute());
            return ended.isPresent();
        }));
    }

    private static Session map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Session(
                rs.getString("id"),
                rs.getLong("zone_id"),
                (Long) rs.getObject("image_id"),
                rs.getString("agent_id"),
                Columns.wire(rs, "kind", SessionKind.class),
                Columns.wire(rs, "state", SessionState.class),
                rs.getString("user_name"),
                new Capacity(rs.getLong("cores"), rs.getLong("gpus"), rs.getLong("memory_mb")),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "claimed_at"),
                Columns.instant(rs, "expires_at"),
                Columns.instant(rs, "ended_at"));
    }
}
