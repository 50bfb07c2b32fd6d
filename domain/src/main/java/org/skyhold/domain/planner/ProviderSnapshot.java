package org.skyhold.domain.planner;

import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderHealth;

/**
 * A VM provider of the zone as the planner sees it. {@code agentCapacity} is the size of one new agent (the
 * zone's overrides where set, else what its agents reported, else the kind's configured size) or null when
 * unknown until a first agent checks in. {@code liveAgents} counts every agent whose VM may exist.
 * {@code unavailable}, when set, says why the provider is never used (its kind is not in this build); such a
 * provider is never enabled.
 */
public record ProviderSnapshot(
        long id,
        String name,
        int priority,
        boolean enabled,
        int maxInstances,
        int liveAgents,
        Capacity agentCapacity,
        ProviderHealth health,
        String unavailable) {

    public ProviderSnapshot {
        enabled = enabled && unavailable == null;
    }

    /** A provider of a kind this build has. */
    public ProviderSnapshot(long id, String name, int priority, boolean enabled, int maxInstances, int liveAgents,
                            Capacity agentCapacity, ProviderHealth health) {
        this(id, name, priority, enabled, maxInstances, liveAgents, agentCapacity, health, null);
    }

    public int room() {
        return Math.max(0, maxInstances - liveAgents);
    }
}
