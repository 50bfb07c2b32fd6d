package org.skyhold.domain.engine;

import java.util.List;
import java.util.Map;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentLoad;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.planner.ZoneSnapshot;

/** One read of a zone: the rows the engine acts on, and the planner's view of them. */
public record ZoneState(Zone zone, List<Agent> agents, Map<String, AgentLoad> loads,
                        List<VmProviderConfig> providers, ZoneSnapshot snapshot) {

    /** The zone's provider with this id, or null; asked once per agent per pass, so a plain walk of the few. */
    public VmProviderConfig provider(long id) {
        for (VmProviderConfig p : providers) {
            if (p.id() == id) {
                return p;
            }
        }
        return null;
    }
}
