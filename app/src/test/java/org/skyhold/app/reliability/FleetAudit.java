package org.skyhold.app.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the shared database behind the managers' backs: the zones' leases, whether a manager has run a pass of a
 * zone, the zones' actions in the decision log, and, once a second for the whole run, every agent whose open
 * sessions hold more than it has (over-committed) and every open session on an agent that is going or gone.
 */
final class FleetAudit implements AutoCloseable {
    /** A zone's lease row. */
    record Lease(long zoneId, String managerId, long epoch, Instant acquiredAt, Instant expiresAt) {
    }

    /** One action a zone's pass took, as its event says, and the manager that recorded it. */
    record Action(long zoneId, Instant at, String kind, String managerId) {
    }

    /** The events that only a pass holding the zone's lease records. */
    static final List<String> PASS_ACTIONS = List.of("agent.created", "agent.destroying", "agent.destroyed",
            "provider.at_cap", "agent.recovered", "agent.unadopted", "agent.kept");

    private static final String OVER_COMMITTED = """
            SELECT a.id FROM agents a JOIN sessions s ON s.agent_id = a.id AND s.state <> 'ended'
             GROUP BY a.id, a.cores, a.memory_mb
            HAVING sum(s.cores) > a.cores OR sum(s.memory_mb) > a.memory_mb""";
    private static final String ON_GONE_AGENTS = """
            SELECT s.id FROM sessions s JOIN agents a ON a.id = s.agent_id
             WHERE s.state <> 'ended' AND a.state IN ('destroying', 'destroyed', 'failed', 'dead')""";

    private final String url;
    private final String user;
    private final String password;
    final Set<String> overCommitted = ConcurrentHashMap.newKeySet();
    final Set<String> sessionsOnGoneAgents = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fleet-audit");
        t.setDaemon(true);
        return t;
    });

    FleetAudit(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        sampler.scheduleWithFixedDelay(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        try (Connection c = connect()) {
            overCommitted.addAll(strings(c, OVER_COMMITTED));
            sessionsOnGoneAgents.addAll(strings(c, ON_GONE_AGENTS));
        } catch (SQLException e) {
            System.err.println("fleet audit: " + e.getMessage());
        }
    }

    Map<Long, Lease> leases() {
        Map<Long, Lease> out = new HashMap<>();
        query("SELECT * FROM zone_leases", rs -> out.put(rs.getLong("zone_id"), new Lease(rs.getLong("zone_id"),
                rs.getString("manager_id"), rs.getLong("epoch"), instant(rs, "acquired_at"),
                instant(rs, "expires_at"))));
        return out;
    }

    /** Whether a pass of the zone has planned at or after {@code since} (a taken-over zone samples at once). */
    boolean sampledSince(long zoneId, Instant since) {
        List<Boolean> found = new ArrayList<>();
        query("SELECT 1 FROM capacity_samples WHERE zone_id = ? AND at >= ?", rs -> found.add(true), zoneId,
                since.atOffset(ZoneOffset.UTC));
        return !found.isEmpty();
    }

    /** Every pass action of the zones, oldest first, per zone. */
    List<Action> actions() {
        List<Action> out = new ArrayList<>();
        query("SELECT zone_id, at, kind, data->>'manager' AS manager FROM events"
                + " WHERE zone_id IS NOT NULL AND kind IN ('"
                + String.join("','", PASS_ACTIONS) + "') ORDER BY zone_id, at, id", rs -> out.add(new Action(
                rs.getLong("zone_id"), instant(rs, "at"), rs.getString("kind"), rs.getString("manager"))));
        return out;
    }

    /** Events of one kind. */
    int count(String kind) {
        List<Integer> n = new ArrayList<>();
        query("SELECT count(*) FROM events WHERE kind = '" + kind + "'", rs -> n.add(rs.getInt(1)));
        return n.get(0);
    }

    /** Agent ids with an instance id, by instance id: one row per VM. */
    Map<String, List<String>> agentsByInstance() {
        Map<String, List<String>> out = new HashMap<>();
        query("SELECT id, instance_id FROM agents WHERE instance_id IS NOT NULL",
                rs -> out.computeIfAbsent(rs.getString("instance_id"), k -> new ArrayList<>()).add(rs.getString("id")));
        return out;
    }

    /** The managers that recorded the agent's destroy events ({@code agent.destroying}, {@code agent.destroyed}). */
    Set<String> destroyedBy(String agentId) {
        Set<String> out = new TreeSet<>();
        query("SELECT DISTINCT data->>'manager' FROM events WHERE agent_id = ? AND kind IN ('agent.destroying',"
                + " 'agent.destroyed')", rs -> out.add(String.valueOf(rs.getString(1))), agentId);
        return out;
    }

    /** The agent's events, oldest first, as "kind by manager: reason". */
    List<String> agentEvents(String agentId) {
        List<String> out = new ArrayList<>();
        query("SELECT kind, data->>'manager', reason FROM events WHERE agent_id = ? ORDER BY at, id",
                rs -> out.add(rs.getString(1) + " by " + rs.getString(2) + ": " + rs.getString(3)), agentId);
        return out;
    }

    /** How many running agents each zone has. */
    Map<Long, Integer> runningAgents() {
        Map<Long, Integer> out = new HashMap<>();
        query("SELECT zone_id, count(*) FROM agents WHERE state = 'running' GROUP BY zone_id",
                rs -> out.put(rs.getLong(1), rs.getInt(2)));
        return out;
    }

    /** The states of every agent, by id. */
    Map<String, String> agentStates() {
        Map<String, String> out = new HashMap<>();
        query("SELECT id, state FROM agents", rs -> out.put(rs.getString("id"), rs.getString("state")));
        return out;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, Row row, Object... params) {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
