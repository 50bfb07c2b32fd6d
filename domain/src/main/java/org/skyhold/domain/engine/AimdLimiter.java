package org.skyhold.domain.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * How many calls one provider may have in flight: additive increase, multiplicative decrease (AIMD, as TCP and
 * the AWS SDK's adaptive retry pace themselves). A throttled answer halves the limit (never below 1) and pauses
 * new calls until the cloud's Retry-After; a window of successes (as many as the limit) raises it by one, up to
 * the configured maximum. Only the first throttle of calls started under one limit lowers it: the calls already
 * in flight when the cloud said "slow down" were sent before anyone could listen. Thread-safe.
 */
public final class AimdLimiter {
    private int max;
    private int limit;
    private int inFlight;
    private int successes;
    private long generation;
    private Instant pausedUntil = Instant.MIN;

    public AimdLimiter(int max) {
        this.max = Math.max(1, max);
        this.limit = this.max;
    }

    /**
     * Takes a slot when one is free and no pause is on.
     *
     * @return the generation to hand back to {@link #release}, or -1 when the caller must wait
     */
    public synchronized long tryAcquire(Instant now) {
        if (inFlight >= limit || now.isBefore(pausedUntil)) {
            return -1;
        }
        inFlight++;
        return generation;
    }

    /** A call that took a slot answered; {@code throttled} when the cloud refused it for its rate. */
    public synchronized void release(long acquiredIn, boolean throttled, Duration retryAfter, Instant now) {
        inFlight = Math.max(0, inFlight - 1);
        if (throttled) {
            if (acquiredIn == generation) {
                limit = Math.max(1, limit / 2);
                successes = 0;
                generation++;
            }
            if (retryAfter != null && now.plus(retryAfter).isAfter(pausedUntil)) {
                pausedUntil = now.plus(retryAfter);
            }
            return;
        }
        if (limit < max && ++successes >= limit) {
            limit++;
            successes = 0;
        }
    }

    /** A call that took a slot was given up before it was sent (no answer to learn from). */
    public synchronized void cancel() {
        inFlight = Math.max(0, inFlight - 1);
    }

    /** The operator changed the maximum: the limit follows at once when lowered, additively when raised. */
    public synchronized void setMax(int newMax) {
        max = Math.max(1, newMax);
        limit = Math.min(limit, max);
    }

    /** When new calls may start again, or null when there is no pause at {@code now}. */
    public synchronized Instant pausedUntil(Instant now) {
        return now.isBefore(pausedUntil) ? pausedUntil : null;
    }

    public synchronized int limit() {
        return limit;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    public synchronized int max() {
        return max;
    }
}
