package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AimdLimiterTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void startsAtItsMaximumAndGivesNoMoreSlotsThanTheLimit() {
        AimdLimiter l = new AimdLimiter(3);
        assertThat(l.tryAcquire(T0)).isNotNegative();
        assertThat(l.tryAcquire(T0)).isNotNegative();
        assertThat(l.tryAcquire(T0)).isNotNegative();
        assertThat(l.tryAcquire(T0)).as("a fourth call waits").isEqualTo(-1);
        assertThat(l.inFlight()).isEqualTo(3);
    }

    @Test
    void aThrottleHalvesTheLimitOnceForTheCallsThatWereAlreadyInFlight() {
        AimdLimiter l = new AimdLimiter(40);
        long[] g = new long[40];
        for (int i = 0; i < 40; i++) {
            g[i] = l.tryAcquire(T0);
        }
        for (int i = 0; i < 20; i++) {
            l.release(g[i], true, null, T0);
        }
        assertThat(l.limit()).as("twenty throttles of one flight are one signal").isEqualTo(20);
        long later = l.tryAcquire(T0);
        assertThat(later).as("20 still in flight under a limit of 20").isEqualTo(-1);
        for (int i = 20; i < 40; i++) {
            l.release(g[i], false, null, T0);
        }
        long next = l.tryAcquire(T0);
        l.release(next, true, null, T0);
        assertThat(l.limit()).as("a throttle of a call sent under the new limit halves it again").isEqualTo(10);
    }

    @Test
    void theLimitNeverFallsBelowOne() {
        AimdLimiter l = new AimdLimiter(2);
        for (int i = 0; i < 5; i++) {
            l.release(l.tryAcquire(T0), true, null, T0);
        }
        assertThat(l.limit()).isEqualTo(1);
    }

    @Test
    void aWindowOfSuccessesRaisesTheLimitByOneUpToTheMaximum() {
        AimdLimiter l = new AimdLimiter(4);
        l.release(l.tryAcquire(T0), true, null, T0);
        assertThat(l.limit()).isEqualTo(2);
        l.release(l.tryAcquire(T0), false, null, T0);
        assertThat(l.limit()).as("one success of a window of two").isEqualTo(2);
        l.release(l.tryAcquire(T0), false, null, T0);
        assertThat(l.limit()).isEqualTo(3);
        for (int i = 0; i < 20; i++) {
            l.release(l.tryAcquire(T0), false, null, T0);
        }
        assertThat(l.limit()).isEqualTo(4);
    }

    @Test
    void retryAfterPausesEveryNewCallUntilItHasPassed() {
        AimdLimiter l = new AimdLimiter(10);
        l.release(l.tryAcquire(T0), true, Duration.ofSeconds(5), T0);
        assertThat(l.pausedUntil(T0)).isEqualTo(T0.plusSeconds(5));
        assertThat(l.tryAcquire(T0.plusSeconds(4))).isEqualTo(-1);
        assertThat(l.tryAcquire(T0.plusSeconds(5))).isNotNegative();
        assertThat(l.pausedUntil(T0.plusSeconds(5))).isNull();
    }

    @Test
    void aLowerMaximumTakesEffectAtOnce() {
        AimdLimiter l = new AimdLimiter(10);
        l.setMax(3);
        assertThat(l.limit()).isEqualTo(3);
        l.setMax(6);
        assertThat(l.limit()).as("raised additively, by successes").isEqualTo(3);
        assertThat(l.max()).isEqualTo(6);
    }
}
