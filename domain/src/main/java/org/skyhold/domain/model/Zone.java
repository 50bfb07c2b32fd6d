package org.skyhold.domain.model;

import java.time.Instant;

/** A deployment zone: where agents run and what free capacity Skyhold keeps there. */
public record Zone(long id, ZoneSettings settings, Instant createdAt, Instant updatedAt) {
    public String name() {
        return settings.name();
    }
}
