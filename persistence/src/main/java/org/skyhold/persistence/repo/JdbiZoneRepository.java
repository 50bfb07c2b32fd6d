package org.skyhold.persistence.repo;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;
import org.skyhold.domain.model.LoadBalanceStrategy;
import org.skyhold.domain.model.Secret;
import org.skyhold.domain.model.Zone;
import org.skyhold.domain.model.ZoneSettings;
import org.skyhold.domain.port.RepositoryException;
import org.skyhold.domain.port.SecretCipher;
import org.skyhold.domain.port.ZoneRepository;

/** Zones in the {@code zones} table; the nginx private key is sealed before it is stored. */
public final class JdbiZoneRepository implements ZoneRepository {
    private static final String NGINX_KEY = "zones.nginx_key";
    private static final String COLUMNS = """
            name, scaling_enabled, prioritize_static_agents, standby_cores, standby_gpus, standby_memory_mb,
            downscale_backoff, agent_cores_override, agent_gpus_override, agent_memory_override_gb, register_dns,
            dns_provider_id, base_domain_name, nginx_cert, nginx_key, load_balance_strategy, upstream_auth_address,
            provision_timeout, agent_missing_after, agent_dead_after""";
    private static final String VALUES = """
            :name, :scalingEnabled, :prioritizeStaticAgents, :standbyCores, :standbyGpus, :standbyMemoryMb,
            :downscaleBackoff, :agentCoresOverride, :agentGpusOverride, :agentMemoryOverrideGb, :registerDns,
            :dnsProviderId, :baseDomainName, :nginxCert, :nginxKey, :loadBalanceStrategy, :upstreamAuthAddress,
            :provisionTimeout, :agentMissingAfter, :agentDeadAfter""";

    private final Jdbi jdbi;
    private final SecretCipher cipher;

    public JdbiZoneRepository(Jdbi jdbi, SecretCipher cipher) {
        this.jdbi = jdbi;
        this.cipher = cipher;
    }

    @Override
    public Zone create(ZoneSettings settings) {
        return writing("create zone", settings).call(() -> jdbi.withHandle(h -> bind(
                h.createUpdate("INSERT INTO zones (" + COLUMNS + ") VALUES (" + VALUES + ")"), settings)
                .executeAndReturnGeneratedKeys().map(this::map).one()));
    }

    @Override
    public Optional<Zone> find(long id) {
        return SqlFailures.doing("read zone " + id).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM zones WHERE id = :id").bind("id", id).map(this::map).findOne()));
    }

    @Override
    public List<Zone> list() {
        return SqlFailures.doing("list zones").call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM zones ORDER BY name, id").map(this::map).list()));
    }

    @Override
    public Optional<Zone> update(long id, ZoneSettings settings) {
        return writing("update zone " + id, settings).call(() -> jdbi.withHandle(h -> bind(
                h.createUpdate("UPDATE zones SET (" + COLUMNS + ", updated_at) = (" + VALUES + ", now())"
                        + " WHERE id = :id"), settings)
                .bind("id", id).executeAndReturnGeneratedKeys().map(this::map).findOne()));
    }

    @Override
    public boolean delete(long id) {
        return SqlFailures.doing("delete zone " + id)
                .call(() -> jdbi.withHandle(h -> h.createUpdate("DELETE FROM zones WHERE id = :id")
                        .bind("id", id).execute() > 0));
    }

    @Override
    public Optional<java.time.Instant> lastScaleUpAt(long id) {
        return SqlFailures.doing("read zone " + id).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT last_scale_up_at FROM zones WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> Columns.instant(rs, "last_scale_up_at")).findOne()
                .filter(java.util.Objects::nonNull)));
    }

    @Override
    public void recordScaleUp(long id, java.time.Instant at) {
        SqlFailures.doing("update zone " + id).run(() -> jdbi.useHandle(h -> h
                .createUpdate("UPDATE zones SET last_scale_up_at = :at WHERE id = :id").bind("id", id).bind("at", at)
                .execute()));
    }

    private static SqlFailures writing(String doing, ZoneSettings settings) {
        return SqlFailures.doing(doing).duplicate("zones_name_key", "name",
                "a zone named \"" + settings.name() + "\" already exists");
    }

    private Update bind(Update u, ZoneSettings s) {
        return u.bind("name", s.name())
                .bind("scalingEnabled", s.scalingEnabled())
                .bind("prioritizeStaticAgents", s.prioritizeStaticAgents())
                .bind("standbyCores", s.standbyCores())
                .bind("standbyGpus", s.standbyGpus())
                .bind("standbyMemoryMb", s.standbyMemoryMb())
                .bind("downscaleBackoff", s.downscaleBackoff())
                .bind("agentCoresOverride", s.agentCoresOverride())
                .bind("agentGpusOverride", s.agentGpusOverride())
                .bind("agentMemoryOverrideGb", s.agentMemoryOverrideGb())
                .bind("registerDns", s.registerDns())
                .bind("dnsProviderId", s.dnsProviderId())
                .bind("baseDomainName", s.baseDomainName())
                .bind("nginxCert", s.nginxCert())
                .bind("nginxKey", seal(s.nginxKey()))
                .bind("loadBalanceStrategy", Columns.wire(s.loadBalanceStrategy()))
                .bind("upstreamAuthAddress", s.upstreamAuthAddress())
                .bind("provisionTimeout", s.provisionTimeout())
                .bind("agentMissingAfter", s.agentMissingAfter())
                .bind("agentDeadAfter", s.agentDeadAfter());
    }

    private byte[] seal(Secret key) {
        if (key == null) {
            return null;
        }
        byte[] plain = key.reveal().getBytes(StandardCharsets.UTF_8);
        try {
            return cipher.seal(plain, NGINX_KEY);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The stored key, opened only when its plain text is first needed (reading a zone decrypts nothing). */
    private Secret open(byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        return Secret.opening(() -> {
            try {
                return new String(cipher.open(sealed, NGINX_KEY), StandardCharsets.UTF_8);
            } catch (IllegalStateException e) {
                throw new RepositoryException("could not open " + NGINX_KEY + ": " + e.getMessage(), e);
            }
        });
    }

    private Zone map(ResultSet rs, StatementContext ctx) throws SQLException {
        ZoneSettings settings = new ZoneSettings(
                rs.getString("name"),
                rs.getBoolean("scaling_enabled"),
                rs.getBoolean("prioritize_static_agents"),
                rs.getInt("standby_cores"),
                rs.getInt("standby_gpus"),
                rs.getLong("standby_memory_mb"),
                rs.getInt("downscale_backoff"),
                Columns.nullableInt(rs, "agent_cores_override"),
                Columns.nullableInt(rs, "agent_gpus_override"),
                Columns.nullableInt(rs, "agent_memory_override_gb"),
                rs.getBoolean("register_dns"),
                Columns.nullableLong(rs, "dns_provider_id"),
                rs.getString("base_domain_name"),
                rs.getString("nginx_cert"),
                open(rs.getBytes("nginx_key")),
                Columns.wire(rs, "load_balance_strategy", LoadBalanceStrategy.class),
                rs.getString("upstream_auth_address"),
                rs.getInt("provision_timeout"),
                rs.getInt("agent_missing_after"),
                rs.getInt("agent_dead_after"));
        return new Zone(rs.getLong("id"), settings, Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }
}
