package org.skyhold.domain.model;

import java.time.Instant;

/**
 * A desktop session placed on an agent; {@code reservation} is what it holds there until it ends. {@code imageId}
 * is null once its image has been deleted (the reservation was copied, so nothing else needs it).
 */
public record Session(
        String id,
        long zoneId,
        Long imageId,
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
