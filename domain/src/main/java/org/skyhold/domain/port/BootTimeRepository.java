package org.skyhold.domain.port;

import java.time.Duration;
import java.util.Map;

/** Measured boot times, read from the agents' history. Blocking; failures throw {@link RepositoryException}. */
public interface BootTimeRepository {
    /** How many of a provider's newest checked-in agents the median is taken over. */
    int RECENT = 20;

    /**
     * For each VM provider of the zone with at least one agent that checked in: the median time from the agent's
     * row being written (the create ordered) to its check-in (running), over its {@link #RECENT} newest such
     * agents. Providers without one are left out.
     */
    Map<Long, Duration> medianBootTimes(long zoneId);
}
