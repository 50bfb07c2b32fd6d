package org.skyhold.domain.port;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentState;

/** Stores agents. Blocking; failures throw {@link RepositoryException}. */
public interface AgentRepository {
    /** Stores a new agent row exactly as given (the caller chose its id). */
    Agent insert(Agent agent);

    /** The agent, or empty. */
    Optional<Agent> find(String id);

    /** The zone's agents in the given states (all states when {@code states} is empty), oldest first. */
    List<Agent> listByZone(long zoneId, Set<AgentState> states);

    /** Every agent in the given states (all when empty), oldest first. */
    List<Agent> list(Set<AgentState> states);

    /** Overwrites the stored agent with this one (matched by id); false when it does not exist. */
    boolean update(Agent agent);
}
