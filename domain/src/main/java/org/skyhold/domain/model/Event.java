package org.skyhold.domain.model;

import java.time.Instant;

/**
 * One line of the decision log: an action taken, a setting changed, or a "did nothing because ...". {@code reason}
 * is for people; {@code dataJson} carries the numbers behind it as a JSON object. Never holds a secret.
 */
public record Event(long id, Instant at, Long zoneId, String agentId, String kind, String actor, String reason,
                    String dataJson) {

    /** An event not yet stored (id 0). */
    public static Event of(Instant at, Long zoneId, String agentId, String kind, String actor, String reason) {
        return new Event(0, at, zoneId, agentId, kind, actor, reason, "{}");
    }
}
