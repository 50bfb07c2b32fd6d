package org.skyhold.persistence.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.persistence.repo.Fixtures.T0;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.CapacitySample;
import org.skyhold.persistence.TestDatabase;

class JdbiCapacityHistoryRepositoryTest {
    private static final Capacity FREE = new Capacity(4, 1, 8192);
    private static final Capacity TARGET = new Capacity(8, 0, 16384);

    private final JdbiCapacityHistoryRepository history = new JdbiCapacityHistoryRepository(Fixtures.jdbi());
    private long zoneId;

    @BeforeEach
    void cleanDatabase() {
        TestDatabase.clean();
        zoneId = Fixtures.zone("zone");
    }

    @Test
    void aSampleRoundTripsEveryDimensionIncludingANegativeFree() {
        Capacity overcommitted = new Capacity(-2, 0, -1024);
        history.record(zoneId, T0, overcommitted, TARGET);

        assertThat(history.since(zoneId, T0)).containsExactly(new CapacitySample(T0, overcommitted, TARGET));
    }

    @Test
    void samplesSinceAMomentAreOldestFirstAndOnlyOfTheZone() {
        long other = Fixtures.zone("other");
        history.record(zoneId, T0.plusSeconds(120), FREE, TARGET);
        history.record(zoneId, T0, FREE, TARGET);
        history.record(zoneId, T0.plusSeconds(60), FREE, TARGET);
        history.record(other, T0.plusSeconds(90), FREE, TARGET);

        assertThat(history.since(zoneId, T0.plusSeconds(60))).extracting(CapacitySample::at)
                .containsExactly(T0.plusSeconds(60), T0.plusSeconds(120));
        assertThat(history.since(other, T0)).extracting(CapacitySample::at).containsExactly(T0.plusSeconds(90));
    }

    @Test
    void aSecondSampleAtTheSameMomentIsIgnoredAndOneOfAnUnknownZoneIsNotStored() {
        history.record(zoneId, T0, FREE, TARGET);
        history.record(zoneId, T0, Capacity.ZERO, Capacity.ZERO);
        history.record(999_999, T0, FREE, TARGET);

        assertThat(history.since(zoneId, T0)).containsExactly(new CapacitySample(T0, FREE, TARGET));
        assertThat(history.since(999_999, T0)).isEmpty();
    }

    @Test
    void pruningDeletesEveryZonesSamplesBeforeTheMomentOnly() {
        long other = Fixtures.zone("other");
        history.record(zoneId, T0, FREE, TARGET);
        history.record(other, T0.plusSeconds(30), FREE, TARGET);
        history.record(zoneId, T0.plus(Duration.ofMinutes(1)), FREE, TARGET);

        assertThat(history.pruneBefore(T0.plus(Duration.ofMinutes(1)))).isEqualTo(2);
        assertThat(history.since(zoneId, T0)).extracting(CapacitySample::at)
                .containsExactly(T0.plus(Duration.ofMinutes(1)));
        assertThat(history.since(other, T0)).isEmpty();
    }

    @Test
    void deletingTheZoneDeletesItsSamples() {
        history.record(zoneId, T0, FREE, TARGET);

        new JdbiZoneRepository(Fixtures.jdbi(), Fixtures.CIPHER).delete(zoneId);

        int left = Fixtures.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM capacity_samples")
                .mapTo(Integer.class).one());
        assertThat(left).isZero();
    }
}
