package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.skyhold.domain.model.ApiKey;
import org.skyhold.domain.model.ApiScope;
import org.skyhold.domain.port.ApiKeyRepository;

/** API keys in the {@code api_keys} table: the public prefix and a hash of the secret part, never the key. */
public final class JdbiApiKeyRepository implements ApiKeyRepository {
    private final Jdbi jdbi;

    public JdbiApiKeyRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public ApiKey create(String name, String prefix, String keyHash, ApiScope scope) {
        return SqlFailures.doing("create API key")
                .duplicate("api_keys_key_prefix_key", "prefix",
                        "an API key with prefix \"" + prefix + "\" already exists")
                .call(() -> jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO api_keys (name, key_prefix, key_hash, scope) VALUES (:name, :prefix, :keyHash, :scope)")
                        .bind("name", name)
                        .bind("prefix", prefix)
                        .bind("keyHash", keyHash)
                        .bind("scope", scope.wireName())
                        .executeAndReturnGeneratedKeys().map(JdbiApiKeyRepository::map).one()));
    }

    @Override
    public Optional<ApiKey> findByPrefix(String prefix) {
        return SqlFailures.doing("read API key").call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM api_keys WHERE key_prefix = :prefix").bind("prefix", prefix)
                .map(JdbiApiKeyRepository::map).findOne()));
    }

    @Override
    public List<ApiKey> list() {
        return SqlFailures.doing("list API keys").call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM api_keys ORDER BY created_at DESC, id DESC")
                .map(JdbiApiKeyRepository::map).list()));
    }

    @Override
    public boolean revoke(long id, Instant at) {
        return SqlFailures.doing("revoke API key " + id).call(() -> jdbi.withHandle(h -> h.createUpdate(
                "UPDATE api_keys SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .bind("id", id).bind("at", at).execute() > 0));
    }

    @Override
    public void touch(long id, Instant at) {
        SqlFailures.doing("record a use of API key " + id).run(() -> jdbi.useHandle(h -> h.createUpdate(
                "UPDATE api_keys SET last_used_at = :at WHERE id = :id")
                .bind("id", id).bind("at", at).execute()));
    }

    private static ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ApiKey(rs.getLong("id"), rs.getString("name"), rs.getString("key_prefix"),
                rs.getString("key_hash"), Columns.instant(rs, "created_at"), Columns.instant(rs, "last_used_at"),
                Columns.instant(rs, "revoked_at"),
                ApiScope.parse(rs.getString("scope")));
    }
}
