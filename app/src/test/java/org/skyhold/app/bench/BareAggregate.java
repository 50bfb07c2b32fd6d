package org.skyhold.app.bench;

import org.jdbi.v3.core.Jdbi;
import org.skyhold.domain.model.Capacity;

/**
 * The reference a reconcile pass is measured against (issue 19): one bare SQL aggregate over the rows a pass reads,
 * computing what the planner's main input is, the zone's free cores, GPUs and memory, from the real tables: the
 * capacity of its schedulable agents (starting or running, as the planner counts them) less what their open
 * sessions hold, summed from the sessions themselves rather than from the agents' load columns. One round trip,
 * one number per dimension back, nothing decoded per row.
 */
final class BareAggregate {
    static final String FREE_BY_ZONE = """
            SELECT a.zone_id,
                   sum(a.cores - COALESCE(s.cores, 0)) AS free_cores,
                   sum(a.gpus - COALESCE(s.gpus, 0)) AS free_gpus,
                   sum(a.memory_mb - COALESCE(s.memory_mb, 0)) AS free_memory_mb,
                   count(*) AS agents
              FROM agents a
              LEFT JOIN (SELECT agent_id, sum(cores) AS cores, sum(gpus) AS gpus, sum(memory_mb) AS memory_mb
                           FROM sessions WHERE zone_id = :zone AND state <> 'ended'
                          GROUP BY agent_id) s ON s.agent_id = a.id
             WHERE a.zone_id = :zone AND a.state IN ('starting', 'running')
             GROUP BY a.zone_id""";

    /** The same sums from the load columns placement keeps on each agent's row: the cheapest honest form. */
    static final String FREE_FROM_COUNTERS = """
            SELECT zone_id, sum(cores - reserved_cores) AS free_cores, sum(gpus - reserved_gpus) AS free_gpus,
                   sum(memory_mb - reserved_memory_mb) AS free_memory_mb, count(*) AS agents
              FROM agents WHERE zone_id = :zone AND state IN ('starting', 'running')
             GROUP BY zone_id""";

    private final Jdbi jdbi;
    private final long zoneId;

    BareAggregate(Jdbi jdbi, long zoneId) {
        this.jdbi = jdbi;
        this.zoneId = zoneId;
    }

    /** The zone's free capacity by {@link #FREE_BY_ZONE}. */
    Capacity free() {
        return run(FREE_BY_ZONE);
    }

    /** The zone's free capacity by {@link #FREE_FROM_COUNTERS}. */
    Capacity freeFromCounters() {
        return run(FREE_FROM_COUNTERS);
    }

    private Capacity run(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("zone", zoneId)
                .map((rs, ctx) -> new Capacity(rs.getLong("free_cores"), rs.getLong("free_gpus"),
                        rs.getLong("free_memory_mb"))).one());
    }
}
