package org.skyhold.domain.port;

import java.time.Instant;
import java.util.List;
import org.skyhold.domain.model.Event;

/** The decision log. Blocking; failures throw {@link RepositoryException}. */
public interface EventRepository {
    /** Appends the event and returns it with its id. */
    Event append(Event event);

    /**
     * Events newest first ({@code at} descending, then id descending), at most {@code limit}, optionally only of
     * one zone, agent or kind (null means any). When {@code beforeId} is not null only the events that follow event
     * {@code beforeId} in that order are listed, so paging by the last id seen walks every event exactly once even
     * where ids and times disagree (clocks of two managers, appends racing); if that event is not stored, those
     * with a smaller id.
     */
    List<Event> list(Long zoneId, String agentId, String kind, Long beforeId, int limit);

    /**
     * The agent's lifecycle: its events whose kind starts with {@code agent.}, oldest first ({@code at}, then id),
     * at most {@code limit}. Read apart from {@link #list} so that however many other events the agent has (its
     * sessions'), the timeline still begins with its creation; costs about {@code limit} index entries.
     */
    List<Event> lifecycle(String agentId, int limit);

    /**
     * Every kind that at least one stored event has, each once, in ascending order (for a filter's choices). Costs
     * about one index lookup per distinct kind, not a read of the whole log, so it may be called on every page view.
     */
    List<String> kinds();

    /**
     * Deletes every event that happened before {@code cutoff}, in batches (so a large backlog never holds one
     * long transaction), and returns how many.
     */
    int deleteOlderThan(Instant cutoff);
}
