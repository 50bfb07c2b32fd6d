package org.skyhold.web.view;

/** One zone that keeps sessions of an image staged: how many, and after how many hours an unclaimed one is renewed. */
public record StagingRow(long id, long zoneId, String zoneName, int numSessions, int expirationHours) {
}
