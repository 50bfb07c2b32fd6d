package org.skyhold.domain.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one clock of the engine's tests: it stands still until the test moves it, so every "now" a test passes to
 * the engine, and every instant a fake provider or the actuator reads, is the one the test chose. Thread-safe.
 */
public final class TestClock extends Clock {
    /** Where every kit test starts unless it says otherwise. */
    public static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    private volatile Instant now;

    private TestClock(Instant start) {
        this.now = start;
    }

    /** A clock standing at {@link #T0}. */
    public static TestClock start() {
        return new TestClock(T0);
    }

    /** A clock standing at {@code start}. */
    public static TestClock at(Instant start) {
        return new TestClock(start);
    }

    /** The current instant (the same as {@link #instant()}, named for reading as a sentence in tests). */
    public Instant now() {
        return now;
    }

    /** Moves the clock forward by {@code d} and returns the new instant. */
    public synchronized Instant advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("a test clock only moves forward, not by " + d);
        }
        now = now.plus(d);
        return now;
    }

    /** Moves the clock forward by {@code seconds} and returns the new instant. */
    public Instant advanceSeconds(long seconds) {
        return advance(Duration.ofSeconds(seconds));
    }

    /** Sets the clock to {@code at} (which may be earlier, to play a manager whose clock is behind). */
    public void set(Instant at) {
        now = at;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
