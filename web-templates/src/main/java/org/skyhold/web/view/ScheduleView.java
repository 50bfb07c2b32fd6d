package org.skyhold.web.view;

import java.util.List;

/**
 * The schedule section of a zone page: {@code summary} is what is in force now and the next change ("standby 32
 * cores until 18:00 Europe/Berlin, then 4"), {@code inForce} the window's name (null: the zone's own values).
 */
public record ScheduleView(long zoneId, String summary, String inForce, WeekView week, List<ScheduleRow> rows) {
}
