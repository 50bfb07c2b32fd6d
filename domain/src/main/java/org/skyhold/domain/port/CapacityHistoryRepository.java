package org.skyhold.domain.port;

import java.time.Instant;
import java.util.List;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.CapacitySample;

/**
 * The history of each zone's free and target capacity, for the dashboard's chart. The engine writes a sample at
 * most once a minute per zone and prunes old ones itself, so the table stays small. Blocking; failures throw
 * {@link RepositoryException}.
 */
public interface CapacityHistoryRepository {
    /**
     * Stores one sample of the zone at {@code at}. Idempotent: a second sample of the same zone at the same moment
     * (two managers during a lease take-over) is ignored, not an error. Nothing is stored for a zone that no longer
     * exists.
     */
    void record(long zoneId, Instant at, Capacity free, Capacity target);

    /** The zone's samples taken at or after {@code from}, oldest first; empty for an unknown zone. */
    List<CapacitySample> since(long zoneId, Instant from);

    /** Deletes every zone's samples taken before {@code at}; returns how many went. */
    int pruneBefore(Instant at);
}
