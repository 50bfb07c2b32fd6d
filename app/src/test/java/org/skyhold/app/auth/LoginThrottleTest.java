package org.skyhold.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle();

    private void fail(int times, Instant at) {
        for (int i = 0; i < times; i++) {
            throttle.failed("admin", "10.0.0.1", at);
        }
    }

    @Test
    void theFirstFourFailuresCostNoWait() {
        fail(4, T0);

        assertThat(throttle.waitBefore("admin", "10.0.0.1", T0)).isZero();
    }

    @Test
    void theFifthFailureLocksForASecondAndEachFurtherOneDoubles() {
        fail(5, T0);
        assertThat(throttle.waitBefore("admin", "10.0.0.1", T0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.waitBefore("admin", "10.0.0.1", T0.plusSeconds(1))).isZero();

        fail(1, T0.plusSeconds(1));
        assertThat(throttle.waitBefore("admin", "10.0.0.1", T0.plusSeconds(1))).isEqualTo(Duration.ofSeconds(2));
        fail(1, T0.plusSeconds(3));
        assertThat(throttle.waitBefore("admin", "10.0.0.1", T0.plusSeconds(3))).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void theWaitNeverExceedsFiveMinutes() {
        fail(40, T0);

        assertThat(throttle.waitBefore("admin", "10.0.0.1", T0)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aSuccessForgivesTheFailures() {
        fail(7, T0);
        throttle.succeeded("admin", "10.0.0.1");

        assertThat(throttle.waitBefore("admin", "10.0.0.1", T0)).isZero();
    }

    @Test
    void failuresCountPerUserNameAndAddress() {
        fail(9, T0);

        assertThat(throttle.waitBefore("ADMIN", "10.0.0.1", T0)).as("names ignore case").isPositive();
        assertThat(throttle.waitBefore("admin", "10.0.0.2", T0)).isZero();
        assertThat(throttle.waitBefore("operator", "10.0.0.1", T0)).isZero();
    }
}
