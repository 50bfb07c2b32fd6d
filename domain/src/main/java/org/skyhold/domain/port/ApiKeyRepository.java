package org.skyhold.domain.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.ApiKey;
import org.skyhold.domain.model.ApiScope;

/** Stores API keys (hashes only). Blocking; failures throw {@link RepositoryException}. */
public interface ApiKeyRepository {
    /** Stores a new key with that scope; {@link DuplicateNameException} when the prefix is taken. */
    ApiKey create(String name, String prefix, String keyHash, ApiScope scope);

    /** The key with that public prefix (revoked or not), or empty. */
    Optional<ApiKey> findByPrefix(String prefix);

    /** All keys, newest first. */
    List<ApiKey> list();

    /** Marks the key revoked at {@code at}; false when missing or already revoked. */
    boolean revoke(long id, Instant at);

    /** Records a use of the key at {@code at}. */
    void touch(long id, Instant at);
}
