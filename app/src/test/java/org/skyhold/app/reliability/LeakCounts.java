package org.skyhold.app.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.skyhold.providers.aws.FakeEc2;
import org.skyhold.providers.aws.FakeRoute53;

/**
 * What a crash may leave behind, counted from the fake clouds and the database: each must be 0 once recovery has
 * had its time. An agent is <em>live</em> when its row is in any state but {@code destroyed} and {@code failed}.
 *
 * @param leakedVms            instances not being terminated whose agent is not live (or has no row)
 * @param duplicateVms         instances beyond the first that were ever launched for one agent
 * @param danglingDns          A records under the zone's base domain whose agent is not live
 * @param stuckAgents          agents in {@code pending}, {@code starting} or {@code destroying}
 * @param sessionsOnGoneAgents open sessions (staged or active) whose agent is not live
 */
record LeakCounts(int leakedVms, int duplicateVms, int danglingDns, int stuckAgents, int sessionsOnGoneAgents) {
    private static final Set<String> STUCK = Set.of("pending", "starting", "destroying");
    private static final Set<String> ENDED = Set.of("destroyed", "failed");

    boolean zero() {
        return leakedVms + duplicateVms + danglingDns + stuckAgents + sessionsOnGoneAgents == 0;
    }

    static LeakCounts measure(FakeAwsFleet fleet, Connection db, long zoneId) throws SQLException {
        Map<String, String> states = new HashMap<>();
        try (PreparedStatement st = db.prepareStatement("SELECT id, state FROM agents WHERE zone_id = ?")) {
            st.setLong(1, zoneId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        int leaked = 0;
        Map<String, Integer> launched = new HashMap<>();
        for (FakeEc2.Instance i : fleet.ec2.instances()) {
            String agent = i.tags.get("skyhold-agent");
            launched.merge(String.valueOf(agent), 1, Integer::sum);
            boolean beingDeleted = i.state().equals("shutting-down") || i.state().equals("terminated");
            if (!beingDeleted && !live(states.get(agent))) {
                leaked++;
            }
        }
        int duplicates = launched.values().stream().mapToInt(n -> n - 1).sum();
        int dangling = 0;
        for (FakeRoute53.Rrset r : fleet.r53.records(fleet.hosted)) {
            String name = r.name().endsWith(".") ? r.name().substring(0, r.name().length() - 1) : r.name();
            if (r.type().equals("A") && name.endsWith("." + FakeAwsFleet.BASE)
                    && !live(states.get(name.substring(0, name.indexOf('.'))))) {
                dangling++;
            }
        }
        int stuck = (int) states.values().stream().filter(STUCK::contains).count();
        int sessions;
        try (PreparedStatement st = db.prepareStatement("""
                SELECT count(*) FROM sessions s LEFT JOIN agents a ON a.id = s.agent_id
                 WHERE s.zone_id = ? AND s.state <> 'ended' AND (a.id IS NULL OR a.state IN ('destroyed', 'failed'))""")) {
            st.setLong(1, zoneId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                sessions = rs.getInt(1);
            }
        }
        return new LeakCounts(leaked, duplicates, dangling, stuck, sessions);
    }

    private static boolean live(String state) {
        return state != null && !ENDED.contains(state);
    }

    /** The counts as the summary line shows them: tab-separated, in the order of the record. */
    String tsv() {
        return leakedVms + "\t" + duplicateVms + "\t" + danglingDns + "\t" + stuckAgents + "\t" + sessionsOnGoneAgents;
    }
}
