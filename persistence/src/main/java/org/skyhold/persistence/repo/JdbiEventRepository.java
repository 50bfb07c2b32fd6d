package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.port.EventRepository;

/**
 * The decision log in the {@code events} table. Newest first is {@code at DESC, id DESC}, the order of the
 * table's indexes. A page after event {@code beforeId} is a keyset on that same pair, {@code (at, id) < (its at,
 * its id)}, not {@code id < beforeId}: ids follow the order of inserts, times the clocks of the managers that
 * decided, and where the two disagree paging by id alone would repeat some events and skip others.
 */
public final class JdbiEventRepository implements EventRepository {
    /**
     * The distinct kinds as a loose index scan: each step asks the {@code events_kind_at} index for the first kind
     * above the last one found. {@code SELECT DISTINCT kind} would read every row of the log instead.
     */
    static final String KINDS_SQL = """
            WITH RECURSIVE found (kind) AS (
                (SELECT kind FROM events ORDER BY kind LIMIT 1)
                UNION ALL
                SELECT (SELECT e.kind FROM events e WHERE e.kind > found.kind ORDER BY e.kind LIMIT 1)
                  FROM found WHERE found.kind IS NOT NULL)
            SELECT kind FROM found WHERE kind IS NOT NULL ORDER BY kind""";

    static final String LIFECYCLE_SQL = """
            SELECT * FROM events WHERE agent_id = :agentId AND kind LIKE 'agent.%'
             ORDER BY at, id LIMIT :limit""";

    private final Jdbi jdbi;

    public JdbiEventRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Event append(Event e) {
        return SqlFailures.doing("append a " + e.kind() + " event").call(() -> jdbi.withHandle(h -> h.createUpdate("""
                INSERT INTO events (at, zone_id, agent_id, kind, actor, reason, data)
                VALUES (COALESCE(:at, now()), :zoneId, :agentId, :kind, :actor, :reason, CAST(:data AS jsonb))""")
                .bind("at", e.at())
                .bind("zoneId", e.zoneId())
                .bind("agentId", e.agentId())
                .bind("kind", e.kind())
                .bind("actor", e.actor() == null ? "system" : e.actor())
                .bind("reason", e.reason())
                .bind("data", e.dataJson() == null ? "{}" : e.dataJson())
                .executeAndReturnGeneratedKeys().map(JdbiEventRepository::map).one()));
    }

    /** {@code kind LIKE 'agent.%'} is written out so the partial index {@code events_agent_lifecycle} applies. */
    @Override
    public List<Event> lifecycle(String agentId, int limit) {
        return SqlFailures.doing("list the lifecycle of agent " + agentId).call(() -> jdbi.withHandle(h -> h
                .createQuery(LIFECYCLE_SQL)
                .bind("agentId", agentId).bind("limit", Math.max(0, limit))
                .map(JdbiEventRepository::map).list()));
    }

    @Override
    public List<Event> list(Long zoneId, String agentId, String kind, Long beforeId, int limit) {
        return SqlFailures.doing("list events").call(() -> jdbi.withHandle(h -> {
            Instant beforeAt = beforeId == null ? null : h.createQuery("SELECT at FROM events WHERE id = :id")
                    .bind("id", beforeId).map((rs, ctx) -> Columns.instant(rs, "at")).findOne().orElse(null);
            Query q = h.createQuery(listSql(zoneId, agentId, kind, beforeId, beforeAt != null))
                    .bind("limit", Math.max(0, limit));
            // only the filters in use are named in the statement, and binding an unused name is an error
            if (zoneId != null) {
                q.bind("zoneId", zoneId);
            }
            if (agentId != null) {
                q.bind("agentId", agentId);
            }
            if (kind != null) {
                q.bind("kind", kind);
            }
            if (beforeId != null) {
                q.bind("beforeId", beforeId);
            }
            if (beforeAt != null) {
                q.bind("beforeAt", beforeAt);
            }
            return q.map(JdbiEventRepository::map).list();
        }));
    }

    /**
     * The statement {@link #list} runs: only the filters in use are named in it. {@code beforeStored} says whether
     * event {@code beforeId} exists, so the page can follow its place in the order rather than its id.
     */
    static String listSql(Long zoneId, String agentId, String kind, Long beforeId, boolean beforeStored) {
        List<String> where = new ArrayList<>();
        if (zoneId != null) {
            where.add("zone_id = :zoneId");
        }
        if (agentId != null) {
            where.add("agent_id = :agentId");
        }
        if (kind != null) {
            where.add("kind = :kind");
        }
        if (beforeId != null) {
            where.add(beforeStored ? "(at, id) < (:beforeAt, :beforeId)" : "id < :beforeId");
        }
        return "SELECT * FROM events" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY at DESC, id DESC LIMIT :limit";
    }

    @Override
    public List<String> kinds() {
        return SqlFailures.doing("list the kinds of events").call(() -> jdbi.withHandle(h -> h
                .createQuery(KINDS_SQL).mapTo(String.class).list()));
    }

    private static Event map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Event(
                rs.getLong("id"),
                Columns.instant(rs, "at"),
                Columns.nullableLong(rs, "zone_id"),
                rs.getString("agent_id"),
                rs.getString("kind"),
                rs.getString("actor"),
                rs.getString("reason"),
                rs.getString("data"));
    }

    /** Rows deleted per statement: small enough that a backlog of millions never holds a long lock. */
    static final int DELETE_BATCH = 10_000;

    @Override
    public int deleteOlderThan(Instant cutoff) {
        return SqlFailures.doing("delete the events before " + cutoff).call(() -> {
            int total = 0;
            int deleted;
            do {
                // walks the events_at index from the oldest; each batch its own short transaction
                deleted = jdbi.withHandle(h -> h.createUpdate("""
                        DELETE FROM events WHERE id IN (
                            SELECT id FROM events WHERE at < :cutoff ORDER BY at, id LIMIT :batch)""")
                        .bind("cutoff", cutoff).bind("batch", DELETE_BATCH).execute());
                total += deleted;
            } while (deleted == DELETE_BATCH);
            return total;
        });
    }
}