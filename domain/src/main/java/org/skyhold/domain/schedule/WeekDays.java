package org.skyhold.domain.schedule;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The wire names of week days ({@code mon} ... {@code sun}), the one place they are spelled. */
public final class WeekDays {
    private WeekDays() {
    }

    /** {@code mon} for Monday. */
    public static String name(DayOfWeek d) {
        return d.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    /** The day a wire name stands for; empty for anything else. */
    public static Optional<DayOfWeek> parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (name(d).equals(t)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The days' names in week order, Monday first. */
    public static List<String> names(Collection<DayOfWeek> days) {
        List<String> out = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            if (days.contains(d)) {
                out.add(name(d));
            }
        }
        return out;
    }
}
