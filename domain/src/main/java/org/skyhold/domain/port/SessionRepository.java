package org.skyhold.domain.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.skyhold.domain.model.PlacementRequest;
import org.skyhold.domain.model.PlacementResult;
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
    boolean place(Session session, org.skyhold.domain.model.Capacity limit);

    /**
     * Places a new session on the best agent of its zone, as one atomic statement (one round trip to the database):
     * reads the zone's settings and the image's reservation, picks among the zone's running agents with room for it
     * in every dimension (room counted against effective capacity: for an autoscaled agent a zone override replaces
     * the reported size; an autoscaled agent without its instance id is no candidate) the first in placement order
     * (static agents first when the zone prioritizes them, then the fullest for {@code most_loaded} or the emptiest
     * for {@code least_loaded}, by free cores, then free memory, then id), adds the reservation to it and stores the
     * session. Never over-commits an agent, whatever runs concurrently.
     *
     * @param waitForBusy false: agents a concurrent placement is writing are passed over, so concurrent requests
     *                    spread over the next best agents instead of queueing on one; true: such agents are waited
     *                    for and their room checked again, so the answer is {@code NO_ROOM} only when no agent has
     *                    room (callers ask this way after a {@code NO_ROOM} of the other)
     * @return {@code PLACED} with the session and the agent's reachable address; {@code NO_ZONE} or
     *         {@code NO_IMAGE}; {@code STAGED_READY} (nothing placed) when the request asks so and the zone holds a
     *         ready staged session of the image ({@link #readyStaged}'s meaning); else {@code NO_ROOM}
     */
    PlacementResult placeBest(PlacementRequest request, boolean waitForBusy);

    /**
     * Hands the oldest ready staged session of the image to a user: it becomes active, with the user's name and
     * {@code at} as claim time. Ready means unexpired and on a running agent: the claim holds the agent's row
     * against a concurrent change of state until it commits, so a session is never claimed on an agent that has
     * left {@code running}. Concurrent claims never get the same session.
     */
    Optional<Session> claimStaged(long zoneId, long imageId, String userName, Instant at);

    /** Staged sessions of the zone that have not expired at {@code at} and sit on a running agent, per image id. */
    java.util.Map<Long, Integer> readyStaged(long zoneId, Instant at);

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
