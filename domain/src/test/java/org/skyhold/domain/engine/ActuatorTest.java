package org.skyhold.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;

class ActuatorTest {
    private final Actuator actuator = new Actuator(Clock.systemUTC(), 32);

    @AfterEach
    void close() {
        actuator.close();
    }

    @Test
    void noMoreCallsThanTheProvidersLimitAreInFlightAndEveryOneCompletes() throws Exception {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<String> done = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 12; i++) {
            String key = "create " + i;
            actuator.submit(1, 4, key, () -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                await(release);
                now.decrementAndGet();
                return key;
            }, (answer, error, at) -> done.add(answer));
        }
        Thread.sleep(200);
        assertThat(most.get()).isEqualTo(4);
        assertThat(actuator.outstanding()).isEqualTo(12);
        release.countDown();
        assertThat(actuator.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(done).hasSize(12);
        assertThat(most.get()).isEqualTo(4);
        assertThat(actuator.outstanding()).isZero();
    }

    @Test
    void providersHaveTheirOwnLimits() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(3);
        for (long provider = 1; provider <= 3; provider++) {
            actuator.submit(provider, 1, "create on " + provider, () -> {
                started.countDown();
                await(release);
                return null;
            }, (a, e, at) -> { });
        }
        assertThat(started.await(5, TimeUnit.SECONDS)).as("one provider's full limit holds no other back").isTrue();
        release.countDown();
        assertThat(actuator.awaitIdle(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aThrottledCallIsTriedAgainAfterTheRetryAfterAndNoOtherCallStartsBefore() throws Exception {
        List<Long> starts = new CopyOnWriteArrayList<>();
        AtomicInteger tries = new AtomicInteger();
        List<Object> answers = new CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();
        actuator.submit(1, 10, "first", () -> {
            starts.add(System.nanoTime() - t0);
            if (tries.incrementAndGet() == 1) {
                throw new ProviderException(ProviderErrorClass.THROTTLED, "slow down", Duration.ofMillis(400), null);
            }
            return "made";
        }, (answer, error, at) -> answers.add(answer != null ? answer : error));
        Thread.sleep(50);
        actuator.submit(1, 10, "second", () -> {
            starts.add(System.nanoTime() - t0);
            return "second made";
        }, (answer, error, at) -> answers.add(answer));
        assertThat(actuator.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(answers).containsExactlyInAnyOrder("made", "second made");
        assertThat(starts).hasSize(3);
        assertThat(starts.subList(1, 3)).as("nothing starts within the Retry-After")
                .allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(Duration.ofMillis(390).toNanos()));
        assertThat(actuator.limiter(1).limit()).isEqualTo(5);
    }

    @Test
    void aThrottleThatAsksForALongWaitGoesToTheCompletionAtOnce() throws Exception {
        List<ProviderException> errors = new CopyOnWriteArrayList<>();
        actuator.submit(1, 10, "create", () -> {
            throw new ProviderException(ProviderErrorClass.THROTTLED, "hourly limit", Duration.ofMinutes(20), null);
        }, (answer, error, at) -> errors.add(error));
        assertThat(actuator.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage()).isEqualTo("hourly limit"));
    }

    @Test
    void aCallThatKeepsBeingThrottledEndsWithTheThrottleAfterItsRetries() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        List<ProviderException> errors = new CopyOnWriteArrayList<>();
        actuator.submit(1, 10, "create", () -> {
            tries.incrementAndGet();
            throw new ProviderException(ProviderErrorClass.THROTTLED, "slow down", Duration.ofMillis(1), null);
        }, (answer, error, at) -> errors.add(error));
        assertThat(actuator.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(tries.get()).isEqualTo(1 + Actuator.THROTTLE_RETRIES);
        assertThat(errors).singleElement().satisfies(e ->
                assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.THROTTLED));
    }

    @Test
    void anActionAlreadyQueuedOrInFlightIsNotQueuedTwice() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        assertThat(actuator.submit(1, 1, "destroy a", () -> {
            calls.incrementAndGet();
            await(release);
            return true;
        }, (a, e, at) -> { })).isTrue();
        assertThat(actuator.busy("destroy a")).isTrue();
        assertThat(actuator.submit(1, 1, "destroy a", () -> calls.incrementAndGet() > 0, (a, e, at) -> { })).isFalse();
        release.countDown();
        assertThat(actuator.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(calls.get()).isEqualTo(1);
        assertThat(actuator.busy("destroy a")).isFalse();
    }

    @Test
    void anUnexpectedExceptionReachesTheCompletionAsAnOtherError() throws Exception {
        List<ProviderException> errors = new CopyOnWriteArrayList<>();
        actuator.submit(1, 1, "create", () -> {
            throw new IllegalStateException("bug");
        }, (answer, error, at) -> errors.add(error));
        assertThat(actuator.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.errorClass()).isEqualTo(ProviderErrorClass.OTHER);
            assertThat(e.getMessage()).contains("IllegalStateException", "bug");
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
