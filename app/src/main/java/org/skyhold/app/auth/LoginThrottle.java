package org.skyhold.app.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Slows down password guessing, in bounded memory. Failures are counted twice: per (user name, client address),
 * where after {@value #FREE_FAILURES} failures each further attempt must wait twice as long as the last (1 s, 2 s,
 * 4 s ... up to 5 minutes); and per client address alone, with {@value #FREE_ADDRESS_FAILURES} free failures
 * before the same doubling, so one address cannot try many names either. Counting by address (never by name
 * alone) means a flood from one address never locks the admin out from another.
 *
 * <p>Both counts live in size-capped caches whose entries expire {@link #FORGET_AFTER} after their last failure,
 * so a flood of random names costs at most {@link #MAX_ENTRIES} entries per cache. Eviction can forgive a
 * count early under a flood; that trades a little strictness for memory that cannot run out. A restart forgives
 * too, which is acceptable for a rate limit. The address is {@link org.skyhold.app.web.ClientAddress}'s.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final int FREE_ADDRESS_FAILURES = 20;
    static final int MAX_ENTRIES = 10_000;
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    private static final long MAX_WAIT_SECONDS = 300;

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Cache<String, Failures> byAccount = newCache();
    private final Cache<String, Failures> byAddress = newCache();

    private static Cache<String, Failures> newCache() {
        // maintenance on the calling thread: the cap holds the moment failed() returns, not when a pool gets to it
        return Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(FORGET_AFTER)
                .executor(Runnable::run).build();
    }

    /** How long the caller must still wait before trying again; zero when it may try now. */
    public Duration waitBefore(String username, String address, Instant now) {
        Duration account = remaining(byAccount.getIfPresent(key(username, address)), now);
        Duration whole = remaining(byAddress.getIfPresent(address), now);
        return account.compareTo(whole) >= 0 ? account : whole;
    }

    /** Counts a failed sign-in of {@code username} from {@code address}. */
    public void failed(String username, String address, Instant now) {
        byAccount.asMap().compute(key(username, address), (k, f) -> next(f, FREE_FAILURES, now));
        byAddress.asMap().compute(address, (k, f) -> next(f, FREE_ADDRESS_FAILURES, now));
    }

    /** Forgets the failures of this name from this address, and the address's own count. */
    public void succeeded(String username, String address) {
        byAccount.invalidate(key(username, address));
        byAddress.invalidate(address);
    }

    /** How many counts are held now (both caches), for tests and capacity checks. */
    public long entries() {
        byAccount.cleanUp();
        byAddress.cleanUp();
        return byAccount.estimatedSize() + byAddress.estimatedSize();
    }

    private static Failures next(Failures f, int free, Instant now) {
        int count = f == null ? 1 : f.count() + 1;
        Instant until = count < free ? null
                : now.plusSeconds(Math.min(MAX_WAIT_SECONDS, 1L << Math.min(20, count - free)));
        return new Failures(count, until);
    }

    private static Duration remaining(Failures f, Instant now) {
        if (f == null || f.lockedUntil() == null || !now.isBefore(f.lockedUntil())) {
            return Duration.ZERO;
        }
        return Duration.between(now, f.lockedUntil());
    }

    private static String key(String username, String address) {
        // the name is capped so a megabyte-long "user name" cannot make one entry large
        String name = username.length() > 200 ? username.substring(0, 200) : username;
        return name.toLowerCase(Locale.ROOT) + "|" + address;
    }
}
