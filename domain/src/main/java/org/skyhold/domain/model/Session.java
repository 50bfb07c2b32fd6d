package org.skyhold.domain.model;

import java.time.Instant;

/** A desktop session placed on an agent; {@code reservation} is what it holds there until it ends. */
public record Session(
        String id,
        long zoneId,
        long imageId,
        String agentId,
        SessionKind kind,
        SessionState state,
        String userName,
        Capacity reservation,
        Instant createdAt,
        Instant claimedAt,
        Instant expiresAt,
        Instant endedAt) {
}
