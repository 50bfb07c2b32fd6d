package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.User;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.persistence.TestDatabase;

class JdbiUserRepositoryTest {
    private final JdbiUserRepository users = new JdbiUserRepository(Fixtures.jdbi());

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
    }

    @Test
    void aUserRoundTripsEveryField() {
        User created = users.create("ann", "$argon2id$v=19$hash");

        assertThat(created.id()).isPositive();
        assertThat(created.username()).isEqualTo("ann");
        assertThat(created.passwordHash()).isEqualTo("$argon2id$v=19$hash");
        assertThat(created.createdAt()).isNotNull();
        assertThat(created.updatedAt()).isNotNull();
        assertThat(users.findByUsername("ann")).contains(created);
    }

    @Test
    void anUnknownUserNameIsEmpty() {
        users.create("ann", "h");

        assertThat(users.findByUsername("bob")).isEmpty();
        assertThat(users.findByUsername("ANN")).isEmpty();
    }

    @Test
    void aTakenUserNameIsRefusedWithTheFieldNamed() {
        users.create("ann", "h");

        assertThatThrownBy(() -> users.create("ann", "other"))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> {
                    assertThat(e.field()).isEqualTo("username");
                    assertThat(e.getMessage()).isEqualTo("a user named \"ann\" already exists");
                });
    }

    @Test
    void thePasswordHashIsReplaced() {
        User created = users.create("ann", "old");

        assertThat(users.updatePasswordHash(created.id(), "new")).isTrue();

        User read = users.findByUsername("ann").orElseThrow();
        assertThat(read.passwordHash()).isEqualTo("new");
        assertThat(read.createdAt()).isEqualTo(created.createdAt());
        assertThat(read.updatedAt()).isAfterOrEqualTo(created.updatedAt());
        assertThat(users.updatePasswordHash(999, "x")).isFalse();
    }
}
