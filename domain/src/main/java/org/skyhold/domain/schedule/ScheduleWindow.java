package org.skyhold.domain.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.skyhold.domain.model.Capacity;

/**
 * One standby window of a zone: on each of {@code days} it opens at {@code start} local time in {@code timeZone}
 * and closes at {@code end}; an end at or before the start is on the next day (so {@code 22:00-06:00} is a night
 * and {@code 00:00-00:00} a whole day). Inside, {@code standby} replaces the zone's standby and
 * {@code stagedSessions} (image id to count) replaces the staging count of the images it names.
 * {@code leadMinutes} (0: none) starts the window's scale-up that much ahead of the opening; {@code drainAtEnd}
 * drains surplus busy agents once it closes.
 */
public record ScheduleWindow(
        long id,
        long zoneId,
        String name,
        Set<DayOfWeek> days,
        LocalTime start,
        LocalTime end,
        ZoneId timeZone,
        Capacity standby,
        int leadMinutes,
        boolean drainAtEnd,
        Map<Long, Integer> stagedSessions) {

    public ScheduleWindow {
        days = Set.copyOf(days);
        stagedSessions = Map.copyOf(stagedSessions);
    }

    /** True when the window closes on the day after it opens. */
    public boolean crossesMidnight() {
        return !end.isAfter(start);
    }

    /** The same window under another id (what a save stores). */
    public ScheduleWindow withId(long newId, long newZoneId) {
        return new ScheduleWindow(newId, newZoneId, name, days, start, end, timeZone, standby, leadMinutes, drainAtEnd,
                stagedSessions);
    }
}
