package org.skyhold.domain.port;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skyhold.domain.model.AgentState;
import org.skyhold.domain.model.DnsFailures;
import org.skyhold.domain.model.DnsStatus;
import org.skyhold.domain.model.OwnedDnsRecord;

/**
 * The DNS records Skyhold registered (its ownership registry) and each agent's registration outcome. Blocking;
 * failures throw {@link RepositoryException}.
 */
public interface DnsRecordRepository {
    /**
     * The states in which an agent's A record is kept registered: every live state but pending (no address yet) and
     * destroying (its record is being deleted).
     */
    Set<AgentState> NAMED_STATES = Collections.unmodifiableSet(EnumSet.of(AgentState.STARTING, AgentState.RUNNING,
            AgentState.DRAINING, AgentState.MISSING, AgentState.DEAD));

    /**
     * Records the intent to make {@code name} hold {@code value} for the agent, before the cloud call: inserts the
     * row of ({@code dnsProviderId}, {@code name}) or overwrites its value, agent and time.
     *
     * @return the row as stored
     */
    OwnedDnsRecord intend(long dnsProviderId, String dnsZone, String name, String value, String agentId, Instant at);

    /** The agent's record now holds {@code value}: the agent is registered and its DNS error is cleared. */
    void registered(String agentId, String value);

    /**
     * The agent's registration failed with {@code error}: it is not registered, and the error is kept.
     *
     * @return true when the agent's registration was not failing before (the outcome changed), false when it was
     */
    boolean failed(String agentId, String error, Instant at);

    /** The agent has no record any more: not registered, no error, and none of its rows remain. */
    void cleared(String agentId);

    /** Every row of the agent, oldest first. */
    List<OwnedDnsRecord> ofAgent(String agentId);

    /** Removes one row (after its record was deleted). */
    void forget(long id);

    /**
     * Rows of the zone's agents that ended (destroyed or failed), written at or before {@code writtenBefore}:
     * records whose owner is gone, for the sweeper.
     */
    List<OwnedDnsRecord> ofEndedAgents(long zoneId, Instant writtenBefore);

    /**
     * Of {@code agentIds}, those of the zone's agents that ended (destroyed or failed) and have no row: their record,
     * if one exists, was written by a registration the registry did not see through (a crash, or one that raced
     * the agent's destroy).
     */
    List<String> endedWithoutRows(long zoneId, Collection<String> agentIds);

    /**
     * The zone's autoscaled agents in one of {@link #NAMED_STATES} whose address (public, else
     * private) is known but whose record does not hold it: never registered, failed, or the address changed since.
     * Oldest first.
     */
    List<String> needingRegistration(long zoneId);

    /** How many of the zone's agents in {@link #NAMED_STATES} have a failing registration, and the newest error. */
    DnsFailures failing(long zoneId);

    /**
     * The registration outcome of each of {@code agentIds} that exists: one read for a whole page of agents. An id
     * with no agent is left out; an agent that was never registered nor failed is {@link DnsStatus#NONE}.
     */
    Map<String, DnsStatus> statusOf(Collection<String> agentIds);
}
