package org.skyhold.domain.schedule;

import java.time.Instant;

/** One opening of a window: from {@code start} (inclusive) to {@code end} (exclusive). */
public record Occurrence(ScheduleWindow window, Instant start, Instant end) {
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
