package org.skyhold.domain.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmState;

/**
 * Keeps each agent's addresses and A record true to the cloud after boot. Many clouds assign the public IP only
 * when the VM runs, or later (an Elastic IP associated after boot), and a fast agent may check in before the engine
 * has looked: so while an agent has no public IP and its cloud may still assign one (the first
 * {@link #PUBLIC_IP_WINDOW} of its life), it is described again, starting and running, with a backoff, and its IPs
 * are updated from what the cloud reports (the cloud's word wins over the check-in's). Then every agent whose record
 * does not hold its address (never registered, failed, or the address changed) is registered again, each retry
 * after its backoff, in every state its name is kept in.
 */
public final class AddressFollower {
    /** How long after its creation an agent without a public IP may still get one. */
    static final Duration PUBLIC_IP_WINDOW = Duration.ofMinutes(30);
    static final Duration DESCRIBE_FIRST = Duration.ofSeconds(5);
    static final Duration DESCRIBE_MOST = Duration.ofMinutes(2);

    private final EnginePorts ports;
    private final DnsRegistrar dns;
    private final RetryBackoff describes = new RetryBackoff(DESCRIBE_FIRST, DESCRIBE_MOST);

    public AddressFollower(EnginePorts ports, DnsRegistrar dns) {
        this.ports = ports;
        this.dns = dns;
    }

    /**
     * Follows the addresses of the zone's agents as {@code state} read them, then registers the records that do not
     * hold their agent's address (a fresh read, so the addresses just learned count).
     *
     * @return true when an agent's row was written
     */
    public boolean follow(ZoneState state, Instant now, LeaseGuard lease) {
        boolean wrote = false;
        for (Agent a : state.agents()) {
            VmProviderConfig provider = a.providerConfigId() == null ? null : state.provider(a.providerConfigId());
            if (provider != null && awaitsPublicIp(a, provider, now) && describes.due(a.id(), now)) {
                lease.check();
                wrote |= describe(state.zone(), a, provider, now);
            }
        }
        Zone zone = state.zone();
        if (zone.settings().registerDns()) {
            for (String id : ports.dnsRecords().needingRegistration(zone.id())) {
                if (dns.due(id, now)) {
                    lease.check();
                    Optional<Agent> agent = ports.agents().find(id);
                    wrote |= agent.isPresent() && name(zone, agent.get(), now);
                }
            }
        }
        return wrote;
    }

    /**
     * Whether the agent is one this class describes: autoscaled, with an instance, no public IP yet, young enough to
     * get one, and either running or starting with an address already known. A starting agent with no address, or
     * of a provider that needs no check-in, is described on every pass by {@link LifecycleRules} already.
     */
    static boolean awaitsPublicIp(Agent a, VmProviderConfig provider, Instant now) {
        if (!a.autoscaled() || a.instanceId() == null || a.publicIp() != null
                || !now.isBefore(a.createdAt().plus(PUBLIC_IP_WINDOW))) {
            return false;
        }
        return a.state() == AgentState.RUNNING || a.state() == AgentState.STARTING && a.privateIp() != null
                && provider.settings().requireCheckin();
    }

    private boolean describe(Zone zone, Agent a, VmProviderConfig provider, Instant now) {
        try {
            Optional<VmInstance> vm = ports.factory().vm(provider).describe(a.instanceId());
            if (vm.isEmpty() || vm.get().state() == VmState.GONE || vm.get().publicIp() == null) {
                describes.failed(a.id(), now);
            } else {
                describes.succeeded(a.id());
            }
            if (vm.isEmpty()) {
                return false; // a vanished VM is the liveness rules' business (heartbeats, provision timeout)
            }
            String publicIp = vm.get().publicIp() != null ? vm.get().publicIp() : a.publicIp();
            String privateIp = vm.get().privateIp() != null ? vm.get().privateIp() : a.privateIp();
            if (Objects.equals(publicIp, a.publicIp()) && Objects.equals(privateIp, a.privateIp())) {
                return false;
            }
            // the row as it is now (a heartbeat may have written since the pass read it), with the cloud's IPs
            Optional<Agent> current = ports.agents().find(a.id());
            if (current.isEmpty() || current.get().state() != a.state()
                    || !ports.agents().updateIf(withIps(current.get(), publicIp, privateIp), EnumSet.of(a.state()))) {
                return false; // it moved on meanwhile; the next pass reads it again
            }
            ports.events().record(now, zone.id(), a.id(), "agent.address", "agent " + a.id() + " has "
                    + (publicIp != null ? "public IP " + publicIp : "") + (publicIp != null && privateIp != null
                    ? " and " : "") + (privateIp != null ? "private IP " + privateIp : "") + " as the cloud reports");
            return true;
        } catch (ProviderException e) {
            describes.failed(a.id(), now);
            ports.events().record(now, zone.id(), a.id(), "provider.error", "could not describe instance "
                    + a.instanceId() + " of agent " + a.id() + " for its public IP: " + e.getMessage());
            return false;
        }
    }

    /** Registers the agent's record and writes the name on the agent when it changed. */
    private boolean name(Zone zone, Agent agent, Instant now) {
        Optional<String> name = dns.register(zone.settings(), agent, now);
        if (name.isEmpty() || name.get().equals(agent.dnsName())) {
            return false;
        }
        return ports.agents().updateIf(Provisioner.withDns(agent, name.get()), EnumSet.of(agent.state()));
    }

    private static Agent withIps(Agent a, String publicIp, String privateIp) {
        return new Agent(a.id(), a.zoneId(), a.providerConfigId(), a.autoscaled(), a.name(), a.state(), a.instanceId(),
                a.address(), publicIp, privateIp, a.dnsName(), a.capacity(), a.createdAt(), a.stateChangedAt(),
                a.checkedInAt(), a.lastHeartbeatAt(), a.destroyedAt(), a.lastError());
    }
}
