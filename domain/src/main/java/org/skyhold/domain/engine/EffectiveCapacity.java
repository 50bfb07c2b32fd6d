package org.skyhold.domain.engine;

import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ZoneSettings;

/** An agent's capacity as the zone counts it: for an autoscaled agent the zone's overrides replace the report. */
public final class EffectiveCapacity {
    private EffectiveCapacity() {
    }

    public static Capacity of(Agent agent, ZoneSettings zone) {
        return agent.autoscaled() ? overridden(agent.capacity(), zone) : agent.capacity();
    }

    /** {@code reported} with every override the zone sets applied (memory override is in GB). */
    public static Capacity overridden(Capacity reported, ZoneSettings zone) {
        Capacity r = reported == null ? Capacity.ZERO : reported;
        if (zone.agentCoresOverride() == null && zone.agentGpusOverride() == null
                && zone.agentMemoryOverrideGb() == null) {
            return r; // every agent of every pass comes through here: no copy when nothing is overridden
        }
        return new Capacity(
                zone.agentCoresOverride() != null ? zone.agentCoresOverride() : r.cores(),
                zone.agentGpusOverride() != null ? zone.agentGpusOverride() : r.gpus(),
                zone.agentMemoryOverrideGb() != null ? zone.agentMemoryOverrideGb() * 1024L : r.memoryMb());
    }

    /** True when the zone overrides every dimension, so a new agent's size is known before it reports. */
    public static boolean fullyOverridden(ZoneSettings zone) {
        return zone.agentCoresOverride() != null && zone.agentGpusOverride() != null
                && zone.agentMemoryOverrideGb() != null;
    }
}
