package org.skyhold.domain.port;

import java.util.List;
import org.skyhold.domain.model.Event;

/** The decision log. Blocking; failures throw {@link RepositoryException}. */
public interface EventRepository {
    /** Appends the event and returns it with its id. */
    Event append(Event event);

    /**
     * Events newest first, at most {@code limit}, optionally only of one zone, agent or kind (null means any),
     * and only those with an id below {@code beforeId} when it is not null (for paging).
     */
    List<Event> list(Long zoneId, String agentId, String kind, Long beforeId, int limit);

    /**
     * Every kind that at least one stored event has, each once, in ascending order (for a filter's choices). Costs
     * about one index lookup per distinct kind, not a read of the whole log, so it may be called on every page view.
     */
    List<String> kinds();
}
