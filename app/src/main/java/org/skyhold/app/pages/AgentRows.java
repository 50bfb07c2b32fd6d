package org.skyhold.app.pages;

import java.time.Instant;
import java.util.Map;
import org.skyhold.domain.engine.EffectiveCapacity;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.web.view.AgentRow;

/**
 * Words one agent for the agents pages from what was read once for the whole page (zones, providers, open-session
 * counts), so listing thousands of agents costs a handful of queries, not a few per agent.
 */
final class AgentRows {
    private static final String NONE = "—";

    private final Map<Long, Zone> zones;
    private final Map<Long, VmProviderConfig> providers;
    private final Map<String, Integer> openSessions;
    private final Instant now;

    /** @param zones the zones of the agents to word, by id: their names, and the overrides of their capacity */
    private final KindLabels kinds;

    AgentRows(Map<Long, Zone> zones, Map<Long, VmProviderConfig> providers, Map<String, Integer> openSessions,
              Instant now, KindLabels kinds) {
        this.kinds = kinds;
        this.zones = zones;
        this.providers = providers;
        this.openSessions = openSessions;
        this.now = now;
    }

    AgentRow row(Agent a) {
        boolean isStatic = a.providerConfigId() == null && !a.autoscaled();
        int sessions = openSessions.getOrDefault(a.id(), 0);
        Instant seen = latest(a.checkedInAt(), a.lastHeartbeatAt());
        Zone z = zones.get(a.zoneId());
        String zone = z == null ? "zone " + a.zoneId() : z.name();
        return new AgentRow(a.id(), a.name(), a.zoneId(), zone, provider(a, isStatic), isStatic, a.state().wireName(),
                "for " + Durations.between(a.stateChangedAt(), now),
                orNone(a.instanceId()), orNone(a.address()), orNone(a.publicIp()), orNone(a.privateIp()),
                orNone(a.dnsName()), capacity(a, z), sessions, Durations.between(a.createdAt(), now),
                Durations.iso(a.createdAt()), Durations.ago(seen, now, "never"), Durations.iso(a.checkedInAt()),
                Durations.iso(a.lastHeartbeatAt()), Durations.iso(a.destroyedAt()), a.lastError(),
                a.state() == AgentState.RUNNING ? drainQuestion(a, isStatic) : null,
                destroyable(a.state()) ? destroyQuestion(a, isStatic, sessions) : null,
                isStatic ? "Remove" : "Destroy");
    }

    private String provider(Agent a, boolean isStatic) {
        if (isStatic) {
            return "static";
        }
        if (a.providerConfigId() == null) {
            return "unknown provider";
        }
        VmProviderConfig p = providers.get(a.providerConfigId());
        return p == null ? "deleted provider #" + a.providerConfigId() : kinds.vm(p.kind()) + " · " + p.name();
    }

    /** What AgentService.destroy accepts, less {@code destroying}: the engine retries that one by itself. */
    private static boolean destroyable(AgentState s) {
        return s == AgentState.FAILED || (s.isLive() && s != AgentState.DESTROYING);
    }

    private static String drainQuestion(Agent a, boolean isStatic) {
        return "Drain agent " + a.id() + "? No new sessions are placed on it"
                + (isStatic ? "; Skyhold never destroys a static machine, so it stays until you remove it."
                : ", and Skyhold destroys it when its last session ends.");
    }

    /** Says truthfully what happens: a static machine is only forgotten, a VM is deleted in its cloud. */
    private static String destroyQuestion(Agent a, boolean isStatic, int sessions) {
        String ending = sessions == 0 ? "" : " It holds " + sessions + (sessions == 1 ? " session" : " sessions")
                + ": Skyhold refuses unless 'end its sessions' is ticked.";
        if (isStatic) {
            return "Remove static agent " + a.id() + " (" + a.name() + ") from Skyhold? Its DNS record, if any, is "
                    + "deleted and no session is placed on it again. The machine itself keeps running: Skyhold did "
                    + "not create it and cannot delete it." + ending;
        }
        return "Destroy agent " + a.id() + "? Skyhold deletes its DNS record and its VM"
                + (a.instanceId() == null ? "" : " (instance " + a.instanceId() + ")") + " in the cloud." + ending;
    }

    /**
     * What the planner counts the agent as: for an autoscaled agent each override of its zone replaces the
     * reported size, and the words say so, with what the agent reported, so that a row never shows one size while
     * the zone plans with another.
     */
    private static String capacity(Agent a, Zone z) {
        Capacity reported = a.capacity();
        ZoneSettings s = z == null || !a.autoscaled() ? null : z.settings();
        boolean cores = s != null && s.agentCoresOverride() != null;
        boolean gpus = s != null && s.agentGpusOverride() != null;
        boolean memory = s != null && s.agentMemoryOverrideGb() != null;
        if (!cores && !gpus && !memory) {
            return reported.equals(Capacity.ZERO) ? "not reported yet"
                    : reported.cores() + " cores · " + reported.gpus() + " GPUs · " + reported.memoryMb() + " MB";
        }
        Capacity counted = EffectiveCapacity.of(a, s);
        boolean none = reported.equals(Capacity.ZERO);
        return dimension(counted.cores(), "cores", cores, reported.cores(), none) + " · "
                + dimension(counted.gpus(), "GPUs", gpus, reported.gpus(), none) + " · "
                + dimension(counted.memoryMb(), "MB", memory, reported.memoryMb(), none);
    }

    private static String dimension(long counted, String unit, boolean overridden, long reported, boolean none) {
        return counted + " " + unit + (overridden ? " (zone override; reported " + (none ? "nothing yet" : reported)
                + ")" : "");
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? NONE : s;
    }
}
