package org.skyhold.domain.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.Session;

/** Stores sessions. Blocking; failures throw {@link RepositoryException}. */
public interface SessionRepository {
    /** Stores a new session row exactly as given (the caller chose its id). */
    Session insert(Session session);

    /** The session, or empty. */
    Optional<Session> find(String id);

    /** Sessions of the zone that have not ended, oldest first. */
    List<Session> listOpenByZone(long zoneId);

    /** Sessions of the agent that have not ended, oldest first. */
    List<Session> listOpenByAgent(String agentId);

    /** Ends the session at {@code at}; false when it does not exist or had already ended. */
    boolean end(String id, Instant at);
}
