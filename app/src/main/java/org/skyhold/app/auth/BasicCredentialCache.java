package org.skyhold.app.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.skyhold.domain.model.User;

/**
 * Remembers, for five minutes, that a Basic password was verified against a given stored hash, so a script
 * polling the API pays the slow PBKDF2 once, not per request. Only a SHA-256 of hash and password is kept,
 * and a password change clears it.
 */
final class BasicCredentialCache {
    private static final Duration TTL = Duration.ofMinutes(5);
    private final ConcurrentHashMap<String, Instant> verified = new ConcurrentHashMap<>();

    boolean known(User user, String password, Instant now) {
        Instant until = verified.get(key(user, password));
        return until != null && now.isBefore(until);
    }

    void remember(User user, String password, Instant now) {
        if (verified.size() > 1000) {
            verified.clear();
        }
        verified.put(key(user, password), now.plus(TTL));
    }

    void clear() {
        verified.clear();
    }

    private static String key(User user, String password) {
        return Tokens.hash(user.passwordHash() + "\u0000" + password);
    }
}
