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
        return overridden(reported, zone.agentCoresOverride(), zone.agentGpusOverride(), zone.agentMemoryOverrideGb());
    }

    /** {@code reported} with these overrides applied, each null when not set (memory in GB): a zone's, as read. */
    public static Capacity overridden(Capacity reported, Integer cores, Integer gpus, Integer memoryGb) {
        Capacity r = reported == null ? Capacity.ZERO : reported;
        if (cores == null && gpus == null && memoryGb == null) {
            return r; // every agent of every pass comes through here: no copy when nothing is overridden
        }
        return new Capacity(cores != null ? cores : r.cores(), gpus != null ? gpus : r.gpus(),
                memoryGb != null ? memoryGb * 1024L : r.memoryMb());
    }

    /** True when the zone overrides every dimension, so a new agent's size is known before it reports. */
    public static boolean fullyOverridden(ZoneSettings zone) {
        return zone.agentCoresOverride() != null && zone.agentGpusOverride() != null
                && zone.agentMemoryOverrideGb() != null;
    }
}
