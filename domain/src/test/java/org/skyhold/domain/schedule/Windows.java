package org.skyhold.domain.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.skyhold.domain.model.Capacity;

/** Test windows, written the way an operator would: name, days, times, zone, standby cores. */
final class Windows {
    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);
    private static long ids;

    private Windows() {
    }

    static ScheduleWindow window(String name, Set<DayOfWeek> days, String start, String end, String zone, int cores) {
        return window(name, days, start, end, zone, cores, 0, false);
    }

    static ScheduleWindow window(String name, Set<DayOfWeek> days, String start, String end, String zone, int cores,
                                 int leadMinutes, boolean drain) {
        return new ScheduleWindow(++ids, 1, name, days, LocalTime.parse(start), LocalTime.parse(end), ZoneId.of(zone),
                new Capacity(cores, 0, 0), leadMinutes, drain, Map.of());
    }
}
