package org.skyhold.domain.port;

import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneSettings;

/** Stores zones. Every method blocks on the database and throws {@link RepositoryException} on its failure. */
public interface ZoneRepository {
    /** Stores a new zone and returns it with its id. Throws {@link DuplicateNameException} for a taken name. */
    Zone create(ZoneSettings settings);

    /** The zone, or empty when there is none with that id. */
    Optional<Zone> find(long id);

    /** All zones ordered by name. */
    List<Zone> list();

    /** Replaces the zone's settings; empty when the zone does not exist. Throws {@link DuplicateNameException}. */
    Optional<Zone> update(long id, ZoneSettings settings);

    /**
     * Deletes the zone with its provider configs, staging configs, agent and session history; false when it did
     * not exist. Callers check first that no agent is live (a live VM must not lose its row).
     */
    boolean delete(long id);

    /** When the zone last ordered a VM, or empty when it never did. */
    Optional<java.time.Instant> lastScaleUpAt(long id);

    /** Records that the zone ordered a VM at {@code at} (for the downscale backoff). */
    void recordScaleUp(long id, java.time.Instant at);
}
