package org.skyhold.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
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

    @Test
    void manyNamesFromOneAddressLockThatAddressButNotTheAdminElsewhere() {
        for (int i = 0; i < LoginThrottle.FREE_ADDRESS_FAILURES; i++) {
            throttle.failed("user" + i, "10.0.0.9", T0);
        }

        assertThat(throttle.waitBefore("someone-new", "10.0.0.9", T0)).isPositive();
        assertThat(throttle.waitBefore("admin", "10.0.0.9", T0)).isPositive();
        assertThat(throttle.waitBefore("admin", "10.0.0.1", T0)).isZero();
    }

    @Test
    void aHundredThousandFailedSignInsWithRandomNamesLeaveTheThrottlesMemoryBoundedAndTheAdminCanSignInElsewhere() {
        Random random = new Random(13);
        long heapBefore = usedHeap();
        for (int i = 0; i < 100_000; i++) {
            // random names from random addresses: the worst case, every failure a new entry in both counts
            String name = Long.toString(random.nextLong(), 36) + Long.toString(random.nextLong(), 36);
            String address = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            throttle.failed(name, address, T0);
        }
        long entries = throttle.entries();
        long heapAfter = usedHeap();
        System.out.printf("throttle after 100,000 random failures: %d entries (cap %d), heap grew %d KB%n",
                entries, 2 * LoginThrottle.MAX_ENTRIES, (heapAfter - heapBefore) / 1024);

        assertThat(entries).isLessThanOrEqualTo(2L * LoginThrottle.MAX_ENTRIES);
        assertThat(heapAfter - heapBefore).as("bytes retained").isLessThan(16L * 1024 * 1024);
        assertThat(throttle.waitBefore("admin", "192.0.2.1", T0)).isZero();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
