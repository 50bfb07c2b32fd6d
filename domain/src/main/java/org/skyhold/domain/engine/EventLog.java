package org.skyhold.domain.engine;

import java.time.Instant;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.port.EventRepository;

/** The engine's side of the decision log: every action and every refusal, with its reason. */
public final class EventLog {
    private final EventRepository events;

    public EventLog(EventRepository events) {
        this.events = events;
    }

    public void record(Instant at, Long zoneId, String agentId, String kind, String reason) {
        events.append(Event.of(at, zoneId, agentId, kind, "system", reason));
    }
}
