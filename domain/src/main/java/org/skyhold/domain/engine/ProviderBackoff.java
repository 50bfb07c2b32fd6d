package org.skyhold.domain.engine;

import java.time.Duration;
import java.time.Instant;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.ProviderHealth;
import org.skyhold.domain.provider.ProviderException;

/**
 * How long a provider rests after a failure, by error class: capacity and quota 5 minutes doubling to 30;
 * throttled as long as the cloud asked (30 s when it did not say); auth and bad configuration until the settings
 * change (saving a provider clears its health); anything else 1 minute doubling to 10.
 */
public final class ProviderBackoff {
    /** Far enough to mean "until someone changes the settings". */
    static final Duration UNTIL_CHANGED = Duration.ofDays(3650);

    private ProviderBackoff() {
    }

    public static ProviderHealth afterFailure(ProviderHealth before, ProviderException e, Instant now) {
        int level = before.level() + 1;
        Duration wait = switch (e.errorClass()) {
            case CAPACITY, QUOTA -> doubling(Duration.ofMinutes(5), level, Duration.ofMinutes(30));
            case THROTTLED -> e.retryAfter() != null ? e.retryAfter() : Duration.ofSeconds(30);
            case AUTH, BAD_CONFIG -> UNTIL_CHANGED;
            case OTHER -> doubling(Duration.ofMinutes(1), level, Duration.ofMinutes(10));
        };
        return new ProviderHealth(now.plus(wait), level, e.errorClass(), e.getMessage());
    }

    /** Whether an error class waits for a settings change rather than for time. */
    public static boolean waitsForSettings(ProviderErrorClass c) {
        return c == ProviderErrorClass.AUTH || c == ProviderErrorClass.BAD_CONFIG;
    }

    private static Duration doubling(Duration first, int level, Duration max) {
        Duration d = first.multipliedBy(1L << Math.min(10, level - 1));
        return d.compareTo(max) > 0 ? max : d;
    }
}
