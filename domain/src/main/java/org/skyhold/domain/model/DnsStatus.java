package org.skyhold.domain.model;

import java.time.Instant;

/**
 * Where one agent's DNS registration stands, for the agents JSON and the agent page.
 *
 * @param registered its A record holds {@code value}
 * @param value the address the record was last written to hold, or null when none was
 * @param error why the last registration failed, or null when it did not
 * @param errorAt when that failure happened, or null
 */
public record DnsStatus(boolean registered, String value, String error, Instant errorAt) {
    /** Nothing registered and nothing failed: an agent without a name, or one not yet named. */
    public static final DnsStatus NONE = new DnsStatus(false, null, null, null);

    /** "registered (1.2.3.4)", "failing: the error", or "not registered". */
    public String summary() {
        if (registered) {
            return "registered" + (value == null ? "" : " (" + value + ")");
        }
        return error == null ? "not registered" : "failing: " + error;
    }
}
