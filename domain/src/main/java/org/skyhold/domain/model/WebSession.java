package org.skyhold.domain.model;

import java.time.Instant;

/**
 * A signed-in browser. Only the hash of the cookie's token is stored; {@code csrfToken} is what every form of
 * this session must send back.
 */
public record WebSession(String tokenHash, long userId, String csrfToken, Instant createdAt, Instant expiresAt) {
}
