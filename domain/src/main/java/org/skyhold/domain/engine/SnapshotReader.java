package org.skyhold.domain.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.skyhold.domain.port.AgentRepository;
import org.skyhold.domain.provider.ProviderException;

/**
 * Reads everything the planner needs for one zone, with effective capacities already worked out: in full
 * ({@link #read}), or, for the zone's primary, with its live agents followed in memory ({@link #readFollowed}).
 */
public final class SnapshotReader {
    private final EnginePorts ports;
    private final LiveAgentCache followed;

    public SnapshotReader(EnginePorts ports) {
        this(ports, new LiveAgentCache(ports.agents()));
    }

    public SnapshotReader(EnginePorts ports, LiveAgentCache followed) {
        this.ports = ports;
        this.followed = followed;
    }

    /** The zone's state now, every row read from the repositories, or empty when the zone no longer exists. */
    public Optional<ZoneState> read(long zoneId, Instant now) {
        return ports.zones().find(zoneId).map(zone -> build(zone, ports.agents().liveWithLoads(zoneId), now));
    }

    /**
     * The zone's state now, as {@link #read} returns it, with the live agents kept in memory between calls and only
     * the rows written since the last call read (see {@link LiveAgentCache}); for the loop of the zone's primary.
     * The zone is read in full again when {@code lease} is another lease than the last call's.
     */
    public Optional<ZoneState> readFollowed(long zoneId, Instant now, LeaseGuard lease) {
        Optional<Zone> zone = ports.zones().find(zoneId);
        if (zone.isEmpty()) {
            followed.forget(zoneId);
            return Optional.empty();
        }
        return Optional.of(build(zone.get(), followed.read(zoneId, lease.fence(), now), now));
    }

    private ZoneState build(Zone zone, AgentRepository.LiveAgents read, Instant now) {
        long zoneId = zone.id();
        ZoneSettings s = zone.settings();
        List<Agent> agents = read.agents();
        Map<String, AgentLoad> loads = new HashMap<>(agents.size() * 4 / 3 + 1);
        read.loads().forEach(l -> loads.put(l.agentId(), l));
        List<VmProviderConfig> providers = ports.vmProviders().listByZone(zoneId);

        // one walk over the agents for every provider: how many are live, and which one reported its size last
        Map<Long, int[]> liveByProvider = new HashMap<>();
        Map<Long, Agent> lastReported = new HashMap<>();
        for (Agent a : agents) {
            Long p = a.providerConfigId();
            if (p != null) {
                liveByProvider.computeIfAbsent(p, id -> new int[1])[0]++;
                Agent last = lastReported.get(p);
                if (a.checkedInAt() != null && (last == null || a.checkedInAt().isAfter(last.checkedInAt()))) {
                    lastReported.put(p, a);
                }
            }
        }
        List<ProviderSnapshot> providerViews = new ArrayList<>();
        Map<Long, Capacity> expected = new HashMap<>();
        for (VmProviderConfig p : providers) {
            Capacity size = expectedSize(p, lastReported.get(p.id()), s);
            if (size != null) {
                expected.put(p.id(), size);
            }
            int[] live = liveByProvider.getOrDefault(p.id(), new int[1]);
            providerViews.add(new ProviderSnapshot(p.id(), p.name(), p.settings().priority(), p.settings().enabled(),
                    p.settings().maxInstances(), live[0], size, p.health(),
                    ports.factory().unavailableVmKind(p.kind()).orElse(null)));
        }
        List<AgentSnapshot> agentViews = new ArrayList<>(agents.size());
        for (Agent a : agents) {
            AgentLoad load = loads.get(a.id());
            if (load == null) {
                load = new AgentLoad(a.id(), Capacity.ZERO, 0, null);
            }
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
        return new ZoneState(zone, agents, loads, providers, snapshot);
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
     * The last size an agent of this provider reported ({@code reported}: its agent that checked in last), else the size its cloud told when the provider was saved
     * or the engine started (stored on the provider), else what the provider's client knows, else the overrides.
     */
    private Capacity expectedSize(VmProviderConfig p, Agent reported, ZoneSettings s) {
        if (reported != null) {
            return EffectiveCapacity.overridden(reported.capacity(), s);
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
