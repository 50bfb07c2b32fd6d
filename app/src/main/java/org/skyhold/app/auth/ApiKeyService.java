package org.skyhold.app.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.skyhold.app.settings.NotFoundException;
import org.skyhold.app.settings.SettingsEvents;
import org.skyhold.app.settings.ValidationException;
import org.skyhold.domain.model.ApiKey;
import org.skyhold.domain.model.ApiScope;
import org.skyhold.domain.port.ApiKeyRepository;

/**
 * API keys for scripts. A key reads {@code sk_PREFIX_SECRET}: the prefix finds the row and is shown in lists,
 * the secret is shown once at creation and only its SHA-256 is stored.
 *
 * <p>A platform sends its key with every request, so a found key's row is remembered for at most
 * {@link #REMEMBERED_FOR}: a key revoked here stops working at once (its entry is dropped), one revoked through
 * another manager sharing the database within that bound. Unknown prefixes are not remembered, so a new key works
 * at once everywhere. "Last used" is written at most once per {@link #TOUCH_EVERY} per key.
 */
public final class ApiKeyService {
    /** How long a key read from the database is trusted without reading it again: the bound on revocation. */
    public static final Duration REMEMBERED_FOR = Duration.ofSeconds(5);
    /** The pages show "last used" to the second; a write per request would queue a platform's requests on it. */
    static final Duration TOUCH_EVERY = Duration.ofSeconds(1);
    private static final int MAX_REMEMBERED = 10_000;

    private final ApiKeyRepository keys;
    private final SettingsEvents events;
    private final Clock clock;
    private final Cache<String, ApiKey> byPrefix;
    private final Map<Long, Instant> touched = new ConcurrentHashMap<>();

    public ApiKeyService(ApiKeyRepository keys, SettingsEvents events, Clock clock) {
        this.keys = keys;
        this.events = events;
        this.clock = clock;
        // the service's clock drives the expiry, so a test clock can step past the bound
        this.byPrefix = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).expireAfterWrite(REMEMBERED_FOR)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    /** A new key and its full text, which is never available again. */
    public record Created(ApiKey key, String fullKey) {
    }

    /**
     * A new key with the scope named by {@code scope} ({@code read}, {@code sessions} or {@code admin}).
     *
     * @throws ValidationException naming {@code name} or {@code scope} when either is missing or unknown
     */
    public Created create(String name, String scope, String actor) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw ValidationException.of("name", "is required (up to 100 characters)");
        }
        ApiScope parsed;
        try {
            parsed = ApiScope.parse(scope == null ? "" : scope.trim());
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("scope", "is required and " + e.getMessage());
        }
        String prefix = Tokens.randomId(10);
        String secret = Tokens.random();
        ApiKey key = keys.create(trimmed, prefix, Tokens.hash(secret), parsed);
        events.record(null, actor, "api_key.created", "created " + parsed.wireName() + " API key",
                trimmed + " (sk_" + prefix + ")",
                List.of());
        return new Created(key, "sk_" + prefix + "_" + secret);
    }

    public List<ApiKey> list() {
        return keys.list();
    }

    public void revoke(long id, String actor) {
        ApiKey key = keys.list().stream().filter(k -> k.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("no API key " + id));
        keys.revoke(id, clock.instant());
        byPrefix.invalidate(key.prefix());
        touched.remove(id);
        events.record(null, actor, "api_key.revoked", "revoked API key", key.name() + " (sk_" + key.prefix() + ")",
                List.of());
    }

    /** Who this bearer key belongs to, or empty when it is unknown, malformed or revoked. */
    public Optional<Actor> authenticate(String bearer) {
        if (bearer == null || !bearer.startsWith("sk_")) {
            return Optional.empty();
        }
        int split = bearer.indexOf('_', 3);
        if (split < 0) {
            return Optional.empty();
        }
        String prefix = bearer.substring(3, split);
        String secret = bearer.substring(split + 1);
        // a revocation here waits for a read in progress and then drops what it read: none outlives the revocation
        ApiKey found = byPrefix.get(prefix, p -> keys.findByPrefix(p).filter(k -> k.revokedAt() == null).orElse(null));
        return Optional.ofNullable(found)
                .filter(k -> k.revokedAt() == null && Tokens.sameHash(k.keyHash(), Tokens.hash(secret)))
                .map(k -> {
                    touchIfDue(k);
                    return new Actor("api-key:" + k.name(), 0, Actor.Via.API_KEY, null, k.scope());
                });
    }

    /**
     * Records a use at most once per {@link #TOUCH_EVERY} per key: a write on every request would queue all of a
     * platform's concurrent requests on this one row and its flush. The remembered row's own time is stale, so
     * this manager keeps the time of its last write.
     */
    private void touchIfDue(ApiKey k) {
        Instant now = clock.instant();
        boolean[] due = {false};
        touched.compute(k.id(), (id, last) -> {
            Instant before = last != null ? last : k.lastUsedAt();
            if (before != null && now.isBefore(before.plus(TOUCH_EVERY))) {
                return last;
            }
            due[0] = true;
            return now;
        });
        if (due[0]) {
            keys.touch(k.id(), now);
        }
    }
}
