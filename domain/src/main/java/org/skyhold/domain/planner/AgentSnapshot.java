package org.skyhold.domain.planner;

import java.time.Instant;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;

/**
 * An agent as the planner sees it. {@code capacity} is effective capacity: what it reported, with the zone's
 * overrides applied for an autoscaled agent, or for a starting agent that has not reported yet its provider's
 * expected size ({@code null} when nobody knows it yet). {@code idleSince} is when it last held no session
 * (null while it holds one).
 */
public record AgentSnapshot(
        String id,
        Long providerId,
        boolean autoscaled,
        AgentState state,
        Capacity capacity,
        Capacity reserved,
        int sessions,
        Instant createdAt,
        Instant idleSince) {

    /** Running, or on its way (its row written or its VM booting): its room counts as free. */
    public boolean countsAsFree() {
        return state == AgentState.PENDING || AgentState.SCHEDULABLE.contains(state);
    }

    /** What it adds to free capacity: present or on its way, minus what its sessions hold. */
    public Capacity free() {
        return capacity == null ? Capacity.ZERO : capacity.minus(reserved);
    }
}
