package org.skyhold.domain.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.planner.Plan;
import org.skyhold.domain.port.CapacityHistoryRepository;
import org.skyhold.domain.port.RepositoryException;

/**
 * Writes the zone's free and target capacity from the plan a pass just computed into the capacity history, at
 * most once per {@link #EVERY} per zone, and prunes samples older than {@link #KEEP} about once per
 * {@link #PRUNE_EVERY}. The reconciler calls it only from a pass that holds the zone's lease, so only the primary
 * manager of a zone writes its history.
 *
 * <p>When each zone was last sampled is kept in memory: a pass runs every two seconds, and reading the last sample
 * back to decide would cost a query on each. After a restart or a lease take-over the first pass samples at once,
 * which at worst puts two samples less than a minute apart.
 */
public final class CapacityRecorder {
    public static final Duration EVERY = Duration.ofMinutes(1);
    public static final Duration KEEP = Duration.ofDays(7);
    public static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final Logger LOG = System.getLogger(CapacityRecorder.class.getName());

    private final CapacityHistoryRepository history;
    private final Map<Long, Instant> lastSample = new ConcurrentHashMap<>();
    private volatile Instant lastPrune;

    public CapacityRecorder(CapacityHistoryRepository history) {
        this.history = history;
    }

    /**
     * Records the plan's free and target when the zone's last sample is at least a minute old, and prunes when the
     * last prune is at least an hour old. A failure is logged, not thrown, and tried again a minute later: the
     * history is for people, and a pass that has already acted must not fail because of it.
     */
    public void afterPass(long zoneId, Plan plan, Instant now) {
        Instant last = lastSample.get(zoneId);
        if (last == null || !now.isBefore(last.plus(EVERY))) {
            // counted as done even when it fails: a database refusing every write would otherwise be asked (and
            // logged) every two seconds; a lost sample is a one-minute gap in a chart
            lastSample.put(zoneId, now);
            try {
                history.record(zoneId, now, plan.free(), plan.target());
            } catch (RepositoryException e) {
                LOG.log(Level.WARNING, "could not record the capacity of zone " + zoneId + ": " + e.getMessage());
            }
        }
        Instant pruned = lastPrune;
        if (pruned == null || !now.isBefore(pruned.plus(PRUNE_EVERY))) {
            // set before pruning so that concurrent passes of other zones do not all prune at once
            lastPrune = now;
            try {
                history.pruneBefore(now.minus(KEEP));
            } catch (RepositoryException e) {
                LOG.log(Level.WARNING, "could not prune the capacity history: " + e.getMessage());
            }
        }
    }

    /** Forgets a deleted zone, so the map holds only zones that exist. */
    public void forget(long zoneId) {
        lastSample.remove(zoneId);
    }
}
