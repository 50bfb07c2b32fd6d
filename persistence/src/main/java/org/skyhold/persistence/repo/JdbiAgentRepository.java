package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.port.AgentRepository;

/**
 * Agents in the {@code agents} table. The check-in and heartbeat token hashes are not part of {@link Agent}, so
 * inserts leave them NULL and updates leave them alone.
 */
public final class JdbiAgentRepository implements AgentRepository {
    private static final String COLUMNS = """
            zone_id, provider_config_id, autoscaled, name, state, instance_id, address, public_ip, private_ip,
            dns_name, cores, gpus, memory_mb, created_at, state_changed_at, checked_in_at, last_heartbeat_at,
            destroyed_at, last_error""";
    private static final String VALUES = """
            :zoneId, :providerConfigId, :autoscaled, :name, :state, :instanceId, :address, :publicIp, :privateIp,
            :dnsName, :cores, :gpus, :memoryMb, COALESCE(:createdAt, now()), COALESCE(:stateChangedAt, now()),
            :checkedInAt, :lastHeartbeatAt, :destroyedAt, :lastError""";
    private static final String IN_STATES = "state = ANY(:states) ORDER BY created_at, id";

    private final Jdbi jdbi;

    public JdbiAgentRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
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
                .createQuery("SELECT * FROM agents WHERE id = :id").bind("id", id)
                .map(JdbiAgentRepository::map).findOne()));
    }

    @Override
    public List<Agent> listByZone(long zoneId, Set<AgentState> states) {
        return SqlFailures.doing("list the agents of zone " + zoneId).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM agents WHERE zone_id = :zoneId AND " + IN_STATES)
                .bind("zoneId", zoneId).bindArray("states", String.class, wireNames(states))
                .map(JdbiAgentRepository::map).list()));
    }

    @Override
    public List<Agent> list(Set<AgentState> states) {
        return SqlFailures.doing("list agents").call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM agents WHERE " + IN_STATES)
                .bindArray("states", String.class, wireNames(states))
                .map(JdbiAgentRepository::map).list()));
    }

    @Override
    public boolean update(Agent agent) {
        return writing("update agent " + agent.id(), agent).call(() -> jdbi.withHandle(h -> bind(h.createUpdate(
                "UPDATE agents SET (" + COLUMNS + ") = (" + VALUES + ") WHERE id = :id"), agent).execute() > 0));
    }

    /** An empty set means every state, so one statement serves both cases. */
    private static List<String> wireNames(Set<AgentState> states) {
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

    private static Agent map(ResultSet rs, StatementContext ctx) throws SQLException {
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
