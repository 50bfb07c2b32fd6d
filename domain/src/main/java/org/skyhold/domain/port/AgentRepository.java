package org.skyhold.domain.port;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.skyhold.domain.model.Agent;
import org.skyhold.domain.model.AgentLoad;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.Capacity;

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

    /** Which agents {@link #listNewest} lists by provider: any, only those without one, or one provider's. */
    enum ProviderFilter { ANY, NONE, ONE }

    /**
     * The newest agents that match every filter, newest first ({@code created_at} descending, then id descending),
     * at most {@code limit}. One query whose cost follows {@code limit} and the zones' agents in the asked states,
     * not the whole history: callers that want to know whether more match ask for one more than they show.
     *
     * @param zoneId only this zone's agents; null for every zone
     * @param provider {@code NONE}: agents without a provider config (static ones, and autoscaled agents whose
     *                 provider was deleted); {@code ONE}: those of {@code providerId}; {@code ANY}: no filter
     * @param providerId the provider for {@code ONE}; ignored otherwise
     * @param states the states to list; all states when empty
     */
    List<Agent> listNewest(Long zoneId, ProviderFilter provider, Long providerId, Set<AgentState> states, int limit);

    /**
     * One page of agents for the API, newest first ({@code created_at} descending, then id descending), at most
     * {@code limit}, optionally of one zone (null: every zone) and in some states (empty: all). When
     * {@code beforeId} is not null only the agents that follow agent {@code beforeId} in that order are listed, so
     * paging by the last id seen walks every agent once while new ones are added; when no agent has that id the
     * page is empty. Costs about {@code limit} index entries per zone, as {@link #listNewest} does.
     */
    List<Agent> listPage(Long zoneId, Set<AgentState> states, String beforeId, int limit);

    /**
     * How many of the zone's agents are in each state, per provider (null: static agents), as one grouped query
     * for dashboards: every agent in a live state, and agents in an end state (failed, destroyed) only when they
     * entered it at or after {@code endedSince}. States and providers without agents are left out.
     */
    List<org.skyhold.domain.model.AgentCount> countByState(long zoneId, java.time.Instant endedSince);

    /** Overwrites the stored agent with this one (matched by id); false when it does not exist. */
    boolean update(Agent agent);

    /**
     * Overwrites the stored agent only while it is in one of {@code from} (a compare-and-set on the state, so a
     * check-in and the executor cannot undo each other's transitions); false when it was not.
     */
    boolean updateIf(Agent agent, Set<AgentState> from);

    /**
     * Takes an idle agent out of service: overwrites the stored agent with this one (its new state, such as
     * {@code destroying}) only while it is in one of {@code from} and holds no session, open or staged, and no
     * reservation. One conditional statement on the agent's row, the row {@link SessionRepository#place} reserves on
     * (and which it requires {@code running}), so of a scale-down and a placement racing for the same agent exactly
     * one wins: either the session is placed and the agent stays, or the agent leaves and the placement moves on.
     *
     * @return false when the agent was not in {@code from} or held a session or reservation (nothing written)
     */
    boolean updateIfIdle(Agent agent, Set<AgentState> from);

    /**
     * {@link #updateIf}, fenced by the zone's lease: one statement that writes only while the agent is in one of
     * {@code from} and the agent's zone's lease row still names {@code managerId} with {@code epoch}, so the
     * answer of a cloud call that outlived its manager's lease cannot overwrite what the new holder decided.
     *
     * @return false when the agent was not in {@code from} or the lease has changed hands (nothing written)
     */
    boolean updateIfLeased(Agent agent, Set<AgentState> from, String managerId, long epoch);

    /**
     * Inserts an autoscaled agent row only while its provider has fewer than {@code maxInstances} live agents,
     * counting and inserting under a lock of the provider's row, so concurrent managers never exceed the cap.
     *
     * @param checkinTokenHash the hash of the agent's one-time check-in token
     * @return false when the provider is at its cap (nothing inserted)
     */
    boolean insertUnderCap(Agent agent, int maxInstances, String checkinTokenHash);

    /**
     * {@link #insertUnderCap} for several agents of one provider in one transaction (one commit for a burst):
     * inserts the first of {@code agents} that fit under the cap, in order, each with its token hash.
     *
     * @return how many were inserted (the first n of {@code agents}); fewer than given when the cap was reached
     */
    int insertAllUnderCap(List<Agent> agents, int maxInstances, List<String> checkinTokenHashes);

    /**
     * Consumes a one-time check-in token: the pending or starting agent holding it becomes running with the
     * reported capacity and the new heartbeat token hash, and the check-in token stops working.
     *
     * @return the agent after check-in, or empty when no agent holds that token (used, unknown, or too late)
     */
    Optional<Agent> checkIn(String checkinTokenHash, Capacity reported, String heartbeatTokenHash,
                            String hostname, String ip, java.time.Instant now);

    /**
     * Records a heartbeat of the agent holding the token; a missing agent becomes running again.
     *
     * @return the agent, or empty for an unknown token or an agent that is no longer live
     */
    Optional<Agent> heartbeat(String heartbeatTokenHash, java.time.Instant now);

    /** What the open sessions of each of the zone's live agents hold. */
    List<org.skyhold.domain.model.AgentLoad> loads(long zoneId);

    /** The zone's live agents, oldest first, and the load of each, as one consistent read. */
    record LiveAgents(List<Agent> agents, List<org.skyhold.domain.model.AgentLoad> loads) {
    }

    /**
     * What {@code listByZone(zoneId, AgentState.LIVE)} and {@link #loads} return, read in one query: the engine
     * reads both on every pass, and at thousands of agents the rows are most of a pass's cost.
     */
    LiveAgents liveWithLoads(long zoneId);

    /**
     * Rows of a zone's agents with their loads, and the mark that a later {@link #changedSince} reads on from. A mark
     * is opaque to callers: only the repository that returned it compares it.
     */
    record MarkedRead(List<Agent> agents, List<AgentLoad> loads, long mark) {
    }

    /**
     * {@link #liveWithLoads}, oldest first, with the mark of this read: the starting point of the next
     * {@link #changedSince}, so a caller can keep the zone in memory and read only what changes.
     */
    MarkedRead liveWithLoadsMarked(long zoneId);

    /**
     * The zone's agents, in any state (an agent that left the live states is how a reader learns it left), whose
     * row or load columns may have been written after the read that returned {@code mark}, each with its load, in
     * no promised order, and the mark to read on from. It never misses a write: every write that the read of
     * {@code mark} did not see is in this answer or, when it commits later, in the next one, however late it commits
     * after it began. It may also return rows that did not change (a caller treats each row as its current value).
     * Rows are deleted only with their zone, and deletions are not reported.
     */
    MarkedRead changedSince(long zoneId, long mark);
}
