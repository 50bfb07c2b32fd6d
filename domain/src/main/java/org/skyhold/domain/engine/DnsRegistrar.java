package org.skyhold.domain.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.OwnedDnsRecord;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.provider.ProviderException;

/**
 * Registers and removes {@code <agent id>.<base domain>} when the zone registers DNS. Every record is written to
 * the ownership registry before the cloud call, and removed from it after the record is deleted, so the sweeper
 * knows which records are Skyhold's. Each agent keeps its outcome (registered, or the last error); a failed
 * registration waits out a backoff before the next try and writes one event when the outcome changes, not one per
 * try. Nothing fails silently.
 */
public final class DnsRegistrar {
    static final int TTL = 60;
    private final EnginePorts ports;
    private final RetryBackoff retries = new RetryBackoff(RetryBackoff.DNS_FIRST, RetryBackoff.DNS_MOST);

    public DnsRegistrar(EnginePorts ports) {
        this.ports = ports;
    }

    /** The name the agent should have, or empty when the zone does not register DNS. */
    public static Optional<String> nameOf(Agent agent, ZoneSettings zone) {
        return zone.registerDns() && zone.baseDomainName() != null
                ? Optional.of(agent.id() + "." + zone.baseDomainName()) : Optional.empty();
    }

    /** The address the agent's record should hold: its public IP, else its private one; null while none is known. */
    public static String addressOf(Agent agent) {
        return agent.publicIp() != null ? agent.publicIp() : agent.privateIp();
    }

    /** Whether a registration of the agent may be tried at {@code now}: no failed one is still backing off. */
    public boolean due(String agentId, Instant now) {
        return retries.due(agentId, now);
    }

    /**
     * Makes the agent's A record hold its address (public IP, else private), unless an earlier failure is still
     * backing off: the registry row first, then the cloud call, then the agent's outcome. A failure is recorded on
     * the agent (one event when it starts failing) and retried by the zone's passes.
     *
     * @return the registered name, or empty when the zone does not register DNS, the agent has no address yet, the
     *         retry is not due, or the call failed
     */
    public Optional<String> register(ZoneSettings zone, Agent agent, Instant now) {
        Optional<String> name = nameOf(agent, zone);
        String ip = addressOf(agent);
        if (name.isEmpty() || ip == null || !retries.due(agent.id(), now)) {
            return Optional.empty();
        }
        try {
            DnsProviderConfig config = config(zone);
            ports.dnsRecords().intend(config.id(), zone.baseDomainName(), name.get(), ip, agent.id(), now);
            ports.factory().dns(config).upsertA(name.get(), ip, TTL);
            ports.failpoints().hit(Failpoints.CREATE_AFTER_DNS_WRITTEN);
            ports.dnsRecords().registered(agent.id(), ip);
            retries.succeeded(agent.id());
            ports.events().record(now, agent.zoneId(), agent.id(), "dns.registered",
                    "registered " + name.get() + " -> " + ip);
            return name;
        } catch (ProviderException | IllegalStateException e) {
            retries.failed(agent.id(), now);
            if (ports.dnsRecords().failed(agent.id(), e.getMessage(), now)) {
                ports.events().record(now, agent.zoneId(), agent.id(), "dns.error", "could not register "
                        + name.get() + " (retrying with backoff until it holds): " + e.getMessage());
            }
            return Optional.empty();
        }
    }

    /**
     * Deletes every record Skyhold registered for the agent, each through the provider that wrote it, and then its
     * registry rows; true when none is left (or there was none).
     */
    public boolean unregister(ZoneSettings zone, Agent agent, Instant now) {
        List<OwnedDnsRecord> owned = ports.dnsRecords().ofAgent(agent.id());
        boolean gone = true;
        for (OwnedDnsRecord r : owned) {
            Optional<DnsProviderConfig> config = ports.dnsProviders().find(r.dnsProviderId());
            if (config.isEmpty()) {
                // the registry row went with its provider (a cascade); this is a row read before that
                continue;
            }
            try {
                ports.factory().dns(config.get()).deleteA(r.name());
                ports.failpoints().hit(Failpoints.DESTROY_AFTER_DNS_DELETE);
                ports.dnsRecords().forget(r.id());
                ports.events().record(now, agent.zoneId(), agent.id(), "dns.deleted", "deleted " + r.name());
            } catch (ProviderException e) {
                gone = false;
                ports.events().record(now, agent.zoneId(), agent.id(), "dns.error",
                        "could not delete " + r.name() + " (will retry): " + e.getMessage());
            }
        }
        if (gone) {
            ports.dnsRecords().cleared(agent.id());
            retries.succeeded(agent.id());
        }
        return gone;
    }

    private DnsProviderConfig config(ZoneSettings zone) {
        if (zone.dnsProviderId() == null) {
            throw new IllegalStateException("the zone names no DNS provider");
        }
        return ports.dnsProviders().find(zone.dnsProviderId()).orElseThrow(
                () -> new IllegalStateException("the zone's DNS provider " + zone.dnsProviderId() + " is gone"));
    }
}
