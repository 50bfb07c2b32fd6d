package org.skyhold.domain.engine;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
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

    private final EnginePorts ports;
    private final DnsRegistrar dns;

    public Destroyer(EnginePorts ports, DnsRegistrar dns) {
        this.ports = ports;
        this.dns = dns;
    }

    /** @return true when the agent is destroyed now; false when work remains for the next loop */
    public boolean destroy(Zone zone, Agent agent, String reason, Instant now, LeaseGuard lease) {
        lease.check();
        Agent current = agent;
        if (agent.state() != AgentState.DESTROYING) {
            current = agent.withState(AgentState.DESTROYING, now);
            if (!ports.agents().updateIf(current, DESTROYABLE)) {
                return false;
            }
            ports.events().record(now, zone.id(), agent.id(), "agent.destroying", "destroying agent " + agent.id()
                    + ": " + reason);
        }
        boolean dnsGone = dns.unregister(zone.settings(), current, now);
        boolean vmGone = deleteVm(zone, current, now);
        if (!dnsGone || !vmGone) {
            return false;
        }
        Agent destroyed = new Agent(current.id(), current.zoneId(), current.providerConfigId(), current.autoscaled(),
                current.name(), AgentState.DESTROYED, current.instanceId(), current.address(), current.publicIp(),
                current.privateIp(), null, current.capacity(), current.createdAt(), now, current.checkedInAt(),
                current.lastHeartbeatAt(), now, current.lastError());
        ports.agents().updateIf(destroyed, EnumSet.of(AgentState.DESTROYING));
        ports.events().record(now, zone.id(), agent.id(), "agent.destroyed", "agent " + agent.id() + " destroyed"
                + (current.instanceId() == null ? "" : " (instance " + current.instanceId() + " is gone)"));
        return true;
    }

    private boolean deleteVm(Zone zone, Agent agent, Instant now) {
        if (!agent.autoscaled() || agent.instanceId() == null) {
            return true;
        }
        VmProviderConfig provider = agent.providerConfigId() == null ? null
                : ports.vmProviders().find(agent.providerConfigId()).orElse(null);
        if (provider == null) {
            ports.events().record(now, zone.id(), agent.id(), "agent.orphaned", "the provider of agent " + agent.id()
                    + " was deleted, so instance " + agent.instanceId() + " cannot be deleted by Skyhold");
            return true;
        }
        try {
            var vm = ports.factory().vm(provider);
            vm.delete(agent.instanceId());
            Optional<VmInstance> after = vm.describe(agent.instanceId());
            boolean gone = after.isEmpty() || after.get().state() == VmState.GONE;
            if (!gone) {
                ports.events().record(now, zone.id(), agent.id(), "agent.destroying", "instance "
                        + agent.instanceId() + " is " + after.get().state().name().toLowerCase(java.util.Locale.ROOT)
                        + "; will check again");
            }
            return gone;
        } catch (ProviderException e) {
            ports.events().record(now, zone.id(), agent.id(), "provider.error", provider.name()
                    + " could not delete instance " + agent.instanceId() + " (" + e.errorClass().wireName()
                    + ", will retry): " + e.getMessage());
            return false;
        }
    }
}
