package org.skyhold.domain.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.OwnedDnsRecord;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.provider.DnsRecord;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmSpec;

/**
 * Removes what Skyhold made and no live agent owns: VMs tagged with this installation and the zone whose agent
 * is gone, and DNS records Skyhold registered (its ownership registry) whose agent has ended. Something must look
 * orphaned for a whole grace period before it is removed, so a create or destroy in flight is never mistaken
 * for a leak. In DNS only records this installation registered are touched: those in the registry, and those named
 * after one of this zone's ended agents; another zone's or installation's records under the same domain never are.
 */
public final class Sweeper {
    static final Duration GRACE = Duration.ofMinutes(10);
    static final Duration EVERY = Duration.ofMinutes(1);
    private static final Pattern AGENT_ID = Pattern.compile("ag[a-z0-9]{10}");

    private final EnginePorts ports;
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Map<Long, Instant> lastSweep = new ConcurrentHashMap<>();

    public Sweeper(EnginePorts ports) {
        this.ports = ports;
    }

    /**
     * Sweeps the zone when a minute has passed since its last sweep. What counts as owned is the live agents of
     * {@code state}, the pass's read: rules applied since may only have ended some of them, which keeps their VMs
     * and names a sweep longer, and an agent created since is covered by the grace period like any other.
     */
    public void sweepIfDue(ZoneState state, Instant now, LeaseGuard lease) {
        Instant last = lastSweep.get(state.zone().id());
        if (last != null && now.isBefore(last.plus(EVERY))) {
            return;
        }
        lastSweep.put(state.zone().id(), now);
        List<Agent> live = state.agents();
        for (VmProviderConfig p : state.providers()) {
            sweepVms(state.zone(), p, live, now, lease);
        }
        sweepDns(state.zone(), now, lease);
    }

    private void sweepVms(Zone zone, VmProviderConfig provider, List<Agent> live, Instant now, LeaseGuard lease) {
        Set<String> owned = new HashSet<>();
        live.forEach(a -> {
            if (a.instanceId() != null) {
                owned.add(a.instanceId());
            }
        });
        try {
            var vm = ports.factory().vm(provider);
            for (VmInstance i : vm.listTagged(ports.installationId())) {
                if (!Long.toString(zone.id()).equals(i.tags().get(VmSpec.TAG_ZONE)) || owned.contains(i.instanceId())
                        || live.stream().anyMatch(a -> a.id().equals(i.tags().get(VmSpec.TAG_AGENT)))) {
                    firstSeen.remove("vm:" + i.instanceId());
                    continue;
                }
                if (orphanedLongEnough("vm:" + i.instanceId(), now)) {
                    lease.check();
                    vm.delete(i.instanceId());
                    ports.events().record(now, zone.id(), i.tags().get(VmSpec.TAG_AGENT), "sweeper.vm_deleted",
                            "deleted instance " + i.instanceId() + " of " + provider.name() + ": tagged for this zone"
                                    + " but owned by no live agent for " + GRACE.toMinutes() + " minutes");
                }
            }
        } catch (ProviderException e) {
            ports.events().record(now, zone.id(), null, "provider.error", "the sweeper could not list the VMs of "
                    + provider.name() + ": " + e.getMessage());
        }
    }

    /**
     * Deletes the records Skyhold registered whose agent has ended: the registry's rows first (each through the
     * provider that wrote it), then, found by name under the zone's base domain, records of this zone's ended agents
     * that have no row (a registration that outran the agent's destroy, or a registry from before the rows). A
     * record nobody here registered is never touched, whatever its name.
     */
    private void sweepDns(Zone zone, Instant now, LeaseGuard lease) {
        for (OwnedDnsRecord r : ports.dnsRecords().ofEndedAgents(zone.id(), now.minus(GRACE))) {
            var config = ports.dnsProviders().find(r.dnsProviderId());
            if (config.isEmpty()) {
                continue; // its row goes with the provider
            }
            try {
                lease.check();
                ports.factory().dns(config.get()).deleteA(r.name());
                ports.dnsRecords().forget(r.id());
                ports.events().record(now, zone.id(), r.agentId(), "sweeper.dns_deleted", "deleted " + r.name()
                        + ": Skyhold registered it for agent " + r.agentId() + ", which is gone");
            } catch (ProviderException e) {
                ports.events().record(now, zone.id(), r.agentId(), "dns.error", "the sweeper could not delete "
                        + r.name() + " (will retry): " + e.getMessage());
            }
        }
        var s = zone.settings();
        if (!s.registerDns() || s.dnsProviderId() == null || s.baseDomainName() == null) {
            return;
        }
        var config = ports.dnsProviders().find(s.dnsProviderId());
        if (config.isEmpty()) {
            return;
        }
        try {
            var dns = ports.factory().dns(config.get());
            Map<String, String> byAgent = new HashMap<>();
            for (DnsRecord r : dns.listA(s.baseDomainName())) {
                String label = r.name().substring(0, Math.max(0, r.name().indexOf('.')));
                if (AGENT_ID.matcher(label).matches() && r.name().equals(label + "." + s.baseDomainName())) {
                    byAgent.put(label, r.name());
                }
            }
            Set<String> orphaned = new HashSet<>(ports.dnsRecords().endedWithoutRows(zone.id(), byAgent.keySet()));
            firstSeen.keySet().removeIf(k -> k.startsWith(dnsKey(zone, "")) && !orphaned.contains(
                    k.substring(dnsKey(zone, "").length())));
            for (String agentId : orphaned) {
                String name = byAgent.get(agentId);
                if (orphanedLongEnough(dnsKey(zone, agentId), now)) {
                    lease.check();
                    dns.deleteA(name);
                    ports.events().record(now, zone.id(), agentId, "sweeper.dns_deleted", "deleted " + name
                            + ": its agent " + agentId + " ended, and the record outlived it for "
                            + GRACE.toMinutes() + " minutes");
                }
            }
        } catch (ProviderException e) {
            ports.events().record(now, zone.id(), null, "dns.error", "the sweeper could not list the records under "
                    + s.baseDomainName() + ": " + e.getMessage());
        }
    }

    private static String dnsKey(Zone zone, String agentId) {
        return "dns:" + zone.id() + ":" + agentId;
    }

    private boolean orphanedLongEnough(String key, Instant now) {
        Instant seen = firstSeen.putIfAbsent(key, now);
        if (seen != null && !now.isBefore(seen.plus(GRACE))) {
            firstSeen.remove(key);
            return true;
        }
        return false;
    }
}
