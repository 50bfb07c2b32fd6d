package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.SessionKind;
import org.skyhold.domain.model.SessionState;
import org.skyhold.domain.port.SessionRepository;

/** Sessions in the {@code sessions} table; each keeps the reservation its image had when it was placed. */
public final class JdbiSessionRepository implements SessionRepository {
    private final Jdbi jdbi;

    public JdbiSessionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Session insert(Session s) {
        return SqlFailures.doing("store session " + s.id())
                .duplicate("sessions_pkey", "id", "a session with id \"" + s.id() + "\" already exists")
                .call(() -> jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO sessions (id, zone_id, image_id, agent_id, kind, state, user_name, cores, gpus,
                                              memory_mb, created_at, claimed_at, expires_at, ended_at)
                        VALUES (:id, :zoneId, :imageId, :agentId, :kind, :state, :userName, :cores, :gpus,
                                :memoryMb, COALESCE(:createdAt, now()), :claimedAt, :expiresAt, :endedAt)""")
                        .bind("id", s.id())
                        .bind("zoneId", s.zoneId())
                        .bind("imageId", s.imageId())
                        .bind("agentId", s.agentId())
                        .bind("kind", Columns.wire(s.kind()))
                        .bind("state", Columns.wire(s.state()))
                        .bind("userName", s.userName())
                        .bind("cores", s.reservation().cores())
                        .bind("gpus", s.reservation().gpus())
                        .bind("memoryMb", s.reservation().memoryMb())
                        .bind("createdAt", s.createdAt())
                        .bind("claimedAt", s.claimedAt())
                        .bind("expiresAt", s.expiresAt())
                        .bind("endedAt", s.endedAt())
                        .executeAndReturnGeneratedKeys().map(JdbiSessionRepository::map).one()));
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

    @Override
    public boolean end(String id, Instant at) {
        return SqlFailures.doing("end session " + id).call(() -> jdbi.withHandle(h -> h.createUpdate(
                "UPDATE sessions SET state = 'ended', ended_at = :at WHERE id = :id AND state <> 'ended'")
                .bind("id", id).bind("at", at).execute() > 0));
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
