package org.skyhold.domain.model;

import java.time.Instant;

/**
 * A zone's live agents whose A record does not hold (their registration keeps failing), for its health line.
 *
 * @param agents how many; 0 when every registration holds
 * @param newestError the newest of their errors, or null when none
 * @param newestAt when that error happened, or null
 */
public record DnsFailures(int agents, String newestError, Instant newestAt) {
    public static final DnsFailures NONE = new DnsFailures(0, null, null);

    /** "DNS failing for 2 agents: the error", or null when none fails. */
    public String summary() {
        return agents == 0 ? null
                : "DNS failing for " + agents + (agents == 1 ? " agent" : " agents") + ": " + newestError;
    }
}
