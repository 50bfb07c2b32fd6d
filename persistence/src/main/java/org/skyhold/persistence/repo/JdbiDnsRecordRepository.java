package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.DnsFailures;
import org.skyhold.domain.model.DnsStatus;
import org.skyhold.domain.model.OwnedDnsRecord;
import org.skyhold.domain.port.DnsRecordRepository;

/**
 * The ownership registry in {@code dns_records} and the agents' registration outcome in their {@code dns_*} columns
 * (changelog 012). Times are the caller's, never the database's, so the engine's clock decides the grace periods.
 */
public final class JdbiDnsRecordRepository implements DnsRecordRepository {
    /** The address an agent's record should hold: its public IP, else its private one (as DnsRegistrar says). */
    static final String ADDRESS = "COALESCE(public_ip, private_ip)";
    private static final List<String> ENDED = List.of(AgentState.DESTROYED.wireName(), AgentState.FAILED.wireName());

    private final Jdbi jdbi;

    public JdbiDnsRecordRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public OwnedDnsRecord intend(long dnsProviderId, String dnsZone, String name, String value, String agentId,
                                 Instant at) {
        return SqlFailures.doing("record the DNS name " + name).call(() -> jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO dns_records (dns_provider_id, dns_zone, name, value, agent_id, updated_at)
                VALUES (:provider, :zone, :name, :value, :agent, :at)
                ON CONFLICT (dns_provider_id, name) DO UPDATE
                   SET dns_zone = EXCLUDED.dns_zone, value = EXCLUDED.value, agent_id = EXCLUDED.agent_id,
                       updated_at = EXCLUDED.updated_at
                RETURNING *""")
                .bind("provider", dnsProviderId).bind("zone", dnsZone).bind("name", name).bind("value", value)
                .bind("agent", agentId).bind("at", at)
                .map(JdbiDnsRecordRepository::map).one()));
    }

    @Override
    public void registered(String agentId, String value) {
        SqlFailures.doing("record the DNS name of agent " + agentId).run(() -> jdbi.useHandle(h -> h.createUpdate(
                "UPDATE agents SET dns_registered = true, dns_value = :value, dns_error = NULL, dns_error_at = NULL"
                        + " WHERE id = :id")
                .bind("id", agentId).bind("value", value).execute()));
    }

    @Override
    public boolean failed(String agentId, String error, Instant at) {
        // the previous error read under the row's lock, in the statement that replaces it
        return SqlFailures.doing("record the DNS error of agent " + agentId).call(() -> jdbi.withHandle(h -> h
                .createQuery("""
                        WITH before AS (SELECT id, dns_error FROM agents WHERE id = :id FOR UPDATE)
                        UPDATE agents a SET dns_registered = false, dns_error = :error, dns_error_at = :at
                          FROM before WHERE a.id = before.id
                        RETURNING before.dns_error IS NULL AS changed""")
                .bind("id", agentId).bind("error", error).bind("at", at)
                .mapTo(Boolean.class).findOne().orElse(false)));
    }

    @Override
    public void cleared(String agentId) {
        SqlFailures.doing("forget the DNS name of agent " + agentId).run(() -> jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM dns_records WHERE agent_id = :id").bind("id", agentId).execute();
            h.createUpdate("UPDATE agents SET dns_registered = false, dns_value = NULL, dns_error = NULL,"
                    + " dns_error_at = NULL WHERE id = :id").bind("id", agentId).execute();
        }));
    }

    @Override
    public List<OwnedDnsRecord> ofAgent(String agentId) {
        return SqlFailures.doing("read the DNS names of agent " + agentId).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM dns_records WHERE agent_id = :id ORDER BY id").bind("id", agentId)
                .map(JdbiDnsRecordRepository::map).list()));
    }

    @Override
    public void forget(long id) {
        SqlFailures.doing("forget DNS record " + id).run(() -> jdbi.useHandle(h -> h
                .createUpdate("DELETE FROM dns_records WHERE id = :id").bind("id", id).execute()));
    }

    @Override
    public List<OwnedDnsRecord> ofEndedAgents(long zoneId, Instant writtenBefore) {
        return SqlFailures.doing("list the DNS names of zone " + zoneId + "'s ended agents").call(() -> jdbi
                .withHandle(h -> h.createQuery("""
                        SELECT r.* FROM dns_records r JOIN agents a ON a.id = r.agent_id
                         WHERE a.zone_id = :zone AND a.state = ANY(:ended) AND r.updated_at <= :before
                         ORDER BY r.id""")
                        .bind("zone", zoneId).bindArray("ended", String.class, ENDED).bind("before", writtenBefore)
                        .map(JdbiDnsRecordRepository::map).list()));
    }

    @Override
    public List<String> endedWithoutRows(long zoneId, Collection<String> agentIds) {
        if (agentIds.isEmpty()) {
            return List.of();
        }
        return SqlFailures.doing("look up ended agents of zone " + zoneId).call(() -> jdbi.withHandle(h -> h
                .createQuery("""
                        SELECT a.id FROM agents a
                         WHERE a.id = ANY(:ids) AND a.zone_id = :zone AND a.state = ANY(:ended)
                           AND NOT EXISTS (SELECT 1 FROM dns_records r WHERE r.agent_id = a.id)
                         ORDER BY a.id""")
                .bindArray("ids", String.class, List.copyOf(agentIds)).bind("zone", zoneId)
                .bindArray("ended", String.class, ENDED).mapTo(String.class).list()));
    }

    @Override
    public List<String> needingRegistration(long zoneId) {
        return SqlFailures.doing("list the unregistered agents of zone " + zoneId).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT id FROM agents WHERE zone_id = :zone AND state = ANY(:named) AND autoscaled"
                        + " AND " + ADDRESS + " IS NOT NULL"
                        + " AND (NOT dns_registered OR dns_value IS DISTINCT FROM " + ADDRESS + ")"
                        + " ORDER BY created_at, id")
                .bind("zone", zoneId).bindArray("named", String.class, named())
                .mapTo(String.class).list()));
    }

    @Override
    public DnsFailures failing(long zoneId) {
        return SqlFailures.doing("count the DNS failures of zone " + zoneId).call(() -> jdbi.withHandle(h -> h
                .createQuery("""
                        SELECT count(*) OVER () AS n, dns_error, dns_error_at FROM agents
                         WHERE zone_id = :zone AND state = ANY(:named) AND dns_error IS NOT NULL
                         ORDER BY dns_error_at DESC, id LIMIT 1""")
                .bind("zone", zoneId).bindArray("named", String.class, named())
                .map((rs, ctx) -> new DnsFailures(rs.getInt("n"), rs.getString("dns_error"),
                        Columns.instant(rs, "dns_error_at")))
                .findOne().orElse(DnsFailures.NONE)));
    }

    private static List<String> named() {
        return NAMED_STATES.stream().map(AgentState::wireName).toList();
    }

    private static OwnedDnsRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new OwnedDnsRecord(rs.getLong("id"), rs.getLong("dns_provider_id"), rs.getString("dns_zone"),
                rs.getString("name"), rs.getString("value"), rs.getString("agent_id"), Columns.instant(rs, "updated_at"));
    }

    @Override
    public Map<String, DnsStatus> statusOf(Collection<String> agentIds) {
        if (agentIds.isEmpty()) {
            return Map.of();
        }
        return SqlFailures.doing("read the DNS state of " + agentIds.size() + " agents").call(() -> jdbi.withHandle(
                h -> h.createQuery("SELECT id, dns_registered, dns_value, dns_error, dns_error_at FROM agents"
                                + " WHERE id = ANY(:ids)")
                        .bind("ids", agentIds.toArray(String[]::new))
                        .reduceResultSet(new HashMap<String, DnsStatus>(), (map, rs, ctx) -> {
                            map.put(rs.getString("id"), new DnsStatus(rs.getBoolean("dns_registered"),
                                    rs.getString("dns_value"), rs.getString("dns_error"),
                                    Columns.instant(rs, "dns_error_at")));
                            return map;
                        })));
    }
}
