package org.skyhold.domain.model;

import java.time.Instant;

/**
 * A new session to place: its id, zone, image, kind, user (null for a staged one), the time of the request and
 * the expiry (staged sessions only). The zone's settings and the image's reservation are read where the session is
 * placed, in the same statement, so a settings change can never be half seen.
 *
 * @param unlessStagedReady place nothing when a ready staged session of the image exists in the zone: a user's
 *                          request claims that one instead
 */
public record PlacementRequest(String sessionId, long zoneId, long imageId, SessionKind kind, String userName,
                               Instant at, Instant expiresAt, boolean unlessStagedReady) {
    /** The same request, placing a new session whether or not a staged one is ready (after a lost claim). */
    public PlacementRequest evenIfStagedReady() {
        return new PlacementRequest(sessionId, zoneId, imageId, kind, userName, at, expiresAt, false);
    }

    /** The session's state when placed: staged sessions wait for a user, a user's is active at once. */
    public SessionState state() {
        return kind == SessionKind.STAGED ? SessionState.STAGED : SessionState.ACTIVE;
    }

    /** When the user got it: at once for a user's session, not yet for a staged one. */
    public Instant claimedAt() {
        return kind == SessionKind.USER ? at : null;
    }
}
