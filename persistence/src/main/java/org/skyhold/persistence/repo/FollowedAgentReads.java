package org.skyhold.persistence.repo;

import static org.skyhold.persistence.repo.JdbiAgentRepository.COLUMNS;
import static org.skyhold.persistence.repo.JdbiAgentRepository.LOAD_COLUMNS;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentLoad;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.port.AgentRepository.MarkedRead;

/**
 * The reads that let a zone's primary keep its agents in memory and read only what changed
 * ({@code AgentRepository.liveWithLoadsMarked} and {@code changedSince}): a full read that returns a mark, and reads
 * of the rows written since a mark. Why the mark is a snapshot's {@code xmin} is in docs/decisions.md.
 */
final class FollowedAgentReads {
    /**
     * A mark is a transaction id: the oldest transaction still running when the read began,
     * {@code pg_snapshot_xmin(pg_current_snapshot())}, taken in a statement before the read. Every write the read
     * could not see was made by a transaction running at that moment or begun after it, so its id is at least the
     * mark, however late it commits; and the id of the transaction that wrote a row version is that version's
     * {@code xmin}. See {@link #CHANGED_SINCE_SQL}.
     */
    static final String MARK_SQL = "SELECT CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text)";

    /**
     * The zone's rows, in any state, whose {@code xmin} is at or after the mark. {@code xmin} is a 32-bit id and the
     * mark a 64-bit one, so they are compared by {@code age}, which counts back from the same current transaction
     * for both: a row version as young as the mark or younger. Marks are seconds old, so their age is far below
     * 2^31 and no newer version is ever left out; a version older than 2^31 transactions (frozen long ago) may wrap
     * around and come back, which only reads an unchanged row once more. Reading {@code xmin} needs no column nor
     * trigger, so writes cost nothing more and heartbeats and placements stay HOT updates; the zone's rows are still
     * visited by PostgreSQL (through {@code agents_zone_state}), but only the changed ones are sent and decoded.
     */
    static final String CHANGED_SINCE_SQL = "SELECT id, " + COLUMNS + ", " + LOAD_COLUMNS + " FROM agents"
            + " WHERE zone_id = :zoneId AND age(xmin) <= age(CAST(CAST(:mark AS text) AS xid))";

    private final Jdbi jdbi;

    FollowedAgentReads(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The zone's live agents with their loads, oldest first, and the mark of this read. */
    MarkedRead live(long zoneId) {
        return SqlFailures.doing("list the agents of zone " + zoneId).call(() -> jdbi.withHandle(h -> {
            long mark = mark(h);
            var rows = h.createQuery("SELECT id, " + COLUMNS + ", " + LOAD_COLUMNS + " FROM agents WHERE"
                            + " zone_id = :zoneId AND state = ANY(:live) ORDER BY created_at, id")
                    .bind("zoneId", zoneId)
                    .bindArray("live", String.class, JdbiAgentRepository.wireNames(AgentState.LIVE))
                    .map((rs, ctx) -> Map.entry(JdbiAgentRepository.map(rs, ctx), JdbiAgentRepository.load(rs)))
                    .list();
            return marked(rows, mark);
        }));
    }

    /** The zone's agents in any state written since {@code mark}, and the mark to read on from. */
    MarkedRead since(long zoneId, long mark) {
        return SqlFailures.doing("read the changed agents of zone " + zoneId).call(() -> jdbi.withHandle(h -> {
            long next = mark(h);
            var rows = h.createQuery(CHANGED_SINCE_SQL).bind("zoneId", zoneId)
                    .bind("mark", Long.toString(mark & 0xFFFF_FFFFL))
                    .map((rs, ctx) -> Map.entry(JdbiAgentRepository.map(rs, ctx), JdbiAgentRepository.load(rs)))
                    .list();
            return marked(rows, next);
        }));
    }

    private static long mark(Handle h) {
        return Long.parseLong(h.createQuery(MARK_SQL).mapTo(String.class).one());
    }

    private static MarkedRead marked(List<Map.Entry<Agent, AgentLoad>> rows, long mark) {
        return new MarkedRead(rows.stream().map(Map.Entry::getKey).toList(),
                rows.stream().map(Map.Entry::getValue).toList(), mark);
    }
}
