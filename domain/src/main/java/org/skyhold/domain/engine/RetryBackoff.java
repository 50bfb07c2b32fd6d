package org.skyhold.domain.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each of many things (agents, by id) may be tried again: after a failed try the wait starts at
 * {@code first} and doubles up to {@code most}; a success forgets the thing. Held in memory by the manager that
 * tries: after a restart or a change of lease the first try is at once, which costs one call. Thread-safe.
 */
final class RetryBackoff {
    /** A DNS registration refused: tried again after 5 s, 10 s, ... then every 5 minutes until it holds. */
    static final Duration DNS_FIRST = Duration.ofSeconds(5);
    static final Duration DNS_MOST = Duration.ofMinutes(5);

    private record Wait(Duration last, Instant until) {
    }

    private final Duration first;
    private final Duration most;
    private final Map<String, Wait> waits = new ConcurrentHashMap<>();

    RetryBackoff(Duration first, Duration most) {
        this.first = first;
        this.most = most;
    }

    /** True when the thing has no failure still waiting at {@code now}. */
    boolean due(String key, Instant now) {
        Wait w = waits.get(key);
        return w == null || !now.isBefore(w.until());
    }

    /**
     * A try failed at {@code now}: the next waits twice as long as the last wait (at first {@code first}). A failure
     * while a wait is still running is of a try made at the same time by another thread (a check-in's and a pass's),
     * and does not lengthen it.
     */
    void failed(String key, Instant now) {
        waits.compute(key, (k, w) -> {
            if (w != null && now.isBefore(w.until())) {
                return w;
            }
            Duration next = w == null ? first : w.last().multipliedBy(2);
            if (next.compareTo(most) > 0) {
                next = most;
            }
            return new Wait(next, now.plus(next));
        });
    }

    /** A try succeeded, or the thing is gone: the next is due at once. */
    void succeeded(String key) {
        waits.remove(key);
    }
}
