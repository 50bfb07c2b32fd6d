package org.skyhold.app.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Durations and moments as an operator reads them: "12 s", "3 min", "2 h 5 min", "4 d 3 h", and ISO times to
 * the second. Two units at most, because "3 d 4 h 12 min 9 s" says no more than "3 d 4 h" at a glance.
 */
final class Durations {
    private Durations() {
    }

    /** How long from {@code from} to {@code now}; a moment slightly ahead (clock skew) reads as "0 s". */
    static String between(Instant from, Instant now) {
        return of(Duration.between(from, now));
    }

    static String of(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
        }
        return s / 86_400 + " d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + " h");
    }

    /** "12 s ago", or {@code never} when there is no moment. */
    static String ago(Instant at, Instant now, String never) {
        return at == null ? never : between(at, now) + " ago";
    }

    /** The moment in ISO form to the second, or "—". */
    static String iso(Instant at) {
        return at == null ? "—" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
