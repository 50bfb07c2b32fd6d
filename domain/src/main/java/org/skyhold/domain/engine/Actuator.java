package org.skyhold.domain.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.VmProviderSettings;
import org.skyhold.domain.provider.ProviderException;

/**
 * Runs the engine's cloud calls (creates and deletes) off the zones' loops, on a bounded pool, with at most
 * {@link AimdLimiter#limit()} calls in flight per provider. A throttled call goes back to the head of its
 * provider's queue after a short pause (the cloud's Retry-After, else 100 ms doubling to 1 s; up to
 * {@link #THROTTLE_RETRIES} times) while the limiter halves and pauses every call until the Retry-After, so a burst
 * proceeds at the rate the cloud allows. A throttle that asks for a longer wait than {@link #MAX_ABSORBED_WAIT}
 * (a spent hourly quota), a throttle after the last retry, and any other answer go to the action's completion,
 * which writes the result (a failure backs the provider off). An action is keyed (by agent), so a pass that meets an agent whose action is still queued or in
 * flight does not order it twice.
 */
public final class Actuator implements AutoCloseable {
    private static final Logger LOG = System.getLogger(Actuator.class.getName());
    /** Throttled answers an action absorbs before its completion hears of it. */
    static final int THROTTLE_RETRIES = 8;
    /** A throttle asking to wait longer than this is the provider's to back off from, not the call's to wait. */
    static final Duration MAX_ABSORBED_WAIT = Duration.ofSeconds(10);
    /** The pause before a throttled call is tried again when the cloud did not say; it doubles, up to 1 s. */
    static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(1);

    /** What a completion is told: the call's answer, or its error, and when it came. */
    public interface Done<T> {
        void accept(T answer, ProviderException error, Instant at);
    }

    private final class Action<T> implements Runnable {
        final long provider;
        final String key;
        final Supplier<T> call;
        final Done<T> done;
        int throttled;
        long generation;

        Action(long provider, String key, Supplier<T> call, Done<T> done) {
            this.provider = provider;
            this.key = key;
            this.call = call;
            this.done = done;
        }

        @Override
        public void run() {
            T answer = null;
            ProviderException error = null;
            try {
                answer = call.get();
            } catch (ProviderException e) {
                error = e;
            } catch (RuntimeException e) {
                error = new ProviderException(ProviderErrorClass.OTHER, "unexpected error: " + e, null, e);
            }
            Instant at = clock.instant();
            boolean throttle = error != null && error.errorClass() == ProviderErrorClass.THROTTLED;
            limiter(provider).release(generation, throttle, throttle ? error.retryAfter() : null, at);
            if (throttle && absorbs(error) && ++throttled <= THROTTLE_RETRIES && !closed) {
                Duration doubling = FIRST_RETRY.multipliedBy(1L << Math.min(10, throttled - 1));
                retryLater(this, error.retryAfter() != null ? error.retryAfter()
                        : doubling.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubling);
                return;
            }
            dispatch(provider); // the freed slot serves the next call while this one's result is written
            try {
                done.accept(answer, error, at);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "writing the result of " + key + " failed: " + e.getMessage(), e);
            } finally {
                finished(this);
            }
        }
    }

    private final Clock clock;
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    private final Map<Long, AimdLimiter> limiters = new HashMap<>();
    private final Map<Long, Deque<Action<?>>> queues = new HashMap<>();
    private final Set<String> keys = new HashSet<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile LongConsumer wake = id -> { };
    private volatile boolean closed;

    /** @param threads the most calls in flight across all providers */
    public Actuator(Clock clock, int threads) {
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> daemon(r, "skyhold-actuator-" + n.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "skyhold-actuator-timer"));
    }

    /**
     * Queues a call to provider {@code provider}, whose limit of calls in flight is {@code maxInFlight}. The id
     * names the call's lane: a provider's id, 0 for destroys of agents without a provider, a zone's id negated for
     * its sweeps ({@link Sweeper}).
     *
     * @return false when an action with this key is already queued or in flight (nothing is queued)
     */
    public <T> boolean submit(long provider, int maxInFlight, String key, Supplier<T> call, Done<T> done) {
        synchronized (this) {
            if (closed || !keys.add(key)) {
                return false;
            }
            limiters.computeIfAbsent(provider, p -> new AimdLimiter(maxInFlight)).setMax(maxInFlight);
            queues.computeIfAbsent(provider, p -> new ArrayDeque<>()).addLast(new Action<>(provider, key, call, done));
            outstanding.incrementAndGet();
        }
        dispatch(provider);
        return true;
    }

    /** Whether an action with this key is queued or in flight. */
    public synchronized boolean busy(String key) {
        return keys.contains(key);
    }

    /** Asks for another pass of the zone (a failed action's completion wants the next provider to take over). */
    public void wake(long zoneId) {
        wake.accept(zoneId);
    }

    /** Who {@link #wake} calls: the executor loop. */
    public void onWake(LongConsumer wake) {
        this.wake = wake;
    }

    /** The provider's limiter (created at its first action). */
    public synchronized AimdLimiter limiter(long provider) {
        return limiterLocked(provider);
    }

    /** Actions queued or in flight, completions included. */
    public int outstanding() {
        return outstanding.get();
    }

    /** Waits until no action is queued or in flight; false when {@code timeout} passed first. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (outstanding) {
            while (outstanding.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                outstanding.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        return true;
    }

    private AimdLimiter limiterLocked(long provider) {
        return limiters.computeIfAbsent(provider, p -> new AimdLimiter(VmProviderSettings.DEFAULT_MAX_CONCURRENT_CALLS));
    }

    private void dispatch(long provider) {
        Instant resumeAt = null;
        synchronized (this) {
            Deque<Action<?>> queue = queues.get(provider);
            AimdLimiter limiter = limiterLocked(provider);
            while (!closed && queue != null && !queue.isEmpty()) {
                long generation = limiter.tryAcquire(clock.instant());
                if (generation < 0) {
                    resumeAt = limiter.pausedUntil(clock.instant());
                    break;
                }
                Action<?> next = queue.pollFirst();
                next.generation = generation;
                pool.execute(() -> {
                    next.run();
                    dispatch(provider);
                });
            }
        }
        if (resumeAt != null) {
            long ms = Math.max(1, Duration.between(clock.instant(), resumeAt).toMillis());
            timer.schedule(() -> dispatch(provider), ms, TimeUnit.MILLISECONDS);
        }
    }

    private static boolean absorbs(ProviderException e) {
        return e.retryAfter() == null || e.retryAfter().compareTo(MAX_ABSORBED_WAIT) <= 0;
    }

    /** Puts a throttled action back at the head of its provider's queue once {@code delay} has passed. */
    private void retryLater(Action<?> action, Duration delay) {
        long ms = Math.max(1, delay.toMillis());
        timer.schedule(() -> {
            synchronized (this) {
                queues.get(action.provider).addFirst(action);
            }
            dispatch(action.provider);
        }, ms, TimeUnit.MILLISECONDS);
    }

    private void finished(Action<?> action) {
        synchronized (this) {
            keys.remove(action.key);
        }
        synchronized (outstanding) {
            outstanding.decrementAndGet();
            outstanding.notifyAll();
        }
    }

    /** Stops taking actions; queued ones are dropped (their rows stay for the next manager to resolve). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            queues.values().forEach(Deque::clear);
        }
        timer.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(15, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
