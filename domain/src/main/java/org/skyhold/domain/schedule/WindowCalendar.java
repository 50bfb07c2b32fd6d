package org.skyhold.domain.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns weekly windows into instants. Local times are resolved by {@code ZonedDateTime.of}, which is how a
 * window's local times hold across a DST change: a time in the skipped hour (spring forward) moves later by the
 * gap, so a window opening at 02:30 on that day opens at 03:30; a time in the repeated hour (fall back) is its
 * first occurrence, so a window ending at 02:30 on that day ends at the first 02:30. An opening that the gap
 * shrinks to nothing (02:00-03:00 in Europe/Berlin on the spring day) does not happen that day.
 */
public final class WindowCalendar {
    /** How far apart in time the overlap check looks: a year and a week, so both DST changes are seen. */
    public static final int OVERLAP_HORIZON_DAYS = 372;

    private WindowCalendar() {
    }

    /** The window's openings that intersect {@code [from, to)}, earliest first. */
    public static List<Occurrence> occurrences(ScheduleWindow w, Instant from, Instant to) {
        LocalDate first = from.atZone(w.timeZone()).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(w.timeZone()).toLocalDate();
        List<Occurrence> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (!w.days().contains(d.getDayOfWeek())) {
                continue;
            }
            Instant start = ZonedDateTime.of(d, w.start(), w.timeZone()).toInstant();
            LocalDate endDay = w.crossesMidnight() ? d.plusDays(1) : d;
            Instant end = ZonedDateTime.of(endDay, w.end(), w.timeZone()).toInstant();
            if (end.isAfter(start) && end.isAfter(from) && start.isBefore(to)) {
                out.add(new Occurrence(w, start, end));
            }
        }
        return out;
    }

    /** Every window's openings that intersect {@code [from, to)}, by start. */
    public static List<Occurrence> occurrences(List<ScheduleWindow> windows, Instant from, Instant to) {
        List<Occurrence> out = new ArrayList<>();
        windows.forEach(w -> out.addAll(occurrences(w, from, to)));
        out.sort(Comparator.comparing(Occurrence::start));
        return out;
    }

    /**
     * The first moment at or after {@code from} (within {@link #OVERLAP_HORIZON_DAYS}) when both windows are open,
     * as the two openings that meet; empty when they never overlap. Windows in different time zones are compared
     * in time, so a DST change that makes them meet is found.
     */
    public static Optional<Occurrence[]> firstOverlap(ScheduleWindow a, ScheduleWindow b, Instant from) {
        Instant to = from.plus(Duration.ofDays(OVERLAP_HORIZON_DAYS));
        List<Occurrence> as = occurrences(a, from, to);
        List<Occurrence> bs = occurrences(b, from, to);
        int i = 0;
        int j = 0;
        while (i < as.size() && j < bs.size()) {
            Occurrence x = as.get(i);
            Occurrence y = bs.get(j);
            if (x.start().isBefore(y.end()) && y.start().isBefore(x.end())) {
                return Optional.of(new Occurrence[] {x, y});
            }
            if (x.end().isAfter(y.end())) {
                j++;
            } else {
                i++;
            }
        }
        return Optional.empty();
    }
}
