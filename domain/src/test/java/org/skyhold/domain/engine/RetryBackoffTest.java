package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a failed try may be made again: doubling waits up to a cap, forgotten on success. */
class RetryBackoffTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(5), Duration.ofSeconds(30));

    @Test
    void eachFailureDoublesTheWaitUpToTheCapAndASuccessMakesTheNextTryDueAtOnce() {
        assertThat(backoff.due("a", T0)).isTrue();
        backoff.failed("a", T0);
        assertThat(backoff.due("a", T0.plusSeconds(4))).isFalse();
        assertThat(backoff.due("a", T0.plusSeconds(5))).isTrue();
        backoff.failed("a", T0.plusSeconds(5));
        assertThat(backoff.due("a", T0.plusSeconds(14))).isFalse();
        assertThat(backoff.due("a", T0.plusSeconds(15))).isTrue();
        backoff.failed("a", T0.plusSeconds(15)); // 20 s
        backoff.failed("a", T0.plusSeconds(35)); // 40 s, capped at 30
        assertThat(backoff.due("a", T0.plusSeconds(64))).isFalse();
        assertThat(backoff.due("a", T0.plusSeconds(65))).isTrue();
        assertThat(backoff.due("b", T0)).as("each thing waits on its own").isTrue();

        backoff.succeeded("a");
        assertThat(backoff.due("a", T0.plusSeconds(65))).isTrue();
        backoff.failed("a", T0.plusSeconds(65));
        assertThat(backoff.due("a", T0.plusSeconds(70))).as("back to the first wait").isTrue();
    }

    @Test
    void twoTriesThatFailAtTheSameTimeWaitOnceNotTwice() {
        backoff.failed("a", T0); // a check-in's try
        backoff.failed("a", T0); // and a pass's, made before the first failed
        assertThat(backoff.due("a", T0.plusSeconds(5))).isTrue();
    }
}
