package org.skyhold.web.view;

/** One window in a zone's schedule list, every value already worded for the operator. */
public record ScheduleRow(long id, String name, String days, String hours, String timeZone, String standby,
                         String lead, boolean drainAtEnd, String staged) {
}
