package org.skyhold.domain.model;

import java.time.Instant;

/**
 * A key scripts authenticate with. Only a hash of the secret part is stored; {@code prefix} is the public part
 * used to find the row and to show the key in lists. {@code scope} bounds what the key may do.
 */
public record ApiKey(long id, String name, String prefix, String keyHash, Instant createdAt, Instant lastUsedAt,
                     Instant revokedAt, ApiScope scope) {
}
