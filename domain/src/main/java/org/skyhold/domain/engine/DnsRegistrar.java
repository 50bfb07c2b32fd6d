package org.skyhold.domain.engine;

import java.time.Instant;
import java.util.Optional;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.provider.DnsProvider;
import org.skyhold.domain.provider.ProviderException;

/**
 * Registers and removes {@code <agent id>.<base domain>} when the zone registers DNS. A DNS failure is recorded
 * on the agent and in the events, and the caller keeps the work to retry it; it never fails silently.
 */
public final class DnsRegistrar {
    static final int TTL = 60;
    private final EnginePorts ports;

    public DnsRegistrar(EnginePorts ports) {
        this.ports = ports;
    }

    /** The name the agent should have, or empty when the zone does not register DNS. */
    public static Optional<String> nameOf(Agent agent, ZoneSettings zone) {
        return zone.registerDns() && zone.baseDomainName() != null
                ? Optional.of(agent.id() + "." + zone.baseDomainName()) : Optional.empty();
    }

    /**
     * Creates or replaces the agent's A record on its public IP (private when it has none).
     *
     * @return the registered name, or empty when the zone does not register DNS or the call failed (recorded)
     */
    public Optional<String> register(ZoneSettings zone, Agent agent, Instant now) {
        Optional<String> name = nameOf(agent, zone);
        String ip = agent.publicIp() != null ? agent.publicIp() : agent.privateIp();
        if (name.isEmpty() || ip == null) {
            return Optional.empty();
        }
        try {
            provider(zone).upsertA(name.get(), ip, TTL);
            ports.events().record(now, agent.zoneId(), agent.id(), "dns.registered",
                    "registered " + name.get() + " -> " + ip);
            return name;
        } catch (ProviderException | IllegalStateException e) {
            ports.events().record(now, agent.zoneId(), agent.id(), "dns.error",
                    "could not register " + name.get() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Deletes the agent's record; true when it is gone (or there was none). */
    public boolean unregister(ZoneSettings zone, Agent agent, Instant now) {
        if (agent.dnsName() == null) {
            return true;
        }
        if (zone.dnsProviderId() == null) {
            ports.events().record(now, agent.zoneId(), agent.id(), "dns.error", "the zone no longer names a DNS "
                    + "provider, so " + agent.dnsName() + " cannot be deleted by Skyhold; delete it by hand");
            return true;
        }
        try {
            provider(zone).deleteA(agent.dnsName());
            ports.events().record(now, agent.zoneId(), agent.id(), "dns.deleted", "deleted " + agent.dnsName());
            return true;
        } catch (ProviderException | IllegalStateException e) {
            ports.events().record(now, agent.zoneId(), agent.id(), "dns.error",
                    "could not delete " + agent.dnsName() + " (will retry): " + e.getMessage());
            return false;
        }
    }

    private DnsProvider provider(ZoneSettings zone) {
        if (zone.dnsProviderId() == null) {
            throw new IllegalStateException("the zone names no DNS provider");
        }
        DnsProviderConfig config = ports.dnsProviders().find(zone.dnsProviderId()).orElseThrow(
                () -> new IllegalStateException("the zone's DNS provider " + zone.dnsProviderId() + " is gone"));
        return ports.factory().dns(config);
    }
}
