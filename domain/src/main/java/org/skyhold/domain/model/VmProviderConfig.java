package org.skyhold.domain.model;

import java.time.Instant;

/** One VM provider of a zone, as stored: the operator's settings and the executor's health of it. */
public record VmProviderConfig(
        long id, long zoneId, VmProviderSettings settings, ProviderHealth health, Instant createdAt, Instant updatedAt) {

    public String name() {
        return settings.name();
    }

    /** The id of the provider's kind. */
    public String kind() {
        return settings.kind();
    }
}
