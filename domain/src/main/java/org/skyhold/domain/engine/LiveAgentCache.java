package org.skyhold.domain.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentLoad;
import org.skyhold.domain.port.AgentRepository;
import org.skyhold.domain.port.AgentRepository.LiveAgents;
import org.skyhold.domain.port.AgentRepository.MarkedRead;

/**
 * The live agents of the zones this manager runs, with their loads, kept in memory between passes: a pass reads
 * only the rows written since the previous pass ({@link AgentRepository#changedSince}), which in a steady zone of
 * thousands of agents is a few heartbeats and placements instead of every row. What {@link #read} returns is what
 * {@link AgentRepository#liveWithLoads} would have returned at that moment, in the same order (oldest first).
 *
 * <p>The zone is read in full on the first read, when its owner changes (a lease taken, so a manager that runs a
 * zone again after another ran it starts over), when a full read is {@link #FULL_READ_EVERY} old (a safety net,
 * not needed for correctness), and after {@link #forget}. Reads of one zone are serialized, so a slower older read
 * can never overwrite a newer one. Time is passed in.
 */
public final class LiveAgentCache {
    /** How often a zone is read in full even though its changes were followed. */
    public static final Duration FULL_READ_EVERY = Duration.ofMinutes(10);

    private static final Comparator<Agent> OLDEST_FIRST = Comparator.comparing(Agent::createdAt)
            .thenComparing(Agent::id);

    private final AgentRepository agents;
    private final Duration fullReadEvery;
    private final Map<Long, ZoneAgents> zones = new ConcurrentHashMap<>();

    public LiveAgentCache(AgentRepository agents) {
        this(agents, FULL_READ_EVERY);
    }

    public LiveAgentCache(AgentRepository agents, Duration fullReadEvery) {
        this.agents = agents;
        this.fullReadEvery = fullReadEvery;
    }

    /**
     * One zone's agents as last read, oldest first, and where to read on from. The lists are changed in place (a
     * heartbeat or a placement replaces one entry) and copied into each {@link LiveAgents} handed out, which
     * therefore never changes; they are sorted again only when agents come or go.
     */
    private static final class ZoneAgents {
        Object owner;
        long mark;
        Instant fullReadAt;
        volatile Instant usedAt;
        final ArrayList<Agent> agents = new ArrayList<>();
        final ArrayList<AgentLoad> loads = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        LiveAgents view;
    }

    /**
     * The zone's live agents and their loads now.
     *
     * @param owner who runs the zone (the lease it runs under; null for none): a different owner than the last
     *              read's means the zone is read in full
     */
    public LiveAgents read(long zoneId, Object owner, Instant now) {
        evictUnused(now);
        ZoneAgents z = zones.computeIfAbsent(zoneId, id -> new ZoneAgents());
        synchronized (z) {
            boolean full = z.fullReadAt == null || !Objects.equals(z.owner, owner)
                    || !now.isBefore(z.fullReadAt.plus(fullReadEvery)) || now.isBefore(z.fullReadAt);
            if (full) {
                fill(z, agents.liveWithLoadsMarked(zoneId));
                z.owner = owner;
                z.fullReadAt = now;
            } else {
                apply(z, agents.changedSince(zoneId, z.mark));
            }
            z.usedAt = now;
            return z.view;
        }
    }

    /** Drops what is kept of the zone (it was deleted, or is run elsewhere): its next read is a full one. */
    public void forget(long zoneId) {
        zones.remove(zoneId);
    }

    private static void fill(ZoneAgents z, MarkedRead read) {
        z.agents.clear();
        z.loads.clear();
        z.agents.addAll(read.agents());
        z.loads.addAll(read.loads());
        sort(z);
        z.mark = read.mark();
        z.view = view(z);
    }

    private static void apply(ZoneAgents z, MarkedRead changes) {
        boolean changed = false;
        boolean resort = false;
        for (int i = 0; i < changes.agents().size(); i++) {
            Agent a = changes.agents().get(i);
            AgentLoad load = changes.loads().get(i);
            Integer at = z.index.get(a.id());
            if (at == null) {
                if (a.state().isLive()) { // a new agent, or one back in the live states
                    z.index.put(a.id(), z.agents.size());
                    z.agents.add(a);
                    z.loads.add(load);
                    changed = resort = true;
                }
            } else if (!a.state().isLive()) { // left: taken out when the lists are sorted again
                z.agents.set(at, null);
                z.loads.set(at, null);
                z.index.remove(a.id());
                changed = resort = true;
            } else if (!a.equals(z.agents.get(at)) || !load.equals(z.loads.get(at))) {
                resort |= !a.createdAt().equals(z.agents.get(at).createdAt());
                z.agents.set(at, a);
                z.loads.set(at, load);
                changed = true;
            }
        }
        z.mark = changes.mark();
        if (resort) {
            sort(z);
        }
        if (changed) {
            z.view = view(z);
        }
    }

    /** Oldest first, by this class's order rather than the database's collation, and the index rebuilt. */
    private static void sort(ZoneAgents z) {
        record Row(Agent agent, AgentLoad load) {
        }
        List<Row> rows = new ArrayList<>(z.agents.size());
        for (int i = 0; i < z.agents.size(); i++) {
            if (z.agents.get(i) != null) {
                rows.add(new Row(z.agents.get(i), z.loads.get(i)));
            }
        }
        rows.sort(Comparator.comparing(Row::agent, OLDEST_FIRST));
        z.agents.clear();
        z.loads.clear();
        z.index.clear();
        for (Row r : rows) {
            z.index.put(r.agent().id(), z.agents.size());
            z.agents.add(r.agent());
            z.loads.add(r.load());
        }
    }

    private static LiveAgents view(ZoneAgents z) {
        return new LiveAgents(List.copyOf(z.agents), List.copyOf(z.loads));
    }

    /** Zones not read for a full-read period are run elsewhere now, or gone: their memory is given back. */
    private void evictUnused(Instant now) {
        zones.values().removeIf(z -> z.usedAt != null && !now.isBefore(z.usedAt.plus(fullReadEvery)));
    }
}
