package org.skyhold.domain.model;

import java.time.Instant;

/**
 * One VM provider of a zone, as stored: the operator's settings, the executor's health of it, and the size of one
 * of its agents as the cloud last told it ({@code agentSize}, looked up when the provider is saved and at start-up;
 * null until then, {@code agentSizeAt} when it was looked up).
 */
public record VmProviderConfig(
        long id, long zoneId, VmProviderSettings settings, ProviderHealth health, Instant createdAt, Instant updatedAt,
        Capacity agentSize, Instant agentSizeAt) {

    public VmProviderConfig(long id, long zoneId, VmProviderSettings settings, ProviderHealth health,
                            Instant createdAt, Instant updatedAt) {
        this(id, zoneId, settings, health, createdAt, updatedAt, null, null);
    }

    public String name() {
        return settings.name();
    }

    /** The id of the provider's kind. */
    public String kind() {
        return settings.kind();
    }
}
