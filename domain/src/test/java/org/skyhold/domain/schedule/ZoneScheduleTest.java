package org.skyhold.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.skyhold.domain.schedule.Windows.EVERY_DAY;
import static org.skyhold.domain.schedule.Windows.WEEKDAYS;
import static org.skyhold.domain.schedule.Windows.window;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skyhold.domain.model.Capacity;

/** Which values are in force, stepping a clock minute by minute across window edges and DST changes. */
class ZoneScheduleTest {
    private static final Capacity ZONE = new Capacity(4, 0, 0);

    /** The standby cores at every minute of {@code [from, to)} where they change, as "time=cores/window". */
    private static Map<Instant, String> changes(ZoneSchedule schedule, String from, String to) {
        Map<Instant, String> out = new LinkedHashMap<>();
        String last = null;
        for (Instant t = Instant.parse(from); t.isBefore(Instant.parse(to)); t = t.plus(Duration.ofMinutes(1))) {
            ScheduleNow n = schedule.at(ZONE, t);
            String v = n.standby().cores() + "/" + n.windowName();
            if (!v.equals(last)) {
                out.put(t, v);
                last = v;
            }
        }
        return out;
    }

    @Test
    void businessHoursApplyFromOpeningToClosingAndTheZoneValuesOutside() {
        ZoneSchedule s = new ZoneSchedule(List.of(window("office", WEEKDAYS, "09:00", "18:00", "Europe/Berlin", 32)),
                null);
        assertThat(changes(s, "2026-12-07T00:00:00Z", "2026-12-08T00:00:00Z")).containsExactly(
                Map.entry(Instant.parse("2026-12-07T00:00:00Z"), "4/null"),
                Map.entry(Instant.parse("2026-12-07T08:00:00Z"), "32/office"),
                Map.entry(Instant.parse("2026-12-07T17:00:00Z"), "4/null"));
        assertThat(changes(s, "2026-12-12T00:00:00Z", "2026-12-14T00:00:00Z")).as("the weekend keeps the zone's values")
                .hasSize(1);
    }

    @Test
    void aNightWindowHoldsAcrossMidnightIntoTheNextDay() {
        ZoneSchedule s = new ZoneSchedule(List.of(window("night", EVERY_DAY, "22:00", "06:00", "UTC", 0)), null);
        assertThat(changes(s, "2026-12-07T12:00:00Z", "2026-12-08T12:00:00Z")).containsExactly(
                Map.entry(Instant.parse("2026-12-07T12:00:00Z"), "4/null"),
                Map.entry(Instant.parse("2026-12-07T22:00:00Z"), "0/night"),
                Map.entry(Instant.parse("2026-12-08T06:00:00Z"), "4/null"));
    }

    @Test
    void europeanSpringAndFallChangesKeepLocalTimes() {
        ZoneSchedule s = new ZoneSchedule(List.of(window("night", EVERY_DAY, "22:00", "06:00", "Europe/Berlin", 0)),
                null);
        assertThat(changes(s, "2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z")).containsExactly(
                Map.entry(Instant.parse("2026-03-28T12:00:00Z"), "4/null"),
                Map.entry(Instant.parse("2026-03-28T21:00:00Z"), "0/night"),
                Map.entry(Instant.parse("2026-03-29T04:00:00Z"), "4/null"));
        assertThat(changes(s, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z")).containsExactly(
                Map.entry(Instant.parse("2026-10-24T12:00:00Z"), "4/null"),
                Map.entry(Instant.parse("2026-10-24T20:00:00Z"), "0/night"),
                Map.entry(Instant.parse("2026-10-25T05:00:00Z"), "4/null"));
    }

    @Test
    void americanSpringAndFallChangesKeepLocalTimes() {
        ZoneSchedule s = new ZoneSchedule(List.of(window("office", EVERY_DAY, "01:00", "03:30", "America/New_York",
                16)), null);
        // spring: 01:00 EST = 06:00Z; 03:30 EDT = 07:30Z (the hour 02:00-03:00 does not exist)
        assertThat(changes(s, "2026-03-08T00:00:00Z", "2026-03-08T12:00:00Z")).containsExactly(
                Map.entry(Instant.parse("2026-03-08T00:00:00Z"), "4/null"),
                Map.entry(Instant.parse("2026-03-08T06:00:00Z"), "16/office"),
                Map.entry(Instant.parse("2026-03-08T07:30:00Z"), "4/null"));
        // fall: 01:00 EDT (first pass) = 05:00Z; 03:30 EST = 08:30Z (the hour 01:00-02:00 happens twice)
        assertThat(changes(s, "2026-11-01T00:00:00Z", "2026-11-01T12:00:00Z")).containsExactly(
                Map.entry(Instant.parse("2026-11-01T00:00:00Z"), "4/null"),
                Map.entry(Instant.parse("2026-11-01T05:00:00Z"), "16/office"),
                Map.entry(Instant.parse("2026-11-01T08:30:00Z"), "4/null"));
    }

    @Test
    void aLeadStartsTheHigherStandbyAheadOfTheOpeningAndNeverShrinksEarly() {
        ZoneSchedule s = new ZoneSchedule(List.of(window("office", WEEKDAYS, "09:00", "18:00", "UTC", 32, 20, false),
                window("night", WEEKDAYS, "18:00", "09:00", "UTC", 0, 30, false)), null);
        Map<Instant, String> c = changes(s, "2026-12-08T08:00:00Z", "2026-12-08T19:00:00Z");
        assertThat(c).containsExactly(
                Map.entry(Instant.parse("2026-12-08T08:00:00Z"), "0/night"),
                Map.entry(Instant.parse("2026-12-08T08:40:00Z"), "32/night"),
                Map.entry(Instant.parse("2026-12-08T09:00:00Z"), "32/office"),
                Map.entry(Instant.parse("2026-12-08T18:00:00Z"), "0/night"));
        assertThat(s.at(ZONE, Instant.parse("2026-12-08T08:45:00Z")).source()).isEqualTo("window \"night\" (until "
                + "09:00 UTC), ramping up for window \"office\" opening at 09:00 UTC (lead 20 min)");
    }

    @Test
    void aMeasuredBootTimeLongerThanTheLeadStartsTheRampEarlier() {
        ScheduleWindow office = window("office", WEEKDAYS, "09:00", "18:00", "UTC", 32, 5, false);
        ZoneSchedule s = new ZoneSchedule(List.of(office), Duration.ofMinutes(10));
        assertThat(s.lead(office)).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.at(ZONE, Instant.parse("2026-12-07T08:49:00Z")).standby().cores()).isEqualTo(4);
        ScheduleNow ramping = s.at(ZONE, Instant.parse("2026-12-07T08:50:00Z"));
        assertThat(ramping.standby().cores()).isEqualTo(32);
        assertThat(ramping.source()).endsWith("(lead 10 min, measured boot time 10 min)");
        assertThat(new ZoneSchedule(List.of(office), Duration.ofMinutes(2)).lead(office)).isEqualTo(
                Duration.ofMinutes(5));
        ScheduleWindow noLead = window("office", WEEKDAYS, "09:00", "18:00", "UTC", 32);
        assertThat(s.lead(noLead)).as("no lead asked: no ramp, whatever the boot time").isZero();
    }

    @Test
    void theNextChangeAndTheDashboardSummary() {
        ZoneSchedule s = new ZoneSchedule(List.of(window("office", WEEKDAYS, "09:00", "18:00", "Europe/Berlin", 32)),
                null);
        Instant monday = Instant.parse("2026-12-07T10:00:00Z");
        ScheduleNow n = s.at(ZONE, monday);
        assertThat(n.nextChangeAt()).isEqualTo(Instant.parse("2026-12-07T17:00:00Z"));
        assertThat(n.summary(monday)).isEqualTo("standby 32 cores until 18:00 Europe/Berlin, then 4");
        Instant friday = Instant.parse("2026-12-11T18:00:00Z");
        assertThat(s.at(ZONE, friday).nextChangeAt()).isEqualTo(Instant.parse("2026-12-14T08:00:00Z"));
        assertThat(s.at(ZONE, friday).summary(friday)).isEqualTo("standby 4 cores until Mon 09:00 Europe/Berlin, then 32");
        assertThat(ZoneSchedule.NONE.at(ZONE, monday).summary(monday)).isEqualTo("standby 4 cores");
        assertThat(ZoneSchedule.NONE.at(ZONE, monday).source()).as("a zone without windows reads as before").isNull();
    }

    @Test
    void drainAtEndHoldsFromTheClosingUntilAnotherWindowOpens() {
        ZoneSchedule s = new ZoneSchedule(List.of(window("office", WEEKDAYS, "09:00", "18:00", "UTC", 32, 0, true),
                window("late", WEEKDAYS, "20:00", "22:00", "UTC", 8)), null);
        assertThat(s.at(ZONE, Instant.parse("2026-12-07T17:59:00Z")).drainAfter()).isNull();
        assertThat(s.at(ZONE, Instant.parse("2026-12-07T18:00:00Z")).drainAfter().name()).isEqualTo("office");
        assertThat(s.at(ZONE, Instant.parse("2026-12-07T19:59:00Z")).drainAfter().name()).isEqualTo("office");
        assertThat(s.at(ZONE, Instant.parse("2026-12-07T20:00:00Z")).drainAfter()).isNull();
        assertThat(s.at(ZONE, Instant.parse("2026-12-07T23:00:00Z")).drainAfter()).as("late does not drain").isNull();
    }
}
