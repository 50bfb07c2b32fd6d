package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentLoad;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.port.AgentRepository;

/**
 * Agents in the {@code agents} table. The check-in and heartbeat token hashes are not part of {@link Agent}, so
 * inserts leave them NULL and updates leave them alone.
 */
public final class JdbiAgentRepository implements AgentRepository {
    static final String COLUMNS = """
            zone_id, provider_config_id, autoscaled, name, state, instance_id, address, public_ip, private_ip,
            dns_name, cores, gpus, memory_mb, created_at, state_changed_at, checked_in_at, last_heartbeat_at,
            destroyed_at, last_error""";
    private static final String VALUES = """
            :zoneId, :providerConfigId, :autoscaled, :name, :state, :instanceId, :address, :publicIp, :privateIp,
            :dnsName, :cores, :gpus, :memoryMb, COALESCE(:createdAt, now()), COALESCE(:stateChangedAt, now()),
            :checkedInAt, :lastHeartbeatAt, :destroyedAt, :lastError""";
    static final String LOAD_COLUMNS =
            "reserved_cores, reserved_gpus, reserved_memory_mb, session_count, idle_since";
    /** What {@link #map} reads: not the token hashes nor the load columns, which a zone's list need not carry. */
    private static final String SELECT = "SELECT id, " + COLUMNS + " FROM agents";
    /** {@link #SELECT}'s columns qualified, for a query that joins {@code agents a} to a table with like names. */
    private static final String A_COLUMNS = "a.id, " + COLUMNS.replaceAll("(\\w+)", "a.$1");
    static final String COUNT_BY_STATE_SQL = """
            SELECT provider_config_id, state, count(*) AS n FROM (
                SELECT provider_config_id, state FROM agents WHERE zone_id = :zoneId AND state = ANY(:live)
                UNION ALL
                SELECT provider_config_id, state FROM agents
                 WHERE zone_id = :zoneId AND state IN ('failed', 'destroyed') AND state_changed_at >= :since
            ) counted
             GROUP BY provider_config_id, state""";
    private static final String IN_STATES = "state = ANY(:states) ORDER BY created_at, id";

    private final Jdbi jdbi;
    private final FollowedAgentReads followed;

    public JdbiAgentRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.followed = new FollowedAgentReads(jdbi);
    }

    @Override
    public Agent insert(Agent agent) {
        return writing("store agent " + agent.id(), agent).call(() -> jdbi.withHandle(h -> bind(h.createUpdate(
                "INSERT INTO agents (id, " + COLUMNS + ") VALUES (:id, " + VALUES + ")"), agent)
                .executeAndReturnGeneratedKeys().map(JdbiAgentRepository::map).one()));
    }

    @Override
    public Optional<Agent> find(String id) {
        return SqlFailures.doing("read agent " + id).call(() -> jdbi.withHandle(h -> h
                .createQuery(SELECT + " WHERE id = :id").bind("id", id)
                .map(JdbiAgentRepository::map).findOne()));
    }

    @Override
    public List<Agent> listByZone(long zoneId, Set<AgentState> states) {
        return SqlFailures.doing("list the agents of zone " + zoneId).call(() -> jdbi.withHandle(h -> h
                .createQuery(SELECT + " WHERE zone_id = :zoneId AND " + IN_STATES)
                .bind("zoneId", zoneId).bindArray("states", String.class, wireNames(states))
                .map(JdbiAgentRepository::map).list()));
    }

    @Override
    public List<Agent> list(Set<AgentState> states) {
        return SqlFailures.doing("list agents").call(() -> jdbi.withHandle(h -> h
                .createQuery(SELECT + " WHERE " + IN_STATES)
                .bindArray("states", String.class, wireNames(states))
                .map(JdbiAgentRepository::map).list()));
    }

    /**
     * The zone's newest agents, one zone at a time, merged: each zone's part walks an index on {@code (zone_id,
     * state, created_at DESC, id DESC)} or {@code (zone_id, created_at DESC, id DESC)} (changelog 006) and stops
     * at {@code limit}, so neither an ever-growing history of destroyed agents nor a state filter across zones
     * makes the list read every row. Zones are few; the agents of each are what could grow.
     */
    @Override
    public List<Agent> listNewest(Long zoneId, ProviderFilter provider, Long providerId, Set<AgentState> states,
                                  int limit) {
        String sql = listNewestSql(zoneId != null, provider, !states.isEmpty());
        return SqlFailures.doing("list the newest agents").call(() -> jdbi.withHandle(h -> {
            var q = h.createQuery(sql).bind("limit", Math.max(0, limit));
            // only the filters in use are named in the statement, and binding an unused name is an error
            if (!states.isEmpty()) {
                q.bindArray("states", String.class, wireNames(states));
            }
            if (provider == ProviderFilter.ONE) {
                q.bind("providerId", providerId);
            }
            if (zoneId != null) {
                q.bind("zoneId", zoneId);
            }
            return q.map(JdbiAgentRepository::map).list();
        }));
    }

    @Override
    public List<Agent> listPage(Long zoneId, Set<AgentState> states, String beforeId, int limit) {
        StringBuilder where = new StringBuilder("a.zone_id = z.id");
        if (!states.isEmpty()) {
            where.append(" AND a.state = ANY(:states)");
        }
        if (beforeId != null) {
            // a row comparison with the cursor agent's key: NULL, so no row, when no agent has that id
            where.append(" AND (a.created_at, a.id) < (SELECT c.created_at, c.id FROM agents c WHERE c.id = :before)");
        }
        String sql = "SELECT page.* FROM zones z CROSS JOIN LATERAL (SELECT " + A_COLUMNS + " FROM agents a WHERE "
                + where + " ORDER BY a.created_at DESC, a.id DESC LIMIT :limit) page"
                + (zoneId != null ? " WHERE z.id = :zoneId" : "")
                + " ORDER BY page.created_at DESC, page.id DESC LIMIT :limit";
        return SqlFailures.doing("list a page of agents").call(() -> jdbi.withHandle(h -> {
            var q = h.createQuery(sql).bind("limit", Math.max(0, limit));
            if (!states.isEmpty()) {
                q.bindArray("states", String.class, wireNames(states));
            }
            if (beforeId != null) {
                q.bind("before", beforeId);
            }
            if (zoneId != null) {
                q.bind("zoneId", zoneId);
            }
            return q.map(JdbiAgentRepository::map).list();
        }));
    }

    /** {@link #listNewest}'s statement, naming only the filters in use. */
    static String listNewestSql(boolean oneZone, ProviderFilter provider, boolean someStates) {
        StringBuilder where = new StringBuilder("a.zone_id = z.id");
        if (someStates) {
            where.append(" AND a.state = ANY(:states)");
        }
        switch (provider) {
            case NONE -> where.append(" AND a.provider_config_id IS NULL");
            case ONE -> where.append(" AND a.provider_config_id = :providerId");
            case ANY -> { }
        }
        return "SELECT newest.* FROM zones z CROSS JOIN LATERAL (SELECT " + A_COLUMNS + " FROM agents a WHERE "
                + where + " ORDER BY a.created_at DESC, a.id DESC LIMIT :limit) newest"
                + (oneZone ? " WHERE z.id = :zoneId" : "")
                + " ORDER BY newest.created_at DESC, newest.id DESC LIMIT :limit";
    }

    /**
     * Live agents and recently ended ones as two index reads: the live states through {@code (zone_id, state,
     * ...)}, the ended ones through the partial {@code agents_zone_ended (zone_id, state_changed_at)} of changelog
     * 006, whose predicate is written out here so the planner can use it. One {@code OR} of the two read every
     * agent the zone ever had.
     */
    @Override
    public List<org.skyhold.domain.model.AgentCount> countByState(long zoneId, java.time.Instant endedSince) {
        return SqlFailures.doing("count the agents of zone " + zoneId).call(() -> jdbi.withHandle(h -> h
                .createQuery(COUNT_BY_STATE_SQL)
                .bind("zoneId", zoneId).bind("since", endedSince)
                .bindArray("live", String.class, wireNames(AgentState.LIVE))
                .map((rs, ctx) -> new org.skyhold.domain.model.AgentCount(Columns.nullableLong(rs, "provider_config_id"),
                        Columns.wire(rs, "state", AgentState.class), rs.getInt("n"))).list()));
    }

    @Override
    public boolean update(Agent agent) {
        return writing("update agent " + agent.id(), agent).call(() -> jdbi.withHandle(h -> bind(h.createUpdate(
                "UPDATE agents SET (" + COLUMNS + ") = (" + VALUES + ") WHERE id = :id"), agent).execute() > 0));
    }

    @Override
    public boolean updateIf(Agent agent, Set<AgentState> from) {
        return writing("update agent " + agent.id(), agent).call(() -> jdbi.withHandle(h -> bind(h.createUpdate(
                "UPDATE agents SET (" + COLUMNS + ") = (" + VALUES + ") WHERE id = :id AND state = ANY(:from)"), agent)
                .bindArray("from", String.class, wireNames(from)).execute() > 0));
    }

    /**
     * The load columns are on the agent's row and {@code JdbiSessionRepository#place} changes them in the statement
     * that checks {@code state = 'running'}: whichever of the two statements locks the row first commits, and the
     * other, re-reading the row under PostgreSQL's read-committed rules, finds a session (this one writes nothing)
     * or an agent that left {@code running} (the placement writes nothing).
     */
    @Override
    public boolean updateIfIdle(Agent agent, Set<AgentState> from) {
        return writing("update agent " + agent.id(), agent).call(() -> jdbi.withHandle(h -> bind(h.createUpdate(
                "UPDATE agents SET (" + COLUMNS + ") = (" + VALUES + ") WHERE id = :id AND state = ANY(:from)"
                        + " AND session_count = 0 AND reserved_cores = 0 AND reserved_gpus = 0"
                        + " AND reserved_memory_mb = 0"), agent)
                .bindArray("from", String.class, wireNames(from)).execute() > 0));
    }

    @Override
    public boolean updateIfLeased(Agent agent, Set<AgentState> from, String managerId, long epoch) {
        return writing("update agent " + agent.id(), agent).call(() -> jdbi.withHandle(h -> bind(h.createUpdate(
                "UPDATE agents SET (" + COLUMNS + ") = (" + VALUES + ") WHERE id = :id AND state = ANY(:from)"
                        + " AND EXISTS (SELECT 1 FROM zone_leases l WHERE l.zone_id = agents.zone_id"
                        + " AND l.manager_id = :manager AND l.epoch = :epoch)"), agent)
                .bindArray("from", String.class, wireNames(from)).bind("manager", managerId).bind("epoch", epoch)
                .execute() > 0));
    }

    @Override
    public boolean insertUnderCap(Agent agent, int maxInstances, String checkinTokenHash) {
        return writing("store agent " + agent.id(), agent).call(() -> jdbi.inTransaction(h -> {
            // the provider's row is the lock every manager takes before counting, so the count stays true
            h.createQuery("SELECT id FROM vm_provider_configs WHERE id = :p FOR UPDATE")
                    .bind("p", agent.providerConfigId()).mapTo(Long.class).findOne();
            int live = h.createQuery("SELECT count(*) FROM agents WHERE provider_config_id = :p AND state = ANY(:live)")
                    .bind("p", agent.providerConfigId())
                    .bindArray("live", String.class, wireNames(AgentState.LIVE)).mapTo(Integer.class).one();
            if (live >= maxInstances) {
                return false;
            }
            bind(h.createUpdate("INSERT INTO agents (id, checkin_token_hash, " + COLUMNS + ") VALUES (:id, :token, "
                    + VALUES + ")"), agent).bind("token", checkinTokenHash).execute();
            return true;
        }));
    }

    @Override
    public int insertAllUnderCap(List<Agent> agents, int maxInstances, List<String> checkinTokenHashes) {
        if (agents.isEmpty()) {
            return 0;
        }
        Agent first = agents.get(0);
        return writing("store " + agents.size() + " agents", first).call(() -> jdbi.inTransaction(h -> {
            // the same lock and count as insertUnderCap, taken once for the whole burst
            h.createQuery("SELECT id FROM vm_provider_configs WHERE id = :p FOR UPDATE")
                    .bind("p", first.providerConfigId()).mapTo(Long.class).findOne();
            int live = h.createQuery("SELECT count(*) FROM agents WHERE provider_config_id = :p AND state = ANY(:live)")
                    .bind("p", first.providerConfigId())
                    .bindArray("live", String.class, wireNames(AgentState.LIVE)).mapTo(Integer.class).one();
            int room = Math.max(0, Math.min(agents.size(), maxInstances - live));
            for (int i = 0; i < room; i++) {
                bind(h.createUpdate("INSERT INTO agents (id, checkin_token_hash, " + COLUMNS + ") VALUES (:id, :token, "
                        + VALUES + ")"), agents.get(i)).bind("token", checkinTokenHashes.get(i)).execute();
            }
            return room;
        }));
    }

    @Override
    public Optional<Agent> checkIn(String checkinTokenHash, Capacity reported, String heartbeatTokenHash,
                                   String hostname, String ip, java.time.Instant now) {
        return SqlFailures.doing("check an agent in").call(() -> jdbi.withHandle(h -> h.createUpdate("""
                UPDATE agents SET state = 'running', state_changed_at = :now, checked_in_at = :now,
                                  last_heartbeat_at = :now, idle_since = COALESCE(idle_since, :now),
                                  cores = :cores, gpus = :gpus, memory_mb = :memoryMb,
                                  checkin_token_hash = NULL, heartbeat_token_hash = :heartbeat,
                                  private_ip = COALESCE(private_ip, :ip), last_error = NULL
                 WHERE checkin_token_hash = :token AND state IN ('pending', 'starting')""")
                .bind("token", checkinTokenHash).bind("heartbeat", heartbeatTokenHash).bind("now", now)
                .bind("cores", reported.cores()).bind("gpus", reported.gpus()).bind("memoryMb", reported.memoryMb())
                .bind("ip", ip).executeAndReturnGeneratedKeys().map(JdbiAgentRepository::map).findOne()));
    }

    @Override
    public Optional<Agent> heartbeat(String heartbeatTokenHash, java.time.Instant now) {
        return SqlFailures.doing("record a heartbeat").call(() -> jdbi.withHandle(h -> h.createUpdate("""
                UPDATE agents SET last_heartbeat_at = :now,
                                  state = CASE WHEN state = 'missing' THEN 'running' ELSE state END,
                                  state_changed_at = CASE WHEN state = 'missing' THEN :now ELSE state_changed_at END
                 WHERE heartbeat_token_hash = :token AND state IN ('running', 'draining', 'missing')""")
                .bind("token", heartbeatTokenHash).bind("now", now)
                .executeAndReturnGeneratedKeys().map(JdbiAgentRepository::map).findOne()));
    }

    @Override
    public List<org.skyhold.domain.model.AgentLoad> loads(long zoneId) {
        return SqlFailures.doing("read the load of zone " + zoneId).call(() -> jdbi.withHandle(h -> h.createQuery(
                "SELECT id, " + LOAD_COLUMNS + " FROM agents WHERE zone_id = :zoneId AND state = ANY(:live)")
                .bind("zoneId", zoneId).bindArray("live", String.class, wireNames(AgentState.LIVE))
                .map((rs, ctx) -> load(rs)).list()));
    }

    static AgentLoad load(ResultSet rs) throws SQLException {
        return new AgentLoad(rs.getString("id"),
                new Capacity(rs.getLong("reserved_cores"), rs.getLong("reserved_gpus"),
                        rs.getLong("reserved_memory_mb")),
                rs.getInt("session_count"), Columns.instant(rs, "idle_since"));
    }

    @Override
    public LiveAgents liveWithLoads(long zoneId) {
        var rows = SqlFailures.doing("list the agents of zone " + zoneId).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT id, " + COLUMNS + ", " + LOAD_COLUMNS + " FROM agents WHERE zone_id = :zoneId AND "
                        + "state = ANY(:live) ORDER BY created_at, id")
                .bind("zoneId", zoneId).bindArray("live", String.class, wireNames(AgentState.LIVE))
                .map((rs, ctx) -> Map.entry(map(rs, ctx), load(rs))).list()));
        return new LiveAgents(rows.stream().map(Map.Entry::getKey).toList(),
                rows.stream().map(Map.Entry::getValue).toList());
    }

    @Override
    public MarkedRead liveWithLoadsMarked(long zoneId) {
        return followed.live(zoneId);
    }

    @Override
    public MarkedRead changedSince(long zoneId, long mark) {
        return followed.since(zoneId, mark);
    }

    /** An empty set means every state, so one statement serves both cases. */
    static List<String> wireNames(Set<AgentState> states) {
        Set<AgentState> wanted = states.isEmpty() ? EnumSet.allOf(AgentState.class) : states;
        return wanted.stream().map(AgentState::wireName).toList();
    }

    private static SqlFailures writing(String doing, Agent agent) {
        return SqlFailures.doing(doing)
                .duplicate("agents_pkey", "id", "an agent with id \"" + agent.id() + "\" already exists")
                .duplicate("agents_instance", "instance_id",
                        "the provider already has an agent for instance \"" + agent.instanceId() + "\"")
                .duplicate("agents_static_name", "name",
                        "the zone already has a static agent named \"" + agent.name() + "\"");
    }

    private static Update bind(Update u, Agent a) {
        Capacity c = a.capacity();
        return u.bind("id", a.id())
                .bind("zoneId", a.zoneId())
                .bind("providerConfigId", a.providerConfigId())
                .bind("autoscaled", a.autoscaled())
                .bind("name", a.name())
                .bind("state", Columns.wire(a.state()))
                .bind("instanceId", a.instanceId())
                .bind("address", a.address())
                .bind("publicIp", a.publicIp())
                .bind("privateIp", a.privateIp())
                .bind("dnsName", a.dnsName())
                .bind("cores", c.cores())
                .bind("gpus", c.gpus())
                .bind("memoryMb", c.memoryMb())
                .bind("createdAt", a.createdAt())
                .bind("stateChangedAt", a.stateChangedAt())
                .bind("checkedInAt", a.checkedInAt())
                .bind("lastHeartbeatAt", a.lastHeartbeatAt())
                .bind("destroyedAt", a.destroyedAt())
                .bind("lastError", a.lastError());
    }

    static Agent map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Agent(
                rs.getString("id"),
                rs.getLong("zone_id"),
                Columns.nullableLong(rs, "provider_config_id"),
                rs.getBoolean("autoscaled"),
                rs.getString("name"),
                Columns.wire(rs, "state", AgentState.class),
                rs.getString("instance_id"),
                rs.getString("address"),
                rs.getString("public_ip"),
                rs.getString("private_ip"),
                rs.getString("dns_name"),
                new Capacity(rs.getLong("cores"), rs.getLong("gpus"), rs.getLong("memory_mb")),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "state_changed_at"),
                Columns.instant(rs, "checked_in_at"),
                Columns.instant(rs, "last_heartbeat_at"),
                Columns.instant(rs, "destroyed_at"),
                rs.getString("last_error"));
    }
}
