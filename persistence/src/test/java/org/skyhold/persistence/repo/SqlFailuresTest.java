package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.domain.port.InUseException;
import org.skyhold.domain.port.RepositoryException;
import org.skyhold.persistence.TestDatabase;

class SqlFailuresTest {
    private final Jdbi jdbi = Fixtures.jdbi();

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        jdbi.useHandle(h -> h.execute("INSERT INTO users (username, password_hash) VALUES ('ann', 'hash-1')"));
    }

    @Test
    void aRegisteredUniqueViolationNamesTheFieldAndKeepsTheCause() {
        assertThatThrownBy(() -> SqlFailures.doing("add user")
                .duplicate("users_username_key", "username", "taken")
                .run(() -> insertUser("ann", "hash-2")))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> {
                    assertThat(e.field()).isEqualTo("username");
                    assertThat(e.getMessage()).isEqualTo("taken");
                    assertThat(e.getCause()).isNotNull();
                });
    }

    @Test
    void anUnregisteredUniqueViolationIsStillADuplicateNamingItsConstraint() {
        assertThatThrownBy(() -> SqlFailures.doing("add user").run(() -> insertUser("ann", "hash-2")))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> {
                    assertThat(e.field()).isEqualTo("users_username_key");
                    assertThat(e.getMessage()).startsWith("could not add user: duplicate key value");
                });
    }

    @Test
    void aForeignKeyViolationIsInUseOnlyWhenRegistered() {
        long zone = Fixtures.zone("z");
        long image = jdbi.withHandle(h -> h.createQuery("INSERT INTO images (name) VALUES ('i') RETURNING id")
                .mapTo(Long.class).one());
        jdbi.useHandle(h -> h.execute("INSERT INTO staging_configs (zone_id, image_id, num_sessions, expiration)"
                + " VALUES (" + zone + ", " + image + ", 1, 1)"));
        Runnable delete = () -> jdbi.useHandle(h -> h.execute("DELETE FROM images WHERE id = " + image));

        assertThatThrownBy(() -> SqlFailures.doing("delete image").inUse("staging_configs_image_id_fkey", "is staged")
                .run(delete)).isExactlyInstanceOf(InUseException.class).hasMessage("is staged");
        assertThatThrownBy(() -> SqlFailures.doing("delete image").run(delete))
                .isExactlyInstanceOf(RepositoryException.class)
                .hasMessageStartingWith("could not delete image: ");
    }

    @Test
    void theMessageCarriesNoRowValuesOnlyTheReason() {
        assertThatThrownBy(() -> SqlFailures.doing("add user").run(() -> insertUser("", "hash-secretish")))
                .isExactlyInstanceOf(RepositoryException.class)
                .hasMessageContaining("users_username_check")
                .hasMessageNotContaining("hash-secretish")
                .hasMessageNotContaining("Failing row");
    }

    @Test
    void whatSucceedsIsReturnedUntouched() {
        long users = SqlFailures.doing("count").call(() -> jdbi.withHandle(h -> h
                .createQuery("SELECT count(*) FROM users").mapTo(Long.class).one()));

        assertThat(users).isEqualTo(1L);
    }

    private void insertUser(String name, String hash) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO users (username, password_hash) VALUES (:u, :h)")
                .bind("u", name).bind("h", hash).execute());
    }
}
