package org.skyhold.domain.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.skyhold.domain.model.Capacity;
import org.skyhold.domain.model.PlacedAgent;
import org.skyhold.domain.model.PlacementView;
import org.skyhold.domain.model.Session;

/** Stores sessions. Blocking; failures throw {@link RepositoryException}. */
public interface SessionRepository {
    /**
     * Places the session on its agent: in one transaction, adds its reservation to the agent's load only if the
     * agent is running and the load stays within {@code limit} in every dimension, then stores the session.
     *
     * @param limit the agent's effective capacity (the zone's overrides applied)
     * @return false when the agent has no such room any more (nothing stored)
     */
    boolean place(Session session, Capacity limit);

    /**
     * Reads, in one snapshot, what a batch of placements in the zone decides on: the zone's placement settings, the
     * reservation of each of {@code imageIds} that exists, which of those have a ready staged session in the zone
     * at {@code at} ({@link #readyStaged}'s meaning), and the zone's candidate agents: running, an autoscaled one
     * only once it has its instance id, each with its effective capacity (a zone override replaces an autoscaled
     * agent's reported size; the memory override is in GB) and its reserved load.
     *
     * @return {@link PlacementView#NO_ZONE} when there is no such zone
     */
    PlacementView placementView(long zoneId, Set<Long> imageIds, Instant at);

    /**
     * Stores new sessions, each on the agent it names with its reservation, in one transaction, agent by agent: an
     * agent's sessions are stored and the sum of their reservations added to its load only if the agent is still
     * running and its load then stays within {@code limits.get(agentId)} in every dimension; an agent without that
     * room any more takes none of its sessions, and the others are stored all the same. Never over-commits an
     * agent, whatever runs concurrently; agents are locked in id order, so concurrent batches cannot deadlock.
     *
     * @param limits each agent's effective capacity, as {@link #placementView} read it
     * @return the agents that took their sessions, with their reachable addresses; empty when none did
     */
    List<PlacedAgent> placeAll(List<Session> sessions, Map<String, Capacity> limits);

    /**
     * Hands the oldest ready staged session of the image to a user: it becomes active, with the user's name and
     * {@code at} as claim time. Ready means unexpired and on a running agent: the claim holds the agent's row
     * against a concurrent change of state until it commits, so a session is never claimed on an agent that has
     * left {@code running}. Concurrent claims never get the same session.
     */
    Optional<Session> claimStaged(long zoneId, long imageId, String userName, Instant at);

    /** Staged sessions of the zone that have not expired at {@code at} and sit on a running agent, per image id. */
    Map<Long, Integer> readyStaged(long zoneId, Instant at);

    /**
     * Staged sessions of the zone whose agent is not running (missing, dead, draining, destroying ...), oldest
     * first: they can no longer be claimed, so the engine ends them and stages again elsewhere.
     */
    List<Session> stagedOffRunning(long zoneId);

    /** Staged sessions of the zone whose expiry is at or before {@code at}. */
    List<Session> expiredStaged(long zoneId, Instant at);

    /** The session, or empty. */
    Optional<Session> find(String id);

    /** Sessions of the zone that have not ended, oldest first. */
    List<Session> listOpenByZone(long zoneId);

    /** Sessions of the agent that have not ended, oldest first. */
    List<Session> listOpenByAgent(String agentId);

    /**
     * How many sessions that have not ended each of {@code agentIds} holds, in one read: the agents page counts
     * them for every agent it lists, and one query per agent would not do at thousands of agents. Only the given
     * agents' open sessions are read. Agents holding none are absent.
     */
    java.util.Map<String, Integer> countOpenByAgent(java.util.Collection<String> agentIds);

    /**
     * Ends the session at {@code at} and gives its reservation back to its agent, in one transaction; false
     * when it does not exist or had already ended.
     */
    boolean end(String id, Instant at);
}
