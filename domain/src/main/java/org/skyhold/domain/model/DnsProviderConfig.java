package org.skyhold.domain.model;

import java.time.Instant;

/** A DNS provider as stored. Zones name one to register their agents' DNS names in. */
public record DnsProviderConfig(long id, DnsProviderSettings settings, Instant createdAt, Instant updatedAt) {
    public String name() {
        return settings.name();
    }
}
