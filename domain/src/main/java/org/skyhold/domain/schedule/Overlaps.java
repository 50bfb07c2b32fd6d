package org.skyhold.domain.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The save-time rule that a zone's windows never overlap, with a message naming both windows and when. */
public final class Overlaps {
    private Overlaps() {
    }

    /**
     * Why {@code candidate} cannot join {@code others} (the zone's other windows, itself excluded), or empty when
     * it overlaps none of them from {@code now} on over the next year.
     */
    public static Optional<String> refusal(ScheduleWindow candidate, List<ScheduleWindow> others, Instant now) {
        for (ScheduleWindow other : others) {
            if (other.id() == candidate.id() && candidate.id() != 0) {
                continue;
            }
            Optional<Occurrence[]> hit = WindowCalendar.firstOverlap(candidate, other, now);
            if (hit.isPresent()) {
                Occurrence a = hit.get()[0];
                Occurrence b = hit.get()[1];
                Instant from = a.start().isAfter(b.start()) ? a.start() : b.start();
                return Optional.of("window \"" + candidate.name() + "\" overlaps window \"" + other.name()
                        + "\": both are open at " + from.atZone(candidate.timeZone()).toLocalDate() + " "
                        + ScheduleNow.local(from, candidate.timeZone()));
            }
        }
        return Optional.empty();
    }
}
