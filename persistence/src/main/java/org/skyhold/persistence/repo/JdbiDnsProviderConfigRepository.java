package org.skyhold.persistence.repo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;
import org.skyhold.domain.model.DnsProviderConfig;
import org.skyhold.domain.model.DnsProviderSettings;
import org.skyhold.domain.port.DnsProviderConfigRepository;
import org.skyhold.domain.port.SecretCipher;

/** DNS providers in the {@code dns_provider_configs} table: fields as jsonb, secrets as one sealed JSON object. */
public final class JdbiDnsProviderConfigRepository implements DnsProviderConfigRepository {
    private static final String COLUMNS = "name, kind, endpoint_override, settings, secrets, secret_names";
    private static final String VALUES = ":name, :kind, :endpointOverride, CAST(:settings AS jsonb), :secrets, :secretNames";

    private final Jdbi jdbi;
    private final ProviderColumns columns;

    public JdbiDnsProviderConfigRepository(Jdbi jdbi, SecretCipher cipher, ObjectMapper json) {
        this.jdbi = jdbi;
        this.columns = new ProviderColumns(cipher, json, "dns_provider_configs.secrets");
    }

    @Override
    public DnsProviderConfig create(DnsProviderSettings settings) {
        return writing("create DNS provider", settings).call(() -> jdbi.withHandle(h -> bind(h.createUpdate(
                "INSERT INTO dns_provider_configs (" + COLUMNS + ") VALUES (" + VALUES + ")"), settings)
                .executeAndReturnGeneratedKeys().map(this::map).one()));
    }

    @Override
    public Optional<DnsProviderConfig> find(long id) {
        return SqlFailures.doing("read DNS provider " + id).call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM dns_provider_configs WHERE id = :id").bind("id", id)
                .map(this::map).findOne()));
    }

    @Override
    public List<DnsProviderConfig> list() {
        return SqlFailures.doing("list DNS providers").call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM dns_provider_configs ORDER BY name, id").map(this::map).list()));
    }

    @Override
    public Optional<DnsProviderConfig> update(long id, DnsProviderSettings settings) {
        return writing("update DNS provider " + id, settings).call(() -> jdbi.withHandle(h -> bind(h.createUpdate(
                "UPDATE dns_provider_configs SET (" + COLUMNS + ", updated_at) = (" + VALUES + ", now())"
                        + " WHERE id = :id"), settings)
                .bind("id", id).executeAndReturnGeneratedKeys().map(this::map).findOne()));
    }

    @Override
    public boolean delete(long id) {
        return SqlFailures.doing("delete DNS provider " + id)
                .inUse("zones_dns_provider_id_fkey",
                        "a zone still registers its agents with this DNS provider; pick another one there first")
                .call(() -> jdbi.withHandle(h -> h.createUpdate("DELETE FROM dns_provider_configs WHERE id = :id")
                        .bind("id", id).execute() > 0));
    }

    private static SqlFailures writing(String doing, DnsProviderSettings settings) {
        return SqlFailures.doing(doing).duplicate("dns_provider_configs_name_key", "name",
                "a DNS provider named \"" + settings.name() + "\" already exists");
    }

    private Update bind(Update u, DnsProviderSettings s) {
        return u.bind("name", s.name())
                .bind("kind", s.kind())
                .bind("endpointOverride", s.endpointOverride())
                .bind("settings", columns.fieldsJson(s.fields()))
                .bind("secrets", columns.seal(s.secrets()))
                .bindArray("secretNames", String.class, ProviderColumns.names(s.secrets()));
    }

    private DnsProviderConfig map(ResultSet rs, StatementContext ctx) throws SQLException {
        DnsProviderSettings settings = new DnsProviderSettings(
                rs.getString("name"),
                rs.getString("kind"),
                rs.getString("endpoint_override"),
                columns.fields(rs.getString("settings")),
                columns.read(rs.getBytes("secrets"), Columns.strings(rs, "secret_names")));
        return new DnsProviderConfig(rs.getLong("id"), settings, Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"));
    }
}
