package org.skyhold.domain.planner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.LoadBalanceStrategy;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.ProviderHealth;
import org.skyhold.domain.model.ZoneSettings;

/** A small language for planner test zones. */
final class Zones {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final Capacity FOUR_CORES = new Capacity(4, 0, 8192);

    private int standbyCores;
    private int standbyGpus;
    private long standbyMemory;
    private int backoff = 600;
    private boolean enabled = true;
    private Instant lastScaleUp;
    private final List<AgentSnapshot> agents = new ArrayList<>();
    private final List<ProviderSnapshot> providers = new ArrayList<>();
    private final List<StagingNeed> staging = new ArrayList<>();

    static Zones zone() {
        return new Zones();
    }

    Zones standby(int cores, int gpus, long memoryMb) {
        standbyCores = cores;
        standbyGpus = gpus;
        standbyMemory = memoryMb;
        return this;
    }

    Zones backoff(int seconds) {
        backoff = seconds;
        return this;
    }

    Zones scalingDisabled() {
        enabled = false;
        return this;
    }

    Zones lastScaleUp(Instant at) {
        lastScaleUp = at;
        return this;
    }

    Zones provider(long id, String name, int priority, int max, Capacity size) {
        return provider(id, name, priority, max, size, ProviderHealth.HEALTHY, true);
    }

    Zones provider(long id, String name, int priority, int max, Capacity size, ProviderHealth health, boolean on) {
        providers.add(new ProviderSnapshot(id, name, priority, on, max, (int) agents.stream()
                .filter(a -> a.providerId() != null && a.providerId() == id && a.state().isLive()).count(),
                size, health));
        return this;
    }

    /** An enabled provider whose kind this build does not have. */
    Zones unavailableProvider(long id, String name, int priority, int max, Capacity size, String why) {
        providers.add(new ProviderSnapshot(id, name, priority, true, max, 0, size, ProviderHealth.HEALTHY, why));
        return this;
    }

    static ProviderHealth backingOff() {
        return new ProviderHealth(NOW.plusSeconds(300), 1, ProviderErrorClass.QUOTA, "InstanceLimitExceeded");
    }

    /** Agents must be added before the provider they belong to, so its live count includes them. */
    Zones agent(String id, Long provider, AgentState state, Capacity cap, Capacity reserved, int sessions,
                Instant created, Instant idleSince) {
        agents.add(new AgentSnapshot(id, provider, provider != null, state, cap, reserved, sessions, created,
                idleSince));
        return this;
    }

    Zones idleAgent(String id, long provider, Instant created, Instant idleSince) {
        return agent(id, provider, AgentState.RUNNING, FOUR_CORES, Capacity.ZERO, 0, created, idleSince);
    }

    Zones staging(long imageId, String name, Capacity each, int wanted, int ready) {
        staging.add(new StagingNeed(imageId, name, each, wanted, ready));
        return this;
    }

    ZoneSnapshot snapshot() {
        ZoneSettings s = new ZoneSettings("z", enabled, true, standbyCores, standbyGpus, standbyMemory, backoff,
                null, null, null, false, null, null, null, null, LoadBalanceStrategy.MOST_LOADED, null, 900, 120, 600);
        return new ZoneSnapshot(1, s, agents, providers, staging, lastScaleUp);
    }

    Plan plan() {
        return new ScalingPlanner().plan(snapshot(), NOW);
    }
}
