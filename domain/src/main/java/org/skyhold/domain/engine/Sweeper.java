package org.skyhold.domain.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
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
import org.skyhold.domain.model.DnsZoneStatus;
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
 * orphaned for a whole grace period ({@link RecoveryTimes#sweepGrace}) before it is removed, so a create or
 * destroy in flight is never mistaken for a leak. In DNS only records this installation registered are touched: those in the registry, and those named
 * after one of this zone's ended agents; another zone's or installation's records under the same domain never are.
 *
 * <p>A sweep lists every tagged VM of the zone's providers and every record under its base domain, which takes
 * far longer than the rest of a pass, so it runs on the {@link Actuator}, off the zone's pass, in a lane of the
 * zone's own one call wide: a zone's sweeps never overlap and never take a provider's slot for creates. Its DNS
 * outcomes are events of their own kinds ({@link DnsZoneStatus#SWEEPER_KINDS}), apart from the registrations'
 * that run at the same time, so neither hides the other on the zone page.
 */
public final class Sweeper {
    private static final Logger LOG = System.getLogger(Sweeper.class.getName());
    private static final Pattern AGENT_ID = Pattern.compile("ag[a-z0-9]{10}");

    private final EnginePorts ports;
    private final Actuator actuator;
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Map<Long, Instant> lastSweep = new ConcurrentHashMap<>();
    /** Zones whose last sweep on this manager did its DNS work without an error. */
    private final Set<Long> dnsClean = ConcurrentHashMap.newKeySet();

    /** A sweeper whose sweeps run on {@code actuator}, each zone's in a lane of its own ({@link #lane}). */
    public Sweeper(EnginePorts ports, Actuator actuator) {
        this.ports = ports;
        this.actuator = actuator;
    }

    /**
     * Orders a sweep of the zone on the actuator, returning at once, when {@link RecoveryTimes#sweepEvery} (a minute
     * by default) has passed since its last; the zone's first pass on this manager orders none, its first sweep is
     * due {@link #firstSweepDelay} later (within one sweep interval). While the zone's previous sweep still runs,
     * none is ordered and a later pass finds the sweep due again. The sweep checks {@code lease} before it lists
     * and before every delete, so a manager that lost the zone stops sweeping it. What counts as owned is the live
     * agents of {@code state}, the pass's read: rules applied since may only have ended some of them, which keeps
     * their VMs and names a sweep longer, and an agent created since is covered by the grace period like any other.
     */
    public void sweepIfDue(ZoneState state, Instant now, LeaseGuard lease) {
        long zoneId = state.zone().id();
        Instant last = lastSweep.get(zoneId);
        Duration every = ports.recovery().sweepEvery();
        if (last == null) {
            // the zone's first pass on this manager (a start, a take-over of a dead manager's zones) plans and acts
            // without a listing of the cloud running beside it; its first sweep follows within a minute, the zones
            // taken over together spread over that minute
            lastSweep.put(zoneId, now.minus(every).plus(firstSweepDelay(zoneId, every)));
            return;
        }
        if (now.isBefore(last.plus(every))) {
            return;
        }
        if (actuator.submit(lane(zoneId), 1, "sweep " + zoneId, () -> sweep(state, now, lease),
                (done, error, at) -> {
                    if (error != null) {
                        LOG.log(Level.WARNING, "the sweep of zone " + zoneId + " stopped: " + error.getMessage());
                    }
                })) {
            lastSweep.put(zoneId, now);
        }
    }

    /**
     * The actuator's lane of the zone's sweeps: lanes are keyed by provider id, and provider ids are positive (0 is
     * the lane of destroys of agents without a provider), so a zone's lane is its id negated.
     */
    static long lane(long zoneId) {
        return -zoneId;
    }

    /** One sweep of the zone, on the actuator; stops quietly when the zone's lease has passed to another manager. */
    private Void sweep(ZoneState state, Instant now, LeaseGuard lease) {
        try {
            lease.check();
            List<Agent> live = state.agents();
            for (VmProviderConfig p : state.providers()) {
                sweepVms(state.zone(), p, live, now, lease);
            }
            sweepDns(state.zone(), now, lease);
        } catch (LeaseLostException e) {
            LOG.log(Level.INFO, "stopped sweeping zone " + state.zone().id() + ": " + e.getMessage());
        }
        return null;
    }

    /** How long after a zone's first pass on this manager its first sweep is due: 1 ms to {@code every}, by zone. */
    static Duration firstSweepDelay(long zoneId, Duration every) {
        return Duration.ofMillis(1 + Math.floorMod(zoneId * 7_919L, every.toMillis()));
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
                                    + " but owned by no live agent for " + graceText());
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
     * record nobody here registered is never touched, whatever its name. Every failed call is a
     * {@link DnsZoneStatus#SWEEPER_ERROR} event; a listing with no failed call in its sweep, after one that had some
     * (or the zone's first on this manager), is one {@link DnsZoneStatus#SWEEPER_LISTED} event, so the zone page
     * stops showing the sweeper's last error once its calls work.
     */
    private void sweepDns(Zone zone, Instant now, LeaseGuard lease) {
        boolean clean = true;
        for (OwnedDnsRecord r : ports.dnsRecords().ofEndedAgents(zone.id(), now.minus(ports.recovery().sweepGrace()))) {
            var config = ports.dnsProviders().find(r.dnsProviderId());
            if (config.isEmpty()) {
                continue; // its row goes with the provider
            }
            try {
                lease.check();
                ports.factory().dns(config.get()).deleteA(r.name());
                ports.dnsRecords().forget(r.id());
                ports.events().record(now, zone.id(), r.agentId(), DnsZoneStatus.SWEEPER_DELETED, "deleted "
                        + r.name() + ": Skyhold registered it for agent " + r.agentId() + ", which is gone");
            } catch (ProviderException e) {
                clean = false;
                ports.events().record(now, zone.id(), r.agentId(), DnsZoneStatus.SWEEPER_ERROR, "the sweeper could"
                        + " not delete " + r.name() + " (will retry): " + e.getMessage());
            }
        }
        if (!clean) {
            dnsClean.remove(zone.id());
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
            List<DnsRecord> listed = dns.listA(s.baseDomainName());
            for (DnsRecord r : listed) {
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
                    try {
                        dns.deleteA(name);
                        ports.events().record(now, zone.id(), agentId, DnsZoneStatus.SWEEPER_DELETED, "deleted "
                                + name + ": its agent " + agentId + " ended, and the record outlived it for "
                                + graceText());
                    } catch (ProviderException e) {
                        // said as what failed: the listing worked
                        clean = false;
                        ports.events().record(now, zone.id(), agentId, DnsZoneStatus.SWEEPER_ERROR, "the sweeper"
                                + " could not delete " + name + " (will retry): " + e.getMessage());
                    }
                }
            }
            if (!clean) {
                dnsClean.remove(zone.id());
            }
            if (clean && dnsClean.add(zone.id())) {
                ports.events().record(now, zone.id(), null, DnsZoneStatus.SWEEPER_LISTED, "the sweeper listed the "
                        + listed.size() + " A records under " + s.baseDomainName());
            }
        } catch (ProviderException e) {
            dnsClean.remove(zone.id());
            ports.events().record(now, zone.id(), null, DnsZoneStatus.SWEEPER_ERROR, "the sweeper could not list"
                    + " the records under " + s.baseDomainName() + ": " + e.getMessage());
        }
    }

    /** The grace period as the events say it: "10 minutes", or "5 seconds" when a test shortened it. */
    private String graceText() {
        Duration grace = ports.recovery().sweepGrace();
        return grace.toSecondsPart() == 0 && grace.toMinutes() > 0 ? grace.toMinutes() + " minutes"
                : grace.toSeconds() + " seconds";
    }

    private static String dnsKey(Zone zone, String agentId) {
        return "dns:" + zone.id() + ":" + agentId;
    }

    private boolean orphanedLongEnough(String key, Instant now) {
        Instant seen = firstSeen.putIfAbsent(key, now);
        if (seen != null && !now.isBefore(seen.plus(ports.recovery().sweepGrace()))) {
            firstSeen.remove(key);
            return true;
        }
        return false;
    }
}
