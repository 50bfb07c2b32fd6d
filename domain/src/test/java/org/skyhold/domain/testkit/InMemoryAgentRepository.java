package org.skyhold.domain.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentCount;
import org.skyhold.domain.model.AgentLoad;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.PlacementView;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.engine.EffectiveCapacity;
import org.skyhold.domain.port.AgentRepository;
import org.skyhold.domain.port.DuplicateNameException;

/**
 * {@link AgentRepository} in memory, keeping what the {@code agents} table keeps besides the {@link Agent}: the
 * check-in and heartbeat token hashes, and the load columns (reservations, session count, idle since) that
 * {@link InMemorySessionRepository} changes under the same lock, as the Postgres statements change them on the
 * agent's row. Every method is atomic like the statement it stands for.
 */
public final class InMemoryAgentRepository implements AgentRepository {
    /** One row of the agents table. */
    static final class Row {
        Agent agent;
        String checkinTokenHash;
        String heartbeatTokenHash;
        Capacity reserved = Capacity.ZERO;
        int sessions;
        Instant idleSince;
        /** The write that last changed this row: what {@link #changedSince} compares marks with. */
        long version;

        Row(Agent agent) {
            this.agent = agent;
        }

        AgentLoad load() {
            return new AgentLoad(agent.id(), reserved, sessions, idleSince);
        }
    }

    private static final Comparator<Agent> OLDEST_FIRST = Comparator.comparing(Agent::createdAt)
            .thenComparing(Agent::id);

    private final InMemoryDatabase db;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    /** Writes to rows so far; a row's {@code version} is the number of the write that last changed it. */
    private long writes;

    InMemoryAgentRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Agent insert(Agent agent) {
        synchronized (db.lock) {
            return store(agent, null);
        }
    }

    @Override
    public Optional<Agent> find(String id) {
        synchronized (db.lock) {
            return Optional.ofNullable(rows.get(id)).map(r -> r.agent);
        }
    }

    @Override
    public List<Agent> listByZone(long zoneId, Set<AgentState> states) {
        return select(a -> a.zoneId() == zoneId && in(a, states));
    }

    @Override
    public List<Agent> list(Set<AgentState> states) {
        return select(a -> in(a, states));
    }

    @Override
    public List<Agent> listNewest(Long zoneId, ProviderFilter provider, Long providerId, Set<AgentState> states,
                                  int limit) {
        Predicate<Agent> byProvider = switch (provider) {
            case ANY -> a -> true;
            case NONE -> a -> a.providerConfigId() == null;
            case ONE -> a -> Objects.equals(a.providerConfigId(), providerId);
        };
        List<Agent> all = new ArrayList<>(select(a -> (zoneId == null || a.zoneId() == zoneId) && in(a, states)
                && byProvider.test(a)));
        all.sort(OLDEST_FIRST.reversed());
        return List.copyOf(all.subList(0, Math.min(all.size(), Math.max(0, limit))));
    }

    @Override
    public List<Agent> listPage(Long zoneId, Set<AgentState> states, String beforeId, int limit) {
        List<Agent> all = new ArrayList<>(select(a -> (zoneId == null || a.zoneId() == zoneId) && in(a, states)));
        all.sort(OLDEST_FIRST.reversed());
        if (beforeId != null) {
            Optional<Agent> cursor = find(beforeId);
            if (cursor.isEmpty()) {
                return List.of();
            }
            all.removeIf(a -> OLDEST_FIRST.compare(a, cursor.get()) >= 0);
        }
        return List.copyOf(all.subList(0, Math.min(all.size(), Math.max(0, limit))));
    }

    @Override
    public List<AgentCount> countByState(long zoneId, Instant endedSince) {
        synchronized (db.lock) {
            Map<String, AgentCount> counts = new TreeMap<>();
            for (Row r : rows.values()) {
                Agent a = r.agent;
                boolean counted = a.zoneId() == zoneId && (a.state().isLive()
                        || !a.stateChangedAt().isBefore(endedSince)
                        && (a.state() == AgentState.FAILED || a.state() == AgentState.DESTROYED));
                if (counted) {
                    counts.merge(a.providerConfigId() + "/" + a.state(), new AgentCount(a.providerConfigId(),
                            a.state(), 1), (x, y) -> new AgentCount(x.providerConfigId(), x.state(), x.count() + 1));
                }
            }
            return List.copyOf(counts.values());
        }
    }

    @Override
    public boolean update(Agent agent) {
        return updateWhere(agent, r -> true);
    }

    @Override
    public boolean updateIf(Agent agent, Set<AgentState> from) {
        return updateWhere(agent, r -> from.contains(r.agent.state()));
    }

    @Override
    public boolean updateIfIdle(Agent agent, Set<AgentState> from) {
        return updateWhere(agent, r -> from.contains(r.agent.state()) && r.sessions == 0
                && r.reserved.equals(Capacity.ZERO));
    }

    @Override
    public boolean updateIfLeased(Agent agent, Set<AgentState> from, String managerId, long epoch) {
        return updateWhere(agent, r -> from.contains(r.agent.state())
                && db.leases.holds(r.agent.zoneId(), managerId, epoch));
    }

    @Override
    public boolean insertUnderCap(Agent agent, int maxInstances, String checkinTokenHash) {
        return insertAllUnderCap(List.of(agent), maxInstances, List.of(checkinTokenHash)) == 1;
    }

    @Override
    public int insertAllUnderCap(List<Agent> agents, int maxInstances, List<String> checkinTokenHashes) {
        if (agents.isEmpty()) {
            return 0;
        }
        synchronized (db.lock) {
            Long provider = agents.get(0).providerConfigId();
            long live = rows.values().stream().filter(r -> Objects.equals(r.agent.providerConfigId(), provider)
                    && r.agent.state().isLive()).count();
            int room = (int) Math.max(0, Math.min(agents.size(), maxInstances - live));
            for (int i = 0; i < room; i++) {
                store(agents.get(i), checkinTokenHashes.get(i));
            }
            return room;
        }
    }

    @Override
    public Optional<Agent> checkIn(String checkinTokenHash, Capacity reported, String heartbeatTokenHash,
                                   String hostname, String ip, Instant now) {
        synchronized (db.lock) {
            Optional<Row> row = rows.values().stream().filter(r -> checkinTokenHash.equals(r.checkinTokenHash)
                    && (r.agent.state() == AgentState.PENDING || r.agent.state() == AgentState.STARTING)).findFirst();
            row.ifPresent(r -> {
                Agent a = r.agent;
                r.agent = new Agent(a.id(), a.zoneId(), a.providerConfigId(), a.autoscaled(), a.name(),
                        AgentState.RUNNING, a.instanceId(), a.address(), a.publicIp(),
                        a.privateIp() != null ? a.privateIp() : ip, a.dnsName(), reported, a.createdAt(), now, now,
                        now, a.destroyedAt(), null);
                r.checkinTokenHash = null;
                r.heartbeatTokenHash = heartbeatTokenHash;
                r.idleSince = r.idleSince != null ? r.idleSince : now;
                touch(r);
            });
            return row.map(r -> r.agent);
        }
    }

    @Override
    public Optional<Agent> heartbeat(String heartbeatTokenHash, Instant now) {
        synchronized (db.lock) {
            Optional<Row> row = rows.values().stream().filter(r -> heartbeatTokenHash.equals(r.heartbeatTokenHash)
                    && EnumSet.of(AgentState.RUNNING, AgentState.DRAINING, AgentState.MISSING)
                    .contains(r.agent.state())).findFirst();
            row.ifPresent(r -> {
                Agent a = r.agent;
                boolean back = a.state() == AgentState.MISSING;
                r.agent = new Agent(a.id(), a.zoneId(), a.providerConfigId(), a.autoscaled(), a.name(),
                        back ? AgentState.RUNNING : a.state(), a.instanceId(), a.address(), a.publicIp(),
                        a.privateIp(), a.dnsName(), a.capacity(), a.createdAt(), back ? now : a.stateChangedAt(),
                        a.checkedInAt(), now, a.destroyedAt(), a.lastError());
                touch(r);
            });
            return row.map(r -> r.agent);
        }
    }

    @Override
    public List<AgentLoad> loads(long zoneId) {
        synchronized (db.lock) {
            return liveRows(zoneId).stream().map(Row::load).toList();
        }
    }

    @Override
    public LiveAgents liveWithLoads(long zoneId) {
        LiveAgents read;
        synchronized (db.lock) {
            List<Row> live = liveRows(zoneId);
            read = new LiveAgents(live.stream().map(r -> r.agent).toList(), live.stream().map(Row::load).toList());
        }
        db.after("agents.liveWithLoads");
        return read;
    }

    /** The zone's candidates for placement, as the Postgres read selects them (unordered: the domain orders). */
    List<PlacementView.Candidate> candidates(long zoneId, ZoneSettings zone) {
        synchronized (db.lock) {
            return rows.values().stream()
                    .filter(r -> r.agent.zoneId() == zoneId && r.agent.state() == AgentState.RUNNING)
                    .filter(r -> !r.agent.autoscaled() || r.agent.instanceId() != null)
                    .map(r -> new PlacementView.Candidate(r.agent.id(), r.agent.autoscaled(),
                            EffectiveCapacity.of(r.agent, zone), r.reserved))
                    .toList();
        }
    }

    /**
     * Marks start after the write they saw: {@link #changedSince} returns the rows written later. Reads and writes
     * here are atomic under {@code db.lock}, so unlike PostgreSQL no write can commit "behind" a mark.
     */
    @Override
    public MarkedRead liveWithLoadsMarked(long zoneId) {
        MarkedRead read;
        synchronized (db.lock) {
            List<Row> live = liveRows(zoneId);
            read = new MarkedRead(live.stream().map(r -> r.agent).toList(), live.stream().map(Row::load).toList(),
                    writes);
        }
        db.after("agents.liveWithLoads");
        return read;
    }

    @Override
    public MarkedRead changedSince(long zoneId, long mark) {
        MarkedRead read;
        synchronized (db.lock) {
            List<Row> changed = rows.values().stream().filter(r -> r.agent.zoneId() == zoneId && r.version > mark)
                    .toList();
            read = new MarkedRead(changed.stream().map(r -> r.agent).toList(),
                    changed.stream().map(Row::load).toList(), writes);
        }
        db.after("agents.liveWithLoads");
        return read;
    }

    /** Records that {@code r} was just written; call under {@code db.lock} after every change to a row. */
    void touch(Row r) {
        r.version = ++writes;
    }

    /** The row of an agent, for {@link InMemorySessionRepository}; call under {@code db.lock}. */
    Row row(String id) {
        return rows.get(id);
    }

    /** Sets the agent's {@code idle_since} column, as a check-in writes it; for the kit's ready-made agents. */
    void idleSince(String agentId, Instant at) {
        synchronized (db.lock) {
            rows.get(agentId).idleSince = at;
            touch(rows.get(agentId));
        }
    }

    /** The check-in token hash the agent holds, or null; for tests that play the agent's side. */
    public String checkinTokenHash(String agentId) {
        synchronized (db.lock) {
            Row r = rows.get(agentId);
            return r == null ? null : r.checkinTokenHash;
        }
    }

    void providerDeleted(long providerId) {
        for (Row r : rows.values()) {
            Agent a = r.agent;
            if (Objects.equals(a.providerConfigId(), providerId)) {
                r.agent = new Agent(a.id(), a.zoneId(), null, a.autoscaled(), a.name(), a.state(), a.instanceId(),
                        a.address(), a.publicIp(), a.privateIp(), a.dnsName(), a.capacity(), a.createdAt(),
                        a.stateChangedAt(), a.checkedInAt(), a.lastHeartbeatAt(), a.destroyedAt(), a.lastError());
                touch(r);
            }
        }
    }

    void deleteZone(long zoneId) {
        rows.values().removeIf(r -> r.agent.zoneId() == zoneId);
    }

    private List<Row> liveRows(long zoneId) {
        return rows.values().stream().filter(r -> r.agent.zoneId() == zoneId && r.agent.state().isLive())
                .sorted(Comparator.comparing((Row r) -> r.agent, OLDEST_FIRST)).toList();
    }

    private List<Agent> select(Predicate<Agent> where) {
        synchronized (db.lock) {
            return rows.values().stream().map(r -> r.agent).filter(where).sorted(OLDEST_FIRST).toList();
        }
    }

    private boolean updateWhere(Agent agent, Predicate<Row> where) {
        synchronized (db.lock) {
            Row r = rows.get(agent.id());
            if (r == null || !where.test(r)) {
                return false;
            }
            checkUnique(agent);
            r.agent = withDefaults(agent);
            touch(r);
            return true;
        }
    }

    private Agent store(Agent agent, String checkinTokenHash) {
        if (rows.containsKey(agent.id())) {
            throw new DuplicateNameException("id", "an agent with id \"" + agent.id() + "\" already exists");
        }
        checkUnique(agent);
        Row r = new Row(withDefaults(agent));
        r.checkinTokenHash = checkinTokenHash;
        touch(r);
        rows.put(agent.id(), r);
        return r.agent;
    }

    /** The unique indexes {@code agents_instance} and {@code agents_static_name}. */
    private void checkUnique(Agent agent) {
        for (Row r : rows.values()) {
            Agent o = r.agent;
            if (o.id().equals(agent.id())) {
                continue;
            }
            if (agent.instanceId() != null && agent.instanceId().equals(o.instanceId())
                    && Objects.equals(agent.providerConfigId(), o.providerConfigId())) {
                throw new DuplicateNameException("instance_id", "the provider already has an agent for instance \""
                        + agent.instanceId() + "\"");
            }
            if (!agent.autoscaled() && !o.autoscaled() && agent.zoneId() == o.zoneId() && agent.name().equals(o.name())
                    && agent.state() != AgentState.DESTROYED && o.state() != AgentState.DESTROYED) {
                throw new DuplicateNameException("name", "the zone already has a static agent named \""
                        + agent.name() + "\"");
            }
        }
    }

    /** The database's {@code COALESCE(:createdAt, now())} and {@code COALESCE(:stateChangedAt, now())}. */
    private Agent withDefaults(Agent a) {
        if (a.createdAt() != null && a.stateChangedAt() != null) {
            return a;
        }
        Instant now = db.clock.instant();
        return new Agent(a.id(), a.zoneId(), a.providerConfigId(), a.autoscaled(), a.name(), a.state(),
                a.instanceId(), a.address(), a.publicIp(), a.privateIp(), a.dnsName(), a.capacity(),
                a.createdAt() != null ? a.createdAt() : now, a.stateChangedAt() != null ? a.stateChangedAt() : now,
                a.checkedInAt(), a.lastHeartbeatAt(), a.destroyedAt(), a.lastError());
    }

    private static boolean in(Agent a, Set<AgentState> states) {
        return states.isEmpty() || states.contains(a.state());
    }
}
