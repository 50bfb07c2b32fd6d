package org.skyhold.domain.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.skyhold.domain.model.Capacity;

/**
 * A zone's windows and its providers' measured boot time (null: not measured yet), and the rule for which values
 * are in force at a moment. Windows never overlap (refused at save), so at most one is in force; outside every
 * window the zone's own values apply. A window with a lead starts counting {@code max(lead, boot time)} before it
 * opens, where its values are higher than those in force, so agents ordered then are running at the opening.
 */
public record ZoneSchedule(List<ScheduleWindow> windows, Duration bootTime) {
    /** The longest a ramp may start ahead of its window, whatever the boot time says. */
    public static final Duration MAX_LEAD = Duration.ofHours(12);
    public static final ZoneSchedule NONE = new ZoneSchedule(List.of(), null);
    /** How far ahead the next change is looked for: a week and a day covers every weekly window. */
    private static final Duration LOOKAHEAD = Duration.ofDays(8);

    public ZoneSchedule {
        windows = List.copyOf(windows);
    }

    /** How far ahead of its opening the window's scale-up starts: zero without a lead. */
    public Duration lead(ScheduleWindow w) {
        if (w.leadMinutes() <= 0) {
            return Duration.ZERO;
        }
        Duration lead = Duration.ofMinutes(w.leadMinutes());
        if (bootTime != null && bootTime.compareTo(lead) > 0) {
            lead = bootTime;
        }
        return lead.compareTo(MAX_LEAD) > 0 ? MAX_LEAD : lead;
    }

    /** What is in force at {@code now}, with the next change, given the zone's own standby. */
    public ScheduleNow at(Capacity zoneStandby, Instant now) {
        if (windows.isEmpty()) {
            return ScheduleNow.unscheduled(zoneStandby);
        }
        ScheduleNow here = valuesAt(zoneStandby, now);
        Instant next = null;
        for (Instant t : boundaries(now)) {
            ScheduleNow then = valuesAt(zoneStandby, t);
            if (!sameValues(here, then)) {
                next = t;
                ScheduleNow later = then;
                ZoneId zone = here.window() != null ? here.window().timeZone()
                        : later.window() != null ? later.window().timeZone()
                        : later.ramps().isEmpty() ? windows.get(0).timeZone() : later.ramps().get(0).window().timeZone();
                return new ScheduleNow(true, here.window(), here.windowEnd(), here.ramps(), here.drainAfter(),
                        here.standby(), here.stagedSessions(), here.stagedAtLeast(), next, later.standby(), zone);
            }
        }
        return here;
    }

    private ScheduleNow valuesAt(Capacity zoneStandby, Instant now) {
        Instant from = now.minus(Duration.ofDays(2));
        Instant to = now.plus(MAX_LEAD).plus(Duration.ofDays(1));
        List<Occurrence> all = WindowCalendar.occurrences(windows, from, to);
        Occurrence current = null;
        Occurrence lastEnded = null;
        List<ScheduleNow.Ramp> ramps = new ArrayList<>();
        for (Occurrence o : all) {
            if (o.contains(now)) {
                current = o;
            } else if (o.start().isAfter(now) && !now.isBefore(o.start().minus(lead(o.window())))) {
                ramps.add(new ScheduleNow.Ramp(o.window(), o.start(), o.start().minus(lead(o.window())),
                        lead(o.window()), bootTime));
            }
            if (!o.end().isAfter(now) && (lastEnded == null || o.end().isAfter(lastEnded.end()))) {
                lastEnded = o;
            }
        }
        Capacity standby = current == null ? zoneStandby : current.window().standby();
        Map<Long, Integer> staged = current == null ? Map.of() : current.window().stagedSessions();
        Map<Long, Integer> atLeast = new HashMap<>();
        for (ScheduleNow.Ramp r : ramps) {
            Capacity s = r.window().standby();
            standby = new Capacity(Math.max(standby.cores(), s.cores()), Math.max(standby.gpus(), s.gpus()),
                    Math.max(standby.memoryMb(), s.memoryMb()));
            r.window().stagedSessions().forEach((image, n) -> atLeast.merge(image, n, Math::max));
        }
        ScheduleWindow drain = null;
        if (lastEnded != null && lastEnded.window().drainAtEnd()) {
            Instant endedAt = lastEnded.end();
            boolean openedSince = all.stream().anyMatch(o -> o.start().isAfter(endedAt) && !o.start().isAfter(now));
            drain = openedSince ? null : lastEnded.window();
        }
        return new ScheduleNow(true, current == null ? null : current.window(), current == null ? null : current.end(),
                List.copyOf(ramps), drain, standby, Map.copyOf(staged), Map.copyOf(atLeast), null, null, null);
    }

    /** Every moment after {@code now} within the lookahead at which a ramp starts, or a window opens or closes. */
    private TreeSet<Instant> boundaries(Instant now) {
        TreeSet<Instant> out = new TreeSet<>();
        for (Occurrence o : WindowCalendar.occurrences(windows, now, now.plus(LOOKAHEAD))) {
            for (Instant t : List.of(o.start().minus(lead(o.window())), o.start(), o.end())) {
                if (t.isAfter(now)) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static boolean sameValues(ScheduleNow a, ScheduleNow b) {
        return a.standby().equals(b.standby()) && a.stagedSessions().equals(b.stagedSessions())
                && a.stagedAtLeast().equals(b.stagedAtLeast()) && Objects.equals(a.windowName(), b.windowName());
    }
}
