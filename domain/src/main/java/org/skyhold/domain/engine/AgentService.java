package org.skyhold.domain.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Zone;

/** What operators do to agents: register a static one, drain one, destroy one. */
public final class AgentService {
    private final EnginePorts ports;
    private final Destroyer destroyer;
    private final LongConsumer wakeZone;
    private final Clock clock;

    public AgentService(EnginePorts ports, Destroyer destroyer, LongConsumer wakeZone, Clock clock) {
        this.ports = ports;
        this.destroyer = destroyer;
        this.wakeZone = wakeZone;
        this.clock = clock;
    }

    /** Registers a machine Skyhold does not manage; it is running at once and never destroyed by the engine. */
    public Agent registerStatic(long zoneId, String name, String address, Capacity capacity, String actor) {
        Instant now = clock.instant();
        Agent agent = new Agent(AgentTokens.newAgentId(), zoneId, null, false, name, AgentState.RUNNING, null, address,
                null, null, null, capacity, now, now, now, now, null, null);
        Agent stored = ports.agents().insert(agent);
        ports.events().record(now, zoneId, stored.id(), "agent.registered", actor + " registered static agent " + name
                + " (" + address + ") with " + capacity.cores() + " cores, " + capacity.gpus() + " GPUs, "
                + capacity.memoryMb() + " MB");
        wakeZone.accept(zoneId);
        return stored;
    }

    /** Stops new sessions on the agent; once its sessions end an autoscaled agent is destroyed. */
    public Optional<Agent> drain(String agentId, String actor) {
        Instant now = clock.instant();
        Optional<Agent> agent = ports.agents().find(agentId);
        if (agent.isEmpty() || agent.get().state() != AgentState.RUNNING) {
            return agent;
        }
        Agent draining = agent.get().withState(AgentState.DRAINING, now);
        if (ports.agents().updateIf(draining, EnumSet.of(AgentState.RUNNING))) {
            ports.events().record(now, draining.zoneId(), agentId, "agent.draining", actor + " drained agent " + agentId
                    + (draining.autoscaled() ? "; it is destroyed when its last session ends" : ""));
            wakeZone.accept(draining.zoneId());
        }
        return ports.agents().find(agentId);
    }

    public enum DestroyOutcome { DESTROYED, IN_PROGRESS, HAS_SESSIONS, NOT_FOUND }

    /** Destroys the agent now, refusing while it holds sessions unless {@code force}. */
    public DestroyOutcome destroy(String agentId, boolean force, String actor) {
        Instant now = clock.instant();
        Optional<Agent> agent = ports.agents().find(agentId).filter(a -> a.state().isLive()
                || a.state() == AgentState.FAILED);
        if (agent.isEmpty()) {
            return DestroyOutcome.NOT_FOUND;
        }
        int sessions = ports.sessions().listOpenByAgent(agentId).size();
        if (sessions > 0 && !force) {
            return DestroyOutcome.HAS_SESSIONS;
        }
        if (sessions > 0) {
            ports.sessions().listOpenByAgent(agentId).forEach(s -> ports.sessions().end(s.id(), now));
        }
        Zone zone = ports.zones().find(agent.get().zoneId()).orElseThrow();
        String reason = actor + " asked for it" + (sessions > 0 ? " (forced, ending " + sessions + " sessions)" : "");
        // unforced, the destroy itself re-checks that no session arrived since the count above
        boolean done = force ? destroyer.destroy(zone, agent.get(), reason, now, LeaseGuard.NONE)
                : destroyer.destroyIfIdle(zone, agent.get(), reason, now, LeaseGuard.NONE);
        wakeZone.accept(zone.id());
        if (!done && !force && ports.agents().find(agentId).map(a -> a.state() != AgentState.DESTROYING
                && a.state() != AgentState.DESTROYED).orElse(false)) {
            return DestroyOutcome.HAS_SESSIONS;
        }
        return done ? DestroyOutcome.DESTROYED : DestroyOutcome.IN_PROGRESS;
    }
}
