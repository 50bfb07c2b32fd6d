package org.skyhold.domain.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmProvider;
import org.skyhold.domain.provider.VmSpec;
import org.skyhold.domain.provider.VmState;

/**
 * Destroys an agent: {@code destroying}, its DNS record deleted, its VM deleted and confirmed gone, then
 * {@code destroyed}. Whatever fails leaves the agent {@code destroying} with the error, and the next loop
 * retries, so neither a VM nor a DNS record is leaked.
 */
public final class Destroyer {
    private static final Set<AgentState> DESTROYABLE = EnumSet.of(AgentState.PENDING, AgentState.STARTING,
            AgentState.RUNNING, AgentState.DRAINING, AgentState.MISSING, AgentState.DEAD, AgentState.DESTROYING,
            AgentState.FAILED);

    /** How long a VM reported as being deleted is followed before its delete is asked again. */
    public static final Duration ASK_AGAIN_AFTER = Duration.ofMinutes(1);

    private final EnginePorts ports;
    /** When this manager last asked the cloud to delete each VM not yet confirmed gone, by instance id. */
    private final Map<String, Instant> asked = new ConcurrentHashMap<>();
    /** VMs this manager saw gone after its ask, by instance id, for {@link #ASK_AGAIN_AFTER} and more. */
    private final Map<String, Instant> confirmedGone = new ConcurrentHashMap<>();
    private final DnsRegistrar dns;
    private final Actuator actuator;
    private final Provisioner provisioner;

    public Destroyer(EnginePorts ports, DnsRegistrar dns, Actuator actuator, Provisioner provisioner) {
        this.ports = ports;
        this.dns = dns;
        this.actuator = actuator;
        this.provisioner = provisioner;
    }

    /**
     * Destroys the agent in this thread, for an operator's request outside the zone's loop (each cloud call
     * bounded by the provider guard's timeout).
     *
     * @return true when the agent is destroyed now; false when work remains for the next loop
     */
    public boolean destroy(Zone zone, Agent agent, String reason, Instant now, LeaseGuard lease) {
        return destroyNow(zone, destroying(zone, agent, reason, now, lease, false), now, lease);
    }

    /**
     * {@link #destroy}, but only while the agent holds no session (open or staged) and no reservation, checked in
     * the statement that writes {@code destroying}, so a session placed after the caller looked is never lost.
     *
     * @return true when the agent is destroyed now; false when work remains, or it was not idle (nothing written)
     */
    public boolean destroyIfIdle(Zone zone, Agent agent, String reason, Instant now, LeaseGuard lease) {
        return destroyNow(zone, destroying(zone, agent, reason, now, lease, true), now, lease);
    }

    private boolean destroyNow(Zone zone, Agent current, Instant now, LeaseGuard lease) {
        if (current == null) {
            return false;
        }
        boolean dnsGone = dns.unregister(zone.settings(), current, now);
        boolean vmGone;
        try {
            vmGone = deleteVm(zone, current, now);
        } catch (ProviderException e) {
            deleteFailed(zone, current, e, now);
            vmGone = false;
        }
        return dnsGone && vmGone && destroyed(zone, current, now, lease);
    }

    /**
     * Marks the agent {@code destroying} in this thread and orders the DNS record's and the VM's deletion on the
     * actuator, for the zone's loop, which does not wait. The completion writes {@code destroyed} (fenced by the
     * lease) once the VM is confirmed gone; otherwise the agent stays {@code destroying} and a later pass orders
     * again. An agent whose deletion is already under way is not ordered twice.
     */
    public void order(Zone zone, Agent agent, String reason, Instant now, LeaseGuard lease) {
        Agent current = destroying(zone, agent, reason, now, lease, false);
        if (current != null) {
            deleteOnActuator(zone, current, now, lease);
        }
    }

    /**
     * A scale-down: {@link #order}s the destroy of a running agent only while it holds no session (open or staged)
     * and no reservation, checked in the one statement that writes {@code destroying}. The planner chose the agent
     * on the zone as the pass read it; a user's session placed on it since then wins, and the agent stays.
     *
     * @return false when the agent was no longer running and idle (nothing written, nothing ordered)
     */
    public boolean scaleDown(Zone zone, Agent agent, String reason, Instant now, LeaseGuard lease) {
        if (agent.state() != AgentState.RUNNING) {
            return false;
        }
        Agent current = destroying(zone, agent, reason, now, lease, true);
        if (current == null) {
            return false;
        }
        deleteOnActuator(zone, current, now, lease);
        return true;
    }

    private void deleteOnActuator(Zone zone, Agent current, Instant now, LeaseGuard lease) {
        Long providerId = current.providerConfigId();
        int maxCalls = providerId == null ? 10 : ports.vmProviders().find(providerId)
                .map(p -> p.settings().maxConcurrentCalls()).orElse(10);
        actuator.submit(providerId == null ? 0 : providerId, maxCalls, "destroy " + current.id(),
                ThrottleEvents.recorded(ports, zone.id(), current.id(), "the delete of agent " + current.id(), now,
                        () -> dns.unregister(zone.settings(), current, now) & deleteVm(zone, current, now)),
                (gone, error, at) -> {
                    if (error != null) {
                        deleteFailed(zone, current, error, at);
                    } else if (gone) {
                        destroyed(zone, current, at, lease);
                    }
                });
    }

    /**
     * The agent as {@code destroying} (written when it was not yet), or null when it is not destroyable (with
     * {@code onlyIdle}: also when it holds a session or reservation, checked in the same statement).
     */
    private Agent destroying(Zone zone, Agent agent, String reason, Instant now, LeaseGuard lease,
                             boolean onlyIdle) {
        lease.check();
        if (agent.state() == AgentState.DESTROYING) {
            return agent;
        }
        Agent current = agent.withState(AgentState.DESTROYING, now);
        if (!(onlyIdle ? ports.agents().updateIfIdle(current, DESTROYABLE)
                : ports.agents().updateIf(current, DESTROYABLE))) {
            return null;
        }
        ports.events().record(now, zone.id(), agent.id(), "agent.destroying", "destroying agent " + agent.id()
                + ": " + reason);
        return current;
    }

    private boolean destroyed(Zone zone, Agent current, Instant now, LeaseGuard lease) {
        Agent destroyed = new Agent(current.id(), current.zoneId(), current.providerConfigId(), current.autoscaled(),
                current.name(), AgentState.DESTROYED, current.instanceId(), current.address(), current.publicIp(),
                current.privateIp(), null, current.capacity(), current.createdAt(), now, current.checkedInAt(),
                current.lastHeartbeatAt(), now, current.lastError());
        ports.failpoints().hit(Failpoints.DESTROY_BEFORE_ROW_FINAL);
        if (!provisioner.fenced(destroyed, EnumSet.of(AgentState.DESTROYING), lease)) {
            return false;
        }
        ports.events().record(now, zone.id(), current.id(), "agent.destroyed", "agent " + current.id() + " destroyed"
                + (current.instanceId() == null ? "" : " (instance " + current.instanceId() + " is gone)"));
        return true;
    }

    private void deleteFailed(Zone zone, Agent agent, ProviderException e, Instant now) {
        String provider = agent.providerConfigId() == null ? "its provider" : ports.vmProviders()
                .find(agent.providerConfigId()).map(VmProviderConfig::name).orElse("its provider");
        ports.events().record(now, zone.id(), agent.id(), "provider.error", provider + " could not delete instance "
                + agent.instanceId() + " (" + e.errorClass().wireName() + ", will retry): " + e.getMessage());
    }

    /**
     * Deletes the VM and confirms it gone; a failed call throws (the actuator learns from a throttled one). A VM
     * already being deleted is followed, its delete asked again only {@link #ASK_AGAIN_AFTER} after the last ask
     * (no delete per pass while the cloud terminates it). An autoscaled agent without an instance id may still
     * have a VM (made during a crash): it is looked up by the agent's tag, so destroying the agent never orphans it.
     */
    private boolean deleteVm(Zone zone, Agent agent, Instant now) {
        if (!agent.autoscaled() || agent.instanceId() == null && agent.providerConfigId() == null) {
            return true;
        }
        VmProviderConfig provider = agent.providerConfigId() == null ? null
                : ports.vmProviders().find(agent.providerConfigId()).orElse(null);
        if (provider == null) {
            ports.events().record(now, zone.id(), agent.id(), "agent.orphaned", "the provider of agent " + agent.id()
                    + " was deleted, so instance " + agent.instanceId() + " cannot be deleted by Skyhold");
            return true;
        }
        var vm = ports.factory().vm(provider);
        String instanceId = agent.instanceId() != null ? agent.instanceId()
                : vm.listTagged(ports.installationId()).stream()
                        .filter(i -> agent.id().equals(i.tags().get(VmSpec.TAG_AGENT)))
                        .map(VmInstance::instanceId).findFirst().orElse(null);
        if (instanceId == null) {
            return true; // its create never made a VM
        }
        // a VM this manager asked to delete within the minute is followed, not asked again (that ask may still be in
        // flight on the actuator while a pass retries the destroy); after a take-over, a VM found being deleted is
        // followed too, for a minute since the agent became destroying. A minute on, the delete is asked again: the
        // cloud may have dropped the ask, or the VM is merely stopped, which the clouds report in the same words.
        if (confirmedGone.containsKey(instanceId)) {
            return true; // a destroy that read the agent before another finished it: its VM is gone, not asked again
        }
        Instant mine = asked.get(instanceId);
        if (mine != null && now.isBefore(mine.plus(ASK_AGAIN_AFTER))) {
            return followed(vm, instanceId, now);
        }
        if (mine == null && now.isBefore(agent.stateChangedAt().plus(ASK_AGAIN_AFTER))) {
            Optional<VmInstance> before = vm.describe(instanceId);
            if (before.isPresent() && before.get().state() == VmState.DELETING) {
                return false;
            }
        }
        // the ask is claimed in one step: of two destroys of the agent at once (a scale-down's on the actuator, the
        // pass's retry of its destroying agents) that both found no ask above, one asks and the other follows
        boolean claimed = mine == null ? asked.putIfAbsent(instanceId, now) == null
                : asked.replace(instanceId, mine, now);
        if (!claimed) {
            return followed(vm, instanceId, now);
        }
        try {
            vm.delete(instanceId);
            ports.failpoints().hit(Failpoints.DESTROY_AFTER_VM_DELETE);
        } catch (ProviderException e) {
            asked.remove(instanceId, now); // refused: the next pass asks again
            throw e;
        }
        Optional<VmInstance> after = vm.describe(instanceId);
        boolean gone = after.isEmpty() || after.get().state() == VmState.GONE;
        if (gone) {
            gone(instanceId, now);
        } else {
            ports.events().record(now, zone.id(), agent.id(), "agent.destroying", "instance "
                    + instanceId + " is " + after.get().state().name().toLowerCase(java.util.Locale.ROOT)
                    + "; will check again");
        }
        return gone;
    }

    /** Whether the VM whose delete was asked is gone now. */
    private boolean followed(VmProvider vm, String instanceId, Instant now) {
        Optional<VmInstance> current = vm.describe(instanceId);
        boolean gone = current.isEmpty() || current.get().state() == VmState.GONE;
        if (gone) {
            gone(instanceId, now);
        }
        return gone;
    }

    /** The asked VM is gone: its ask is forgotten, and it is remembered as gone for a while (older ones forgotten). */
    private void gone(String instanceId, Instant now) {
        asked.remove(instanceId);
        confirmedGone.put(instanceId, now);
        Instant forgetBefore = now.minus(ASK_AGAIN_AFTER.multipliedBy(10));
        confirmedGone.values().removeIf(at -> at.isBefore(forgetBefore));
    }
}
