package org.skyhold.app.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.skyhold.app.settings.NotFoundException;
import org.skyhold.app.settings.SettingsEvents;
import org.skyhold.app.settings.ValidationException;
import org.skyhold.domain.model.ApiKey;
import org.skyhold.domain.model.ApiScope;
import org.skyhold.domain.port.ApiKeyRepository;

/**
 * API keys for scripts. A key reads {@code sk_PREFIX_SECRET}: the prefix finds the row and is shown in lists,
 * the secret is shown once at creation and only its SHA-256 is stored.
 */
public final class ApiKeyService {
    private final ApiKeyRepository keys;
    private final SettingsEvents events;
    private final Clock clock;

    public ApiKeyService(ApiKeyRepository keys, SettingsEvents events, Clock clock) {
        this.keys = keys;
        this.events = events;
        this.clock = clock;
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
        return keys.findByPrefix(prefix)
                .filter(k -> k.revokedAt() == null && Tokens.sameHash(k.keyHash(), Tokens.hash(secret)))
                .map(k -> {
                    Instant now = clock.instant();
                    // at most one write a second per key: the time is shown to the second, and a write on every
                    // request would queue all of a platform's concurrent requests on this one row and its flush
                    if (k.lastUsedAt() == null || !now.isBefore(k.lastUsedAt().plusSeconds(1))) {
                        keys.touch(k.id(), now);
                    }
                    return new Actor("api-key:" + k.name(), 0, Actor.Via.API_KEY, null, k.scope());
                });
    }
}
