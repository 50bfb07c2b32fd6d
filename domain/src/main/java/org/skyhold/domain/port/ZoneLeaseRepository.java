package org.skyhold.domain.port;

import java.time.Instant;
import java.util.Optional;
import org.skyhold.domain.model.ZoneLease;

/**
 * The per-zone leases that make one manager primary for a zone. Each method is one atomic statement, so
 * several managers on one database can race safely. Blocking; failures throw {@link RepositoryException}.
 */
public interface ZoneLeaseRepository {
    /**
     * Takes or renews the zone's lease for {@code managerId} until {@code expiresAt} when nobody holds it, the
     * holder's lease expired at or before {@code now}, or the holder is {@code managerId}. Returns the lease this
     * manager now holds (epoch bumped on a change of holder), or empty when another manager holds it.
     */
    Optional<ZoneLease> acquire(long zoneId, String managerId, Instant now, Instant expiresAt);

    /** The current lease row of the zone, expired or not, or empty when there never was one. */
    Optional<ZoneLease> find(long zoneId);

    /** Gives the lease up if {@code managerId} holds it, so another manager can take it at once. */
    void release(long zoneId, String managerId);
}
