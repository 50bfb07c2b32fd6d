package org.skyhold.persistence.repo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.skyhold.domain.model.User;
import org.skyhold.domain.port.UserRepository;

/** The people who sign in, in the {@code users} table. */
public final class JdbiUserRepository implements UserRepository {
    private final Jdbi jdbi;

    public JdbiUserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public User create(String username, String passwordHash) {
        return SqlFailures.doing("create user")
                .duplicate("users_username_key", "username", "a user named \"" + username + "\" already exists")
                .call(() -> jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO users (username, password_hash) VALUES (:username, :passwordHash)")
                        .bind("username", username)
                        .bind("passwordHash", passwordHash)
                        .executeAndReturnGeneratedKeys().map(JdbiUserRepository::map).one()));
    }

    @Override
    public Optional<User> findByUsername(String username) {
        return SqlFailures.doing("read user").call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT * FROM users WHERE username = :username").bind("username", username)
                .map(JdbiUserRepository::map).findOne()));
    }

    @Override
    public boolean updatePasswordHash(long id, String passwordHash) {
        return SqlFailures.doing("change the password of user " + id).call(() -> jdbi.withHandle(h -> h
                .createUpdate("UPDATE users SET password_hash = :passwordHash, updated_at = now() WHERE id = :id")
                .bind("id", id)
                .bind("passwordHash", passwordHash)
                .execute() > 0));
    }

    private static User map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }
}
