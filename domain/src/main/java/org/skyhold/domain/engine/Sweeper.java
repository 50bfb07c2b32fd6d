package org.skyhold.domain.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.provider.DnsRecord;
import org.skyhold.domain.provider.ProviderException;
import org.skyhold.domain.provider.VmInstance;
import org.skyhold.domain.provider.VmSpec;

/**
 * Removes what Skyhold made and no live agent owns: VMs tagged with this installation and the zone whose agent
 * is gone, and agent-named DNS records under the zone's base domain with no live agent. Something must look
 * orphaned for a whole grace period before it is removed, so a create or destroy in flight is never mistaken
 * for a leak. Only names shaped like Skyhold's agent ids are ever touched in DNS.
 */
public final class Sweeper {
    static final Duration GRACE = Duration.ofMinutes(10);
    static final Duration EVERY = Duration.ofMinutes(1);
    private static final Pattern AGENT_NAME = Pattern.compile("^ag[a-z0-9]{10}\\.");

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
        sweepDns(state.zone(), live, now, lease);
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

    private void sweepDns(Zone zone, List<Agent> live, Instant now, LeaseGuard lease) {
        var s = zone.settings();
        if (!s.registerDns() || s.dnsProviderId() == null || s.baseDomainName() == null) {
            return;
        }
        var config = ports.dnsProviders().find(s.dnsProviderId());
        if (config.isEmpty()) {
            return;
        }
        Set<String> owned = new HashSet<>();
        live.forEach(a -> owned.add(a.id() + "." + s.baseDomainName()));
        try {
            var dns = ports.factory().dns(config.get());
            for (DnsRecord r : dns.listA(s.baseDomainName())) {
                if (!AGENT_NAME.matcher(r.name()).find() || owned.contains(r.name())) {
                    firstSeen.remove("dns:" + r.name());
                    continue;
                }
                if (orphanedLongEnough("dns:" + r.name(), now)) {
                    lease.check();
                    dns.deleteA(r.name());
                    ports.events().record(now, zone.id(), null, "sweeper.dns_deleted", "deleted " + r.name()
                            + ": no live agent has owned it for " + GRACE.toMinutes() + " minutes");
                }
            }
        } catch (ProviderException e) {
            ports.events().record(now, zone.id(), null, "dns.error", "the sweeper could not list the records under "
                    + s.baseDomainName() + ": " + e.getMessage());
        }
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
