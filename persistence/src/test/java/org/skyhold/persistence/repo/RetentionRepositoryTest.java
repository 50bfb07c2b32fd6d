package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.persistence.repo.Fixtures.T0;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Event;
import org.skyhold.persistence.TestDatabase;

/** What retention needs of the database: old events deleted in batches, and one pruning manager at a time. */
class RetentionRepositoryTest {
    private final JdbiEventRepository events = new JdbiEventRepository(Fixtures.jdbi());
    private final JdbiMaintenanceLock lock = new JdbiMaintenanceLock(Fixtures.jdbi());

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
    }

    @Test
    void eventsBeforeTheCutoffAreDeletedInBatchesAndNewerOnesStay() {
        int old = JdbiEventRepository.DELETE_BATCH + 5;
        Fixtures.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO events (at, kind, actor, reason, data)
                SELECT CAST(:at AS timestamptz) - make_interval(secs => n), 'plan', 'system', 'old ' || n, '{}'::jsonb
                  FROM generate_series(1, :n) AS n""").bind("at", T0).bind("n", old).execute());
        Event kept = events.append(Event.of(T0, null, null, "plan", "system", "at the cutoff"));
        Event newer = events.append(Event.of(T0.plus(Duration.ofDays(1)), null, null, "plan", "system", "newer"));

        assertThat(events.deleteOlderThan(T0)).isEqualTo(old);

        assertThat(events.list(null, null, null, null, 100)).extracting(Event::id)
                .containsExactly(newer.id(), kept.id());
        assertThat(events.deleteOlderThan(T0)).isZero();
    }

    @Test
    void whileOneManagerHoldsTheMaintenanceLockAnotherSkipsTheJobAndGetsItAfterwards() throws Exception {
        AtomicBoolean otherRan = new AtomicBoolean(true);
        boolean ran = lock.runAlone("retention", () -> otherRan.set(CompletableFuture.supplyAsync(
                () -> lock.runAlone("retention", () -> { })).orTimeout(10, TimeUnit.SECONDS).join()));
        assertThat(ran).isTrue();
        assertThat(otherRan).as("a second manager (another connection) skips while the first prunes").isFalse();
        assertThat(lock.runAlone("retention", () -> { })).as("released afterwards").isTrue();
        assertThat(lock.runAlone("another-job", () -> { })).isTrue();
    }
}
