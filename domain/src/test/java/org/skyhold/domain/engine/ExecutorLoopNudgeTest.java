package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.port.ZoneLeaseRepository;

/**
 * Placements and ends nudge their zone's loop: the nudges of a short while share one pass, and a wake is not
 * absorbed by a pending nudge (nor the nudge by it). Each pass starts by asking for the zone's lease, so the lease
 * calls count the passes.
 */
class ExecutorLoopNudgeTest {
    private final AtomicInteger passes = new AtomicInteger();
    private final ZoneLeaseRepository leases = (ZoneLeaseRepository) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {ZoneLeaseRepository.class}, (p, m, a) -> {
                if (m.getName().equals("acquire")) {
                    passes.incrementAndGet();
                }
                return Optional.empty(); // another manager holds it: the pass ends there
            });
    private final EnginePorts ports = new EnginePorts(null, null, null, null, null, null, null, leases, null, null,
            null, "inst", () -> "http://x", EngineMetrics.NONE, null, null, null);
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void nudgesWithinTheDelayShareOnePassAndALaterNudgeRunsAnother() {
        try (Actuator actuator = new Actuator(clock, 1);
             ExecutorLoop loop = new ExecutorLoop(ports, null, actuator, "m1", clock, Duration.ofHours(1),
                     Duration.ofSeconds(15), 2)) {
            for (int i = 0; i < 500; i++) {
                loop.nudge(7);
            }
            assertThat(passes.get()).as("none yet: the nudge waits").isZero();
            assertThat(loop.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(passes.get()).isEqualTo(1);

            loop.nudge(7);
            loop.nudge(8);
            assertThat(loop.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(passes.get()).as("one more for each zone").isEqualTo(3);
        }
    }

    @Test
    void aWakeRunsItsOwnPassAndANudgePendingMeanwhileStillRunsOne() {
        try (Actuator actuator = new Actuator(clock, 1);
             ExecutorLoop loop = new ExecutorLoop(ports, null, actuator, "m1", clock, Duration.ofHours(1),
                     Duration.ofSeconds(15), 2)) {
            loop.nudge(7);
            loop.wake(7);
            assertThat(loop.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(passes.get()).isEqualTo(2);
        }
    }
}
