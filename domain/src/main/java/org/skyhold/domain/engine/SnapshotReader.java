package org.skyhold.domain.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentLoad;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Image;
import org.skyhold.domain.model.StagingConfig;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.planner.AgentSnapshot;
import org.skyhold.domain.planner.ProviderSnapshot;
import org.skyhold.domain.planner.StagingNeed;
import org.skyhold.domain.planner.ZoneSnapshot;
import org.skyhold.domain.provider.ProviderException;

/** Reads everything the planner needs for one zone, with effective capacities already worked out. */
public final class SnapshotReader {
    private final EnginePorts ports;

    public SnapshotReader(EnginePorts ports) {
        this.ports = ports;
    }

    /** The zone's state now, or empty when the zone no longer exists. */
    public Optional<ZoneState> read(long zoneId, Instant now) {
        Optional<Zone> zone = ports.zones().find(zoneId);
        if (zone.isEmpty()) {
            return Optional.empty();
        }
        ZoneSettings s = zone.get().settings();
        var read = ports.agents().liveWithLoads(zoneId);
        List<Agent> agents = read.agents();
        Map<String, AgentLoad> loads = read.loads().stream()
                .collect(Collectors.toMap(AgentLoad::agentId, Function.identity()));
        List<VmProviderConfig> providers = ports.vmProviders().listByZone(zoneId);

        List<ProviderSnapshot> providerViews = new ArrayList<>();
        Map<Long, Capacity> expected = new java.util.HashMap<>();
        for (VmProviderConfig p : providers) {
            Capacity size = expectedSize(p, agents, s);
            if (size != null) {
                expected.put(p.id(), size);
            }
            int live = (int) agents.stream().filter(a -> a.providerConfigId() != null
                    && a.providerConfigId() == p.id()).count();
            providerViews.add(new ProviderSnapshot(p.id(), p.name(), p.settings().priority(), p.settings().enabled(),
                    p.settings().maxInstances(), live, size, p.health(),
                    ports.factory().unavailableVmKind(p.kind()).orElse(null)));
        }
        List<AgentSnapshot> agentViews = new ArrayList<>();
        for (Agent a : agents) {
            AgentLoad load = loads.getOrDefault(a.id(), new AgentLoad(a.id(), Capacity.ZERO, 0, null));
            Capacity capacity = a.autoscaled() && a.checkedInAt() == null
                    ? (a.providerConfigId() == null ? null : expected.get(a.providerConfigId()))
                    : EffectiveCapacity.of(a, s);
            // an agent without its instance id is never a scale-down candidate: destroying it would orphan its VM
            boolean removable = load.sessions() == 0 && !LifecycleRules.unadopted(a);
            agentViews.add(new AgentSnapshot(a.id(), a.providerConfigId(), a.autoscaled(), a.state(), capacity,
                    load.reserved(), load.sessions(), a.createdAt(), removable ? load.idleSince() : null));
        }
        ZoneSnapshot snapshot = new ZoneSnapshot(zoneId, s, agentViews, providerViews, staging(zoneId, now),
                ports.zones().lastScaleUpAt(zoneId).orElse(null), ScheduleReader.read(ports, zoneId, providers));
        return Optional.of(new ZoneState(zone.get(), agents, loads, providers, snapshot));
    }

    private List<StagingNeed> staging(long zoneId, Instant now) {
        List<StagingConfig> configs = ports.staging().listByZone(zoneId);
        if (configs.isEmpty()) {
            return List.of();
        }
        Map<Long, Integer> ready = ports.sessions().readyStaged(zoneId, now);
        List<StagingNeed> needs = new ArrayList<>();
        for (StagingConfig c : configs) {
            Optional<Image> image = ports.images().find(c.imageId());
            image.ifPresent(i -> needs.add(new StagingNeed(i.id(), i.name(), i.reservation(), c.numSessions(),
                    ready.getOrDefault(i.id(), 0))));
        }
        return needs;
    }

    /**
     * The last size an agent of this provider reported, else the size its cloud told when the provider was saved
     * or the engine started (stored on the provider), else what the provider's client knows, else the overrides.
     */
    private Capacity expectedSize(VmProviderConfig p, List<Agent> agents, ZoneSettings s) {
        Optional<Agent> reported = agents.stream()
                .filter(a -> a.providerConfigId() != null && a.providerConfigId() == p.id() && a.checkedInAt() != null)
                .max(Comparator.comparing(Agent::checkedInAt));
        if (reported.isPresent()) {
            return EffectiveCapacity.overridden(reported.get().capacity(), s);
        }
        if (p.agentSize() != null) {
            return EffectiveCapacity.overridden(p.agentSize(), s);
        }
        try {
            Optional<Capacity> known = ports.factory().vm(p).expectedCapacity();
            if (known.isPresent()) {
                return EffectiveCapacity.overridden(known.get(), s);
            }
        } catch (ProviderException e) {
            // a kind that cannot be built fails when it is asked to create; its size is simply unknown
        }
        return EffectiveCapacity.fullyOverridden(s) ? EffectiveCapacity.overridden(Capacity.ZERO, s) : null;
    }
}
