package org.skyhold.app.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.port.EventRepository;

/**
 * Writes "who changed what" events for settings. Only field names reach the event, never values, so a secret
 * cannot leak into the decision log.
 */
public final class SettingsEvents {
    private final EventRepository events;
    private final Clock clock;
    private final ObjectMapper json;
    private final java.util.function.LongConsumer onZoneChange;

    public SettingsEvents(EventRepository events, Clock clock, ObjectMapper json) {
        this(events, clock, json, zoneId -> { });
    }

    /** @param onZoneChange told the zone of every change that has one, so its loop reacts at once */
    public SettingsEvents(EventRepository events, Clock clock, ObjectMapper json,
                          java.util.function.LongConsumer onZoneChange) {
        this.events = events;
        this.clock = clock;
        this.json = json;
        this.onZoneChange = onZoneChange;
    }

    /** Records {@code actor} doing {@code verb} to {@code what}; {@code fields} are the names that changed. */
    public void record(Long zoneId, String actor, String kind, String verb, String what, List<String> fields) {
        String reason = actor + " " + verb + " " + what + (fields.isEmpty() ? "" : ": " + String.join(", ", fields));
        ObjectNode data = json.createObjectNode();
        data.putPOJO("fields", fields);
        events.append(new Event(0, clock.instant(), zoneId, null, kind, actor, reason, data.toString()));
        if (zoneId != null) {
            onZoneChange.accept(zoneId);
        }
    }
}
