package org.skyhold.domain.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.skyhold.domain.model.Capacity;

/**
 * What a zone's schedule says at one moment. {@code window} is the window in force (null: the zone's own values),
 * open until {@code windowEnd}; {@code ramps} are windows whose lead has begun, whose values already count where
 * they are higher; {@code drainAfter} is the drain-at-end window whose closing was the last change (null when
 * none). {@code nextChangeAt} is when the values next change (null: never, or no windows) to {@code nextStandby}.
 * {@code standby} and {@code stagedSessions} (image id to count, for the images the window in force names) are
 * what the planner targets now; {@code stagedAtLeast} are the counts of ramping windows, which raise a count but
 * never lower it.
 */
public record ScheduleNow(
        boolean scheduled,
        ScheduleWindow window,
        Instant windowEnd,
        List<Ramp> ramps,
        ScheduleWindow drainAfter,
        Capacity standby,
        Map<Long, Integer> stagedSessions,
        Map<Long, Integer> stagedAtLeast,
        Instant nextChangeAt,
        Capacity nextStandby,
        ZoneId displayZone) {

    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_HM = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT);

    /** A window whose scale-up has begun ahead of its opening: from {@code from}, {@code lead} before {@code opens}. */
    public record Ramp(ScheduleWindow window, Instant opens, Instant from, Duration lead, Duration bootTime) {
    }

    /** The zone's own values: no window applies (or the zone has none). */
    public static ScheduleNow unscheduled(Capacity standby) {
        return new ScheduleNow(false, null, null, List.of(), null, standby, Map.of(), Map.of(), null, null, null);
    }

    /** How many staged sessions of an image to keep, given the zone's staging config count for it. */
    public int stagedSessions(long imageId, int configured) {
        int n = stagedSessions.getOrDefault(imageId, configured);
        return Math.max(n, stagedAtLeast.getOrDefault(imageId, 0));
    }

    /** The window's name, or null for the zone's own values. */
    public String windowName() {
        return window == null ? null : window.name();
    }

    /**
     * Where the planner's targets come from, for its reasons: {@code window "Office" (until 18:00 Europe/Berlin)},
     * or {@code the zone's own standby (no window in force)}, each with any ramp under way; null when the zone
     * has no windows (the reasons then read as they always did).
     */
    public String source() {
        if (!scheduled) {
            return null;
        }
        StringBuilder b = new StringBuilder(window == null ? "the zone's own standby (no window in force)"
                : "window \"" + window.name() + "\" (until " + local(windowEnd, window.timeZone()) + ")");
        for (Ramp r : ramps) {
            b.append(", ramping up for window \"").append(r.window().name()).append("\" opening at ")
                    .append(local(r.opens(), r.window().timeZone())).append(" (lead ").append(r.lead().toMinutes())
                    .append(" min");
            if (r.bootTime() != null) {
                b.append(", measured boot time ").append(minutes(r.bootTime()));
            }
            b.append(')');
        }
        return b.toString();
    }

    /** "standby 32 cores until 18:00 Europe/Berlin, then 4" for the dashboard; "standby 4 cores" without changes. */
    public String summary(Instant now) {
        String s = "standby " + standby.cores() + " cores" + (standby.gpus() > 0 ? ", " + standby.gpus() + " GPUs" : "")
                + (standby.memoryMb() > 0 ? ", " + standby.memoryMb() + " MB" : "");
        if (nextChangeAt == null) {
            return s;
        }
        boolean sameDay = Duration.between(now, nextChangeAt).toHours() < 24;
        String at = nextChangeAt.atZone(displayZone).format(sameDay ? HM : DAY_HM) + " " + displayZone.getId();
        return s + " until " + at + ", then " + nextStandby.cores();
    }

    static String local(Instant t, ZoneId zone) {
        return t.atZone(zone).format(HM) + " " + zone.getId();
    }

    private static String minutes(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
    }
}
