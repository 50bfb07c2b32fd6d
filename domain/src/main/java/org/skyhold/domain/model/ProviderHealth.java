package org.skyhold.domain.model;

import java.time.Instant;

/**
 * The executor's view of a provider's recent failures: backed off until {@code backoffUntil} (null when healthy),
 * {@code level} consecutive failures, and the last error shown to the operator.
 */
public record ProviderHealth(Instant backoffUntil, int level, ProviderErrorClass lastErrorClass, String lastError) {
    public static final ProviderHealth HEALTHY = new ProviderHealth(null, 0, null, null);

    public boolean backingOffAt(Instant now) {
        return backoffUntil != null && now.isBefore(backoffUntil);
    }
}
