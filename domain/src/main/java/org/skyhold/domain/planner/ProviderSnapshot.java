package org.skyhold.domain.planner;

import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderHealth;

/**
 * A VM provider of the zone as the planner sees it. {@code agentCapacity} is the size of one new agent (the
 * zone's overrides where set, else what its agents reported, else the kind's configured size) or null when
 * unknown until a first agent checks in. {@code liveAgents} counts every agent whose VM may exist.
 */
public record ProviderSnapshot(
        long id,
        String name,
        int priority,
        boolean enabled,
        int maxInstances,
        int liveAgents,
        Capacity agentCapacity,
        ProviderHealth health) {

    public int room() {
        return Math.max(0, maxInstances - liveAgents);
    }
}
