package org.skyhold.domain.engine;

import java.time.Duration;
import java.time.Instant;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.model.ProviderHealth;
import org.skyhold.domain.provider.ProviderException;

/**
 * How long a provider rests after a failure, by error class: capacity and quota 5 minutes doubling to 30;
 * throttled as long as the cloud asked (30 s when it did not say); auth and bad configuration 30 minutes doubling
 * to 6 hours, and until then a settings change cures it at once (saving a provider clears its health); anything
 * else 1 minute doubling to 10. No class rests a provider for good: a cloud error misread as configuration (or a
 * configuration that became valid, an image shared late) must not silently stop a zone.
 */
public final class ProviderBackoff {
    /** The first rest after an auth or configuration error; it doubles per failure up to {@link #CONFIG_MAX}. */
    static final Duration CONFIG_FIRST = Duration.ofMinutes(30);
    static final Duration CONFIG_MAX = Duration.ofHours(6);

    private ProviderBackoff() {
    }

    /**
     * The provider's health after one more failure {@code e} at {@code now}: the count goes up, the rest is the
     * class's (see the class comment), and the cloud's message is kept for the operator.
     */
    public static ProviderHealth afterFailure(ProviderHealth before, ProviderException e, Instant now) {
        int level = before.level() + 1;
        Duration wait = switch (e.errorClass()) {
            case CAPACITY, QUOTA -> doubling(Duration.ofMinutes(5), level, Duration.ofMinutes(30));
            case THROTTLED -> e.retryAfter() != null ? e.retryAfter() : Duration.ofSeconds(30);
            case AUTH, BAD_CONFIG -> doubling(CONFIG_FIRST, level, CONFIG_MAX);
            case OTHER -> doubling(Duration.ofMinutes(1), level, Duration.ofMinutes(10));
        };
        return new ProviderHealth(now.plus(wait), level, e.errorClass(), e.getMessage());
    }

    /**
     * Whether an error class is one a settings change is expected to cure: the provider is tried again when its
     * settings are saved, or else after its (long) backoff.
     */
    public static boolean waitsForSettings(ProviderErrorClass c) {
        return c == ProviderErrorClass.AUTH || c == ProviderErrorClass.BAD_CONFIG;
    }

    private static Duration doubling(Duration first, int level, Duration max) {
        Duration d = first.multipliedBy(1L << Math.min(10, level - 1));
        return d.compareTo(max) > 0 ? max : d;
    }
}
