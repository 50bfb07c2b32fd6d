package org.skyhold.persistence.repo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.ProviderHealth;
import org.skyhold.domain.model.VmProviderConfig;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.port.InUseException;
import org.skyhold.domain.port.SecretCipher;
import org.skyhold.domain.port.VmProviderConfigRepository;

/**
 * VM providers in the {@code vm_provider_configs} table: fields as jsonb, secrets as one sealed JSON object. A
 * null startup script is stored as the empty script, which the column requires.
 */
public final class JdbiVmProviderConfigRepository implements VmProviderConfigRepository {
    private static final String COLUMNS = """
            name, kind, enabled, priority, max_instances, startup_script, endpoint_override, require_checkin,
            settings, secrets, secret_names, max_concurrent_calls""";
    private static final String VALUES = """
            :name, :kind, :enabled, :priority, :maxInstances, COALESCE(:startupScript, ''), :endpointOverride,
            :requireCheckin, CAST(:settings AS jsonb), :secrets, :secretNames, :maxConcurrentCalls""";

    private final Jdbi jdbi;
    private final ProviderColumns columns;

    public JdbiVmProviderConfigRepository(Jdbi jdbi, SecretCipher cipher, ObjectMapper json) {
        this.jdbi = jdbi;
        this.columns = new ProviderColumns(cipher, json, "vm_provider_configs.secrets");
    }

    @Override
    public VmProviderConfig create(long zoneId, VmProviderSettings settings) {
        return writing("create VM provider", settings).call(() -> jdbi.withHandle(h -> bind(h.createUpdate(
                "INSERT INTO vm_provider_configs (zone_id, " + COLUMNS + ") VALUES (:zoneId, " + VALUES + ")"),
                settings).bind("zoneId", zoneId).executeAndReturnGeneratedKeys().map(this::map).one()));
    }

    @Override
    public Optional<VmProviderConfig> find(long id) {
        return SqlFailures.doing("read VM provider " + id).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM vm_provider_configs WHERE id = :id").bind("id", id)
                .map(this::map).findOne()));
    }

    @Override
    public List<VmProviderConfig> listByZone(long zoneId) {
        return SqlFailures.doing("list the VM providers of zone " + zoneId).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM vm_provider_configs WHERE zone_id = :zoneId ORDER BY priority, id")
                .bind("zoneId", zoneId).map(this::map).list()));
    }

    @Override
    public Optional<VmProviderConfig> update(long id, VmProviderSettings settings) {
        return writing("update VM provider " + id, settings).call(() -> jdbi.withHandle(h -> bind(h.createUpdate(
                "UPDATE vm_provider_configs SET (" + COLUMNS + ", backoff_until, backoff_level, last_error_class,"
                        + " last_error, agent_cores, agent_gpus, agent_memory_mb, agent_size_at, updated_at) = (" + VALUES
                        + ", NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, now()) WHERE id = :id"),
                settings).bind("id", id).executeAndReturnGeneratedKeys().map(this::map).findOne()));
    }

    @Override
    public void updateHealth(long id, ProviderHealth health) {
        SqlFailures.doing("record the health of VM provider " + id).run(() -> jdbi.useHandle(h -> h.createUpdate("""
                UPDATE vm_provider_configs
                   SET backoff_until = :backoffUntil, backoff_level = :level, last_error_class = :errorClass,
                       last_error = :lastError
                 WHERE id = :id""")
                .bind("id", id)
                .bind("backoffUntil", health.backoffUntil())
                .bind("level", health.level())
                .bind("errorClass", Columns.wire(health.lastErrorClass()))
                .bind("lastError", health.lastError())
                .execute()));
    }

    @Override
    public void updateAgentSize(long id, Instant settingsAt, Capacity size, Instant at) {
        SqlFailures.doing("record the agent size of VM provider " + id).run(() -> jdbi.useHandle(h -> h.createUpdate("""
                UPDATE vm_provider_configs
                   SET agent_cores = :cores, agent_gpus = :gpus, agent_memory_mb = :memoryMb, agent_size_at = :at
                 WHERE id = :id AND updated_at = :settingsAt""")
                .bind("id", id)
                .bind("settingsAt", settingsAt)
                .bind("cores", size.cores())
                .bind("gpus", size.gpus())
                .bind("memoryMb", size.memoryMb())
                .bind("at", at)
                .execute()));
    }

    @Override
    public boolean delete(long id) {
        return SqlFailures.doing("delete VM provider " + id).inUse("agents_provider_config_id_fkey",
                "the provider still has a live agent").call(() -> jdbi.inTransaction(h -> {
            // the lock every create takes before it counts and inserts (JdbiAgentRepository.insertAllUnderCap), so
            // no agent is written under this provider between the count below and the delete
            if (h.createQuery("SELECT id FROM vm_provider_configs WHERE id = :id FOR UPDATE").bind("id", id)
                    .mapTo(Long.class).findOne().isEmpty()) {
                return false;
            }
            int live = h.createQuery("SELECT count(*) FROM agents WHERE provider_config_id = :id AND state = ANY(:live)")
                    .bind("id", id).bindArray("live", String.class, AgentState.LIVE.stream().map(AgentState::wireName)
                            .toArray(String[]::new)).mapTo(Integer.class).one();
            if (live > 0) {
                throw new InUseException("the provider still has " + live + " live agent" + (live == 1 ? "" : "s"));
            }
            // history keeps its rows without the provider; a live row would make the foreign key refuse
            h.createUpdate("UPDATE agents SET provider_config_id = NULL WHERE provider_config_id = :id").bind("id", id)
                    .execute();
            return h.createUpdate("DELETE FROM vm_provider_configs WHERE id = :id").bind("id", id).execute() > 0;
        }));
    }

    private static SqlFailures writing(String doing, VmProviderSettings settings) {
        return SqlFailures.doing(doing).duplicate("vm_provider_configs_zone_id_name_key", "name",
                "the zone already has a VM provider named \"" + settings.name() + "\"");
    }

    private Update bind(Update u, VmProviderSettings s) {
        return u.bind("name", s.name())
                .bind("kind", s.kind())
                .bind("enabled", s.enabled())
                .bind("priority", s.priority())
                .bind("maxInstances", s.maxInstances())
                .bind("startupScript", s.startupScript())
                .bind("endpointOverride", s.endpointOverride())
                .bind("requireCheckin", s.requireCheckin())
                .bind("settings", columns.fieldsJson(s.fields()))
                .bind("secrets", columns.seal(s.secrets()))
                .bindArray("secretNames", String.class, ProviderColumns.names(s.secrets()))
                .bind("maxConcurrentCalls", s.maxConcurrentCalls());
    }

    private VmProviderConfig map(ResultSet rs, StatementContext ctx) throws SQLException {
        VmProviderSettings settings = new VmProviderSettings(
                rs.getString("name"),
                rs.getString("kind"),
                rs.getBoolean("enabled"),
                rs.getInt("priority"),
                rs.getInt("max_instances"),
                rs.getString("startup_script"),
                rs.getString("endpoint_override"),
                rs.getBoolean("require_checkin"),
                columns.fields(rs.getString("settings")),
                columns.read(rs.getBytes("secrets"), Columns.strings(rs, "secret_names")),
                rs.getInt("max_concurrent_calls"));
        ProviderHealth health = new ProviderHealth(
                Columns.instant(rs, "backoff_until"),
                rs.getInt("backoff_level"),
                Columns.wire(rs, "last_error_class", ProviderErrorClass.class),
                rs.getString("last_error"));
        Instant sizeAt = Columns.instant(rs, "agent_size_at");
        Capacity size = sizeAt == null ? null : new Capacity(rs.getLong("agent_cores"), rs.getLong("agent_gpus"),
                rs.getLong("agent_memory_mb"));
        return new VmProviderConfig(rs.getLong("id"), rs.getLong("zone_id"), settings, health,
                Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"), size, sizeAt);
    }
}
