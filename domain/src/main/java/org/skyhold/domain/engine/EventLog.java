package org.skyhold.domain.engine;

import java.time.Instant;
import org.skyhold.domain.model.Event;
import org.skyhold.domain.port.EventRepository;

/**
 * The engine's side of the decision log: every action and every refusal, with its reason. When several managers
 * share a database, each event's data names the manager that recorded it ({@code {"manager": "..."}}), so the log
 * shows which one acted on a zone and when the zone passed to another.
 */
public final class EventLog {
    private final EventRepository events;
    private final String dataJson;

    /** A log whose events carry no manager (tests and tools that act without a manager). */
    public EventLog(EventRepository events) {
        this(events, null);
    }

    /** A log whose events name {@code managerId} in their data; null for none. */
    public EventLog(EventRepository events, String managerId) {
        this.events = events;
        this.dataJson = managerId == null ? "{}" : "{\"manager\":" + jsonString(managerId) + "}";
    }

    public void record(Instant at, Long zoneId, String agentId, String kind, String reason) {
        events.append(new Event(0, at, zoneId, agentId, kind, "system", reason, dataJson));
    }

    /** A JSON string literal of {@code s}: quotes, backslashes and control characters escaped. */
    static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
