package org.skyhold.domain.model;

/** A running agent with room for a session: its effective capacity (the limit placement must keep within). */
public record PlacementCandidate(String agentId, Capacity limit) {
}
