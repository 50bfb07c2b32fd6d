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

    public VmProviderConfig provider(long id) {
        return providers.stream().filter(p -> p.id() == id).findFirst().orElse(null);
    }
}
