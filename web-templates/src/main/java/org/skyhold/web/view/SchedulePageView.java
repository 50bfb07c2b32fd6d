package org.skyhold.web.view;

import java.util.List;

/**
 * The page that adds or changes one window of a zone. {@code windowId} is null for a new window; {@code fields}
 * are the inputs other than the days (name, start, end, time zone, standby, lead, drain at end, one
 * {@code staged_<image id>} per image the zone stages); {@code daysError} is the refusal of the days, or null.
 */
public record SchedulePageView(
        PageContext page,
        long zoneId,
        String zoneName,
        Long windowId,
        String action,
        String submitLabel,
        List<DayChoice> days,
        String daysError,
        List<FormField> fields,
        List<String> errors,
        List<String> timeZones,
        WeekView week) {

    public boolean hasErrors() {
        return daysError != null || !errors.isEmpty() || fields.stream().anyMatch(f -> f.error() != null);
    }
}
