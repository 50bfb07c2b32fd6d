package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.skyhold.domain.model.WebSession;
import org.skyhold.domain.port.WebSessionRepository;

/**
 * Signed-in browsers in the {@code web_sessions} table, found by the hash of their cookie token. Expiry is judged
 * by the caller's {@code now} so the caller's clock (and a test's) decides it. Messages never show the hash:
 * it is as good as the cookie for finding the row.
 */
public final class JdbiWebSessionRepository implements WebSessionRepository {
    private final Jdbi jdbi;

    public JdbiWebSessionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void create(WebSession s) {
        SqlFailures.doing("store the web session of user " + s.userId())
                .duplicate("web_sessions_pkey", "token_hash", "a web session with that token already exists")
                .run(() -> jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO web_sessions (token_hash, user_id, csrf_token, created_at, expires_at)
                        VALUES (:tokenHash, :userId, :csrfToken, :createdAt, :expiresAt)""")
                        .bind("tokenHash", s.tokenHash())
                        .bind("userId", s.userId())
                        .bind("csrfToken", s.csrfToken())
                        .bind("createdAt", s.createdAt())
                        .bind("expiresAt", s.expiresAt())
                        .execute()));
    }

    @Override
    public Optional<WebSession> find(String tokenHash, Instant now) {
        return SqlFailures.doing("read a web session").call(() -> jdbi.withHandle(h -> h.createQuery(
                "SELECT * FROM web_sessions WHERE token_hash = :tokenHash AND expires_at > :now")
                .bind("tokenHash", tokenHash)
                .bind("now", now)
                .map(JdbiWebSessionRepository::map).findOne()));
    }

    @Override
    public void delete(String tokenHash) {
        SqlFailures.doing("end a web session").run(() -> jdbi.useHandle(h -> h
                .createUpdate("DELETE FROM web_sessions WHERE token_hash = :tokenHash")
                .bind("tokenHash", tokenHash).execute()));
    }

    @Override
    public void deleteByUser(long userId) {
        SqlFailures.doing("end the web sessions of user " + userId).run(() -> jdbi.useHandle(h -> h
                .createUpdate("DELETE FROM web_sessions WHERE user_id = :userId")
                .bind("userId", userId).execute()));
    }

    @Override
    public int deleteExpired(Instant now) {
        return SqlFailures.doing("remove expired web sessions").call(() -> jdbi.withHandle(h -> h
                .createUpdate("DELETE FROM web_sessions WHERE expires_at < :now")
                .bind("now", now).execute()));
    }

    private static WebSession map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new WebSession(rs.getString("token_hash"), rs.getLong("user_id"), rs.getString("csrf_token"),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "expires_at"));
    }
}
