package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.CapacitySample;
import org.skyhold.domain.planner.Plan;
import org.skyhold.domain.port.CapacityHistoryRepository;
import org.skyhold.domain.port.RepositoryException;

class CapacityRecorderTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final Plan PLAN = new Plan(true, new Capacity(4, 0, 8192), new Capacity(8, 0, 0), List.of(),
            List.of(), List.of(), List.of(), List.of());

    private final Recording history = new Recording();
    private final CapacityRecorder recorder = new CapacityRecorder(history);

    @Test
    void passesEveryTwoSecondsWriteOneSampleAMinutePerZone() {
        for (int s = 0; s < 180; s += 2) {
            recorder.afterPass(1, PLAN, T0.plusSeconds(s));
            recorder.afterPass(2, PLAN, T0.plusSeconds(s + 1));
        }

        assertThat(history.samples).filteredOn(x -> x.zoneId == 1).extracting(x -> x.sample.at())
                .containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120));
        assertThat(history.samples).filteredOn(x -> x.zoneId == 2).extracting(x -> x.sample.at())
                .containsExactly(T0.plusSeconds(1), T0.plusSeconds(61), T0.plusSeconds(121));
        assertThat(history.samples.get(0).sample.free()).isEqualTo(new Capacity(4, 0, 8192));
        assertThat(history.samples.get(0).sample.target()).isEqualTo(new Capacity(8, 0, 0));
    }

    @Test
    void samplesOlderThanAWeekArePrunedOnceAnHour() {
        for (int m = 0; m <= 120; m++) {
            recorder.afterPass(1, PLAN, T0.plus(Duration.ofMinutes(m)));
        }

        assertThat(history.prunedBefore).containsExactly(T0.minus(Duration.ofDays(7)),
                T0.plus(Duration.ofHours(1)).minus(Duration.ofDays(7)),
                T0.plus(Duration.ofHours(2)).minus(Duration.ofDays(7)));
    }

    @Test
    void aFailedWriteIsTriedAgainAMinuteLaterNotEveryPassAndNeverFailsThePass() {
        history.failing = true;
        recorder.afterPass(1, PLAN, T0);
        history.failing = false;
        recorder.afterPass(1, PLAN, T0.plusSeconds(2));
        recorder.afterPass(1, PLAN, T0.plusSeconds(60));

        assertThat(history.samples).extracting(x -> x.sample.at()).containsExactly(T0.plusSeconds(60));
    }

    @Test
    void aForgottenZoneIsSampledAgainAtOnce() {
        recorder.afterPass(1, PLAN, T0);
        recorder.forget(1);
        recorder.afterPass(1, PLAN, T0.plusSeconds(2));

        assertThat(history.samples).hasSize(2);
    }

    private record Written(long zoneId, CapacitySample sample) {
    }

    /** The history in memory, with a switch to make it fail like a database that is down. */
    private static final class Recording implements CapacityHistoryRepository {
        final List<Written> samples = new ArrayList<>();
        final List<Instant> prunedBefore = new ArrayList<>();
        boolean failing;

        @Override
        public void record(long zoneId, Instant at, Capacity free, Capacity target) {
            if (failing) {
                throw new RepositoryException("database down");
            }
            samples.add(new Written(zoneId, new CapacitySample(at, free, target)));
        }

        @Override
        public List<CapacitySample> since(long zoneId, Instant from) {
            throw new UnsupportedOperationException("the recorder never reads");
        }

        @Override
        public int pruneBefore(Instant at) {
            prunedBefore.add(at);
            return 0;
        }
    }
}
