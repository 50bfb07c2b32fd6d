package org.skyhold.domain.engine;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentLoad;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.Session;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.provider.VmState;

/**
 * The time-driven half of the lifecycle (DESIGN.md §4): pending rows left by a crash are adopted or failed,
 * booting agents get their IPs and DNS names, agents that never check in are destroyed after the provision
 * timeout, silent agents become missing and then dead, drained and dead autoscaled agents are destroyed,
 * unfinished destroys are retried, and the staged sessions of agents that left running are ended. With the zone's
 * scaling disabled the rules destroy nothing on their own: a silent agent is still marked missing and dead, a
 * booting one past the provision timeout is left alone, and only what an operator asked for (a drain, a destroy
 * under way) is carried out.
 */
public final class LifecycleRules {
    /**
     * A pending row older than this (by default; {@link RecoveryTimes#pendingGrace}) was left by a crash between
     * the row and the cloud call.
     */
    static final long PENDING_GRACE_SECONDS = RecoveryTimes.DEFAULT.pendingGrace().toSeconds();

    /** How long after a fruitless look for an unadopted agent's VM the cloud is asked again. */
    static final long ADOPT_AGAIN_SECONDS = 60;

    private final EnginePorts ports;
    private final Provisioner provisioner;
    private final Destroyer destroyer;
    /** Unadopted agents whose VM was not found, and when to look again (one event per agent, not per pass). */
    private final Map<String, Instant> notFound = new ConcurrentHashMap<>();

    public LifecycleRules(EnginePorts ports, Provisioner provisioner, Destroyer destroyer) {
        this.ports = ports;
        this.provisioner = provisioner;
        this.destroyer = destroyer;
    }

    /**
     * Applies every rule that is due to the zone's agents.
     *
     * @return false when no agent needed any rule, so nothing was written and {@code state} is still current
     */
    public boolean apply(ZoneState state, Instant now, LeaseGuard lease) {
        Zone zone = state.zone();
        var s = zone.settings();
        Map<Long, List<VmInstance>> tagged = new HashMap<>();
        boolean acted = false;
        for (Agent a : state.agents()) {
            if (unadopted(a) && !provisioner.ordering(a.id())
                    && !now.isBefore(notFound.getOrDefault(a.id(), Instant.MIN))) {
                // checked in (or found running) with no instance id: its VM was made during a crash, or its
                // create's answer was lost and the VM checked in before the create was asked again
                a = adopt(zone, a, state, tagged, now);
                acted = true;
            }
            AgentLoad load = state.loads().get(a.id());
            int sessions = load == null ? 0 : load.sessions();
            switch (a.state()) {
                case PENDING -> {
                    boolean timedOut = !now.isBefore(a.createdAt().plusSeconds(s.provisionTimeout()));
                    VmProviderConfig provider = a.providerConfigId() == null ? null
                            : state.provider(a.providerConfigId());
                    if (provisioner.ordering(a.id())) {
                        // a create still queued or in flight on the actuator is not a crash's leftover
                    } else if (provisioner.awaitingAnswer(a.id()) && !timedOut && provider != null) {
                        // the cloud may have made the VM: ask again with the same key, never order a second
                        provisioner.retry(zone, provider, a, now, lease);
                    } else if (!now.isBefore(a.createdAt().plus(ports.recovery().pendingGrace()))) {
                        String why = provisioner.awaitingAnswer(a.id()) ? "its create went unanswered until the"
                                + " provision timeout of " + s.provisionTimeout() + " s" : "left pending by a crash";
                        provisioner.forget(a.id());
                        recoverPending(zone, a, why, state, tagged, now);
                        acted = true;
                    }
                }
                case STARTING -> {
                    starting(zone, a, state.provider(a.providerConfigId() == null ? -1 : a.providerConfigId()), now,
                            lease);
                    acted = true;
                }
                case RUNNING -> {
                    // static agents are registered by an operator and send no heartbeats: no liveness to track
                    if (a.autoscaled() && silentFor(a, now, s.agentMissingAfter())) {
                        transition(a, AgentState.MISSING, now, "no heartbeat for " + s.agentMissingAfter() + " s");
                        acted = true;
                    }
                }
                case MISSING -> {
                    if (silentFor(a, now, s.agentDeadAfter())) {
                        Agent dead = transition(a, AgentState.DEAD, now, "no heartbeat for " + s.agentDeadAfter() + " s");
                        if (dead != null && a.autoscaled() && s.scalingEnabled()) {
                            destroyer.order(zone, dead, "dead: no heartbeat for " + s.agentDeadAfter() + " s",
                                    now, lease);
                        }
                        acted = true;
                    }
                }
                case DEAD -> {
                    if (a.autoscaled() && s.scalingEnabled()) {
                        destroyer.order(zone, a, "dead", now, lease);
                        acted = true;
                    }
                }
                case DRAINING -> {
                    if (a.autoscaled() && sessions == 0) {
                        destroyer.order(zone, a, "drained: its last session ended", now, lease);
                        acted = true;
                    }
                }
                case DESTROYING -> {
                    destroyer.order(zone, a, "retrying an unfinished destroy", now, lease);
                    acted = true;
                }
                default -> {
                    // destroyed and failed rows are history
                }
            }
        }
        // only an agent that left running holds such sessions: one this pass moved, or one that held sessions as read
        boolean mayHoldStaged = acted || state.agents().stream().anyMatch(a -> a.state() != AgentState.RUNNING
                && state.loads().containsKey(a.id()) && state.loads().get(a.id()).sessions() > 0);
        if (mayHoldStaged && endStagedOffRunning(zone, now)) {
            acted = true;
        }
        return acted;
    }

    /**
     * Ends the staged sessions of agents that are not running (missing, dead, draining, destroying): they can no
     * longer be claimed, and ending them gives the planner the need to stage them again on a running agent.
     *
     * @return true when a session was ended
     */
    private boolean endStagedOffRunning(Zone zone, Instant now) {
        boolean ended = false;
        for (Session s : ports.sessions().stagedOffRunning(zone.id())) {
            if (ports.sessions().end(s.id(), now)) {
                ended = true;
                ports.failpoints().hit(Failpoints.STAGED_AFTER_END);
                String agentState = ports.agents().find(s.agentId()).map(a -> a.state().wireName()).orElse("gone");
                ports.events().record(now, zone.id(), s.agentId(), "session.ended", "ended staged session " + s.id()
                        + ": its agent " + s.agentId() + " is " + agentState + "; it is staged again elsewhere");
            }
        }
        return ended;
    }

    private void starting(Zone zone, Agent a, VmProviderConfig provider, Instant now, LeaseGuard lease) {
        long timeout = zone.settings().provisionTimeout();
        if (!now.isBefore(a.createdAt().plusSeconds(timeout)) && zone.settings().scalingEnabled()) {
            destroyer.order(zone, a, "it never checked in within the provision timeout of " + timeout + " s", now,
                    lease);
            return;
        }
        boolean needsCloud = a.publicIp() == null && a.privateIp() == null
                || provider != null && !provider.settings().requireCheckin();
        if (provider == null || !needsCloud || a.instanceId() == null) {
            provisioner.registerDns(zone, a, now);
            return;
        }
        try {
            Optional<VmInstance> vm = ports.factory().vm(provider).describe(a.instanceId());
            if (vm.isEmpty() || vm.get().state() == VmState.GONE) {
                destroyer.order(zone, a, "its instance " + a.instanceId() + " disappeared while booting", now, lease);
                return;
            }
            Agent updated = withIps(a, vm.get());
            if (!provider.settings().requireCheckin() && vm.get().state() == VmState.RUNNING) {
                Capacity size = ports.factory().vm(provider).expectedCapacity().orElse(Capacity.ZERO);
                updated = new Agent(a.id(), a.zoneId(), a.providerConfigId(), true, a.name(), AgentState.RUNNING,
                        a.instanceId(), a.address(), updated.publicIp(), updated.privateIp(), a.dnsName(), size,
                        a.createdAt(), now, now, now, null, null);
                ports.events().record(now, zone.id(), a.id(), "agent.running", "agent " + a.id()
                        + " is running (its provider does not require check-in)");
            }
            if (!updated.equals(a) && ports.agents().updateIf(updated, EnumSet.of(AgentState.STARTING))) {
                provisioner.registerDns(zone, updated, now);
            }
        } catch (ProviderException e) {
            ports.events().record(now, zone.id(), a.id(), "provider.error", "could not describe instance "
                    + a.instanceId() + " of agent " + a.id() + ": " + e.getMessage());
        }
    }

    private void recoverPending(Zone zone, Agent a, String why, ZoneState state, Map<Long, List<VmInstance>> tagged,
                                Instant now) {
        VmProviderConfig provider = a.providerConfigId() == null ? null : state.provider(a.providerConfigId());
        if (provider == null) {
            transition(a, AgentState.FAILED, now, why + "; its provider is gone");
            return;
        }
        try {
            Optional<VmInstance> mine = taggedWith(provider, a.id(), tagged);
            if (mine.isPresent()) {
                Agent adopted = withIps(new Agent(a.id(), a.zoneId(), a.providerConfigId(), true, a.name(),
                        AgentState.STARTING, mine.get().instanceId(), null, null, null, null, a.capacity(),
                        a.createdAt(), now, null, null, null, null), mine.get());
                if (ports.agents().updateIf(adopted, EnumSet.of(AgentState.PENDING))) {
                    ports.events().record(now, zone.id(), a.id(), "agent.recovered", "adopted instance "
                            + mine.get().instanceId() + " of agent " + a.id() + ", " + why);
                }
            } else {
                transition(a, AgentState.FAILED, now, why + " and " + provider.name() + " has no VM tagged with it");
            }
        } catch (ProviderException e) {
            ports.events().record(now, zone.id(), a.id(), "provider.error", "could not list the VMs of "
                    + provider.name() + " to recover agent " + a.id() + ": " + e.getMessage());
        }
    }

    /**
     * An autoscaled agent past {@code pending} whose instance id Skyhold never learned (its create's answer died
     * with a crash, and the VM checked in): until it is adopted it cannot be destroyed for real, so it is neither
     * placed on nor a scale-down candidate (see {@link SnapshotReader}).
     */
    static boolean unadopted(Agent a) {
        return a.autoscaled() && a.instanceId() == null && a.providerConfigId() != null && a.state().isLive()
                && a.state() != AgentState.PENDING;
    }

    /** Looks the agent's VM up by its tag and writes its instance id; the agent as it is afterwards. */
    private Agent adopt(Zone zone, Agent a, ZoneState state, Map<Long, List<VmInstance>> tagged, Instant now) {
        VmProviderConfig provider = state.provider(a.providerConfigId());
        if (provider == null) {
            return a;
        }
        try {
            Optional<VmInstance> mine = taggedWith(provider, a.id(), tagged);
            if (mine.isEmpty()) {
                if (notFound.put(a.id(), now.plusSeconds(ADOPT_AGAIN_SECONDS)) == null) {
                    ports.events().record(now, zone.id(), a.id(), "agent.unadopted", "agent " + a.id() + " is "
                            + a.state().wireName() + " but " + provider.name() + " has no VM tagged with it yet;"
                            + " it takes no session and is not removed until its VM is found");
                }
                return a;
            }
            notFound.remove(a.id());
            provisioner.forget(a.id());
            Agent adopted = withIps(new Agent(a.id(), a.zoneId(), a.providerConfigId(), a.autoscaled(), a.name(),
                    a.state(), mine.get().instanceId(), a.address(), a.publicIp(), a.privateIp(), a.dnsName(),
                    a.capacity(), a.createdAt(), a.stateChangedAt(), a.checkedInAt(), a.lastHeartbeatAt(),
                    a.destroyedAt(), a.lastError()), mine.get());
            if (ports.agents().updateIf(adopted, EnumSet.of(a.state()))) {
                ports.events().record(now, zone.id(), a.id(), "agent.recovered", "adopted instance "
                        + mine.get().instanceId() + " of agent " + a.id() + ", which was " + a.state().wireName()
                        + " without its instance id (created during a crash)");
                return adopted;
            }
        } catch (ProviderException e) {
            ports.events().record(now, zone.id(), a.id(), "provider.error", "could not list the VMs of "
                    + provider.name() + " to adopt agent " + a.id() + ": " + e.getMessage());
        }
        return a;
    }

    private Optional<VmInstance> taggedWith(VmProviderConfig provider, String agentId,
                                            Map<Long, List<VmInstance>> tagged) {
        List<VmInstance> instances = tagged.computeIfAbsent(provider.id(),
                id -> ports.factory().vm(provider).listTagged(ports.installationId()));
        return instances.stream().filter(i -> agentId.equals(i.tags().get(VmSpec.TAG_AGENT))).findFirst();
    }

    private static boolean silentFor(Agent a, Instant now, long seconds) {
        Instant last = a.lastHeartbeatAt() != null ? a.lastHeartbeatAt() : a.stateChangedAt();
        return !now.isBefore(last.plusSeconds(seconds));
    }

    private Agent transition(Agent a, AgentState to, Instant now, String why) {
        Agent next = a.withState(to, now);
        if (!ports.agents().updateIf(next, EnumSet.of(a.state()))) {
            return null;
        }
        ports.events().record(now, a.zoneId(), a.id(), "agent." + to.wireName(), "agent " + a.id() + " is "
                + to.wireName() + ": " + why);
        return next;
    }

    private static Agent withIps(Agent a, VmInstance vm) {
        return new Agent(a.id(), a.zoneId(), a.providerConfigId(), a.autoscaled(), a.name(), a.state(), a.instanceId(),
                a.address(), vm.publicIp() != null ? vm.publicIp() : a.publicIp(),
                vm.privateIp() != null ? vm.privateIp() : a.privateIp(), a.dnsName(), a.capacity(), a.createdAt(),
                a.stateChangedAt(), a.checkedInAt(), a.lastHeartbeatAt(), a.destroyedAt(), a.lastError());
    }
}
