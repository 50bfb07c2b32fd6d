package org.skyhold.domain.model;

/** An agent that took the sessions a batch put on it, and its reachable address (null when it has none yet). */
public record PlacedAgent(String agentId, String address) {
}
