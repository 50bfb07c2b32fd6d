package org.skyhold.app.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@value #FREE_FAILURES} failed sign-ins for one user name from one
 * address, each further attempt must wait twice as long as the last (1 s, 2 s, 4 s ... up to 5 minutes). A
 * success clears the count. Kept in memory: a restart forgives, which is acceptable for a rate limit.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    private static final long MAX_WAIT_SECONDS = 300;

    private record Failures(int count, Instant lockedUntil) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    /** How long the caller must still wait before trying again; zero when it may try now. */
    public Duration waitBefore(String username, String address, Instant now) {
        Failures f = failures.get(key(username, address));
        if (f == null || f.lockedUntil() == null || !now.isBefore(f.lockedUntil())) {
            return Duration.ZERO;
        }
        return Duration.between(now, f.lockedUntil());
    }

    public void failed(String username, String address, Instant now) {
        failures.compute(key(username, address), (k, f) -> {
            int count = f == null ? 1 : f.count() + 1;
            Instant until = count < FREE_FAILURES ? null
                    : now.plusSeconds(Math.min(MAX_WAIT_SECONDS, 1L << Math.min(20, count - FREE_FAILURES)));
            return new Failures(count, until);
        });
    }

    public void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private static String key(String username, String address) {
        return username.toLowerCase(java.util.Locale.ROOT) + "|" + address;
    }
}
