package org.skyhold.domain.model;

import java.time.Instant;

/**
 * Which manager runs a zone's loop until {@code expiresAt}. {@code epoch} grows with every change of holder, so a
 * manager that lost the lease cannot act with a stale one.
 */
public record ZoneLease(long zoneId, String managerId, long epoch, Instant acquiredAt, Instant expiresAt) {
    public boolean heldBy(String manager, Instant now) {
        return managerId.equals(manager) && now.isBefore(expiresAt);
    }
}
