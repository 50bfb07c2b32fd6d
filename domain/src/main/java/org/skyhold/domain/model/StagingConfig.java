package org.skyhold.domain.model;

/** Keep {@code numSessions} sessions of an image staged in a zone; each expires after {@code expirationHours}. */
public record StagingConfig(long id, long zoneId, long imageId, int numSessions, int expirationHours) {
}
