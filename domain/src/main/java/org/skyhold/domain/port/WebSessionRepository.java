package org.skyhold.domain.port;

import java.time.Instant;
import java.util.Optional;
import org.skyhold.domain.model.WebSession;

/** Stores signed-in browsers. Blocking; failures throw {@link RepositoryException}. */
public interface WebSessionRepository {
    /** Stores a new session. */
    void create(WebSession session);

    /** The session with that token hash if it has not expired at {@code now}, or empty. */
    Optional<WebSession> find(String tokenHash, Instant now);

    /** Ends one session; a no-op when it does not exist. */
    void delete(String tokenHash);

    /** Ends every session of the user (after a password change). */
    void deleteByUser(long userId);

    /** Removes sessions that expired before {@code now}; returns how many. */
    int deleteExpired(Instant now);
}
