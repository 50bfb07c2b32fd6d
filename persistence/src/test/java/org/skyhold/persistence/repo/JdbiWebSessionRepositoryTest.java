package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.skyhold.persistence.repo.Fixtures.T0;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.WebSession;
import org.skyhold.domain.port.DuplicateNameException;
import org.skyhold.persistence.TestDatabase;

class JdbiWebSessionRepositoryTest {
    private static final Instant EXPIRY = T0.plusSeconds(3600);

    private final JdbiWebSessionRepository sessions = new JdbiWebSessionRepository(Fixtures.jdbi());
    private final JdbiUserRepository users = new JdbiUserRepository(Fixtures.jdbi());
    private long ann;
    private long bob;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        ann = users.create("ann", "h").id();
        bob = users.create("bob", "h").id();
    }

    @Test
    void aSessionRoundTripsEveryFieldUntilItExpires() {
        WebSession session = new WebSession("hash-1", ann, "csrf-1", T0, EXPIRY);

        sessions.create(session);

        assertThat(sessions.find("hash-1", T0)).contains(session);
        assertThat(sessions.find("hash-1", EXPIRY.minusNanos(1000))).contains(session);
        assertThat(sessions.find("hash-1", EXPIRY)).as("expired at its expiry").isEmpty();
        assertThat(sessions.find("other", T0)).isEmpty();
    }

    @Test
    void aTakenTokenHashIsRefusedWithoutShowingIt() {
        sessions.create(new WebSession("hash-1", ann, "csrf-1", T0, EXPIRY));

        assertThatThrownBy(() -> sessions.create(new WebSession("hash-1", bob, "csrf-2", T0, EXPIRY)))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> {
                    assertThat(e.field()).isEqualTo("token_hash");
                    assertThat(e.getMessage()).doesNotContain("hash-1");
                });
    }

    @Test
    void oneSessionIsEnded() {
        sessions.create(new WebSession("hash-1", ann, "c", T0, EXPIRY));
        sessions.create(new WebSession("hash-2", ann, "c", T0, EXPIRY));

        sessions.delete("hash-1");
        sessions.delete("missing");

        assertThat(sessions.find("hash-1", T0)).isEmpty();
        assertThat(sessions.find("hash-2", T0)).isPresent();
    }

    @Test
    void everySessionOfAUserIsEndedAndOnlyThose() {
        sessions.create(new WebSession("ann-1", ann, "c", T0, EXPIRY));
        sessions.create(new WebSession("ann-2", ann, "c", T0, EXPIRY));
        sessions.create(new WebSession("bob-1", bob, "c", T0, EXPIRY));

        sessions.deleteByUser(ann);

        assertThat(sessions.find("ann-1", T0)).isEmpty();
        assertThat(sessions.find("ann-2", T0)).isEmpty();
        assertThat(sessions.find("bob-1", T0)).isPresent();
    }

    @Test
    void onlySessionsThatExpiredBeforeNowAreRemovedAndCounted() {
        sessions.create(new WebSession("old", ann, "c", T0, T0.plusSeconds(10)));
        sessions.create(new WebSession("older", bob, "c", T0, T0.plusSeconds(5)));
        sessions.create(new WebSession("fresh", ann, "c", T0, EXPIRY));

        assertThat(sessions.deleteExpired(T0.plusSeconds(11))).isEqualTo(2);
        assertThat(sessions.deleteExpired(T0.plusSeconds(11))).isZero();
        assertThat(sessions.find("fresh", T0.plusSeconds(11))).isPresent();
    }

    @Test
    void deletingAUserEndsTheirSessions() {
        sessions.create(new WebSession("ann-1", ann, "c", T0, EXPIRY));

        Fixtures.jdbi().useHandle(h -> h.execute("DELETE FROM users WHERE id = ?", ann));

        assertThat(sessions.find("ann-1", T0)).isEmpty();
    }
}
